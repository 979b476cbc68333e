// Jest global set-up of the end-to-end project: the suite runs against the built package in a real
// n8n, so build it and make sure the pinned n8n is installed (minutes, once per machine).
import { execFileSync } from 'node:child_process';

import { REPO_DIR } from './harness';
import { installN8n } from './install';

export default async function globalSetup(): Promise<void> {
	process.stderr.write('\ne2e: building the package\n');
	execFileSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
	await installN8n({ log: (line) => process.stderr.write(line) });
}

// Jest global set-up of the queue-mode suite: Debian's redis-server and PostgreSQL must be there
// (a clear message naming the package otherwise), the package built, each n8n version installed.
import { execFileSync } from 'node:child_process';

import { REPO_DIR } from '../n8n/harness';
import { installN8n, n8nCacheDir } from '../n8n/install';
import { postgresBins, redisServerBin } from './services/binaries';
import { queueVersions } from './versions';

export default async function globalSetup(): Promise<void> {
	redisServerBin();
	postgresBins();
	process.stderr.write('\nqueue mode: building the package\n');
	execFileSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
	for (const version of queueVersions()) {
		await installN8n({ version, dir: n8nCacheDir(version), log: (line) => process.stderr.write(line) });
	}
}

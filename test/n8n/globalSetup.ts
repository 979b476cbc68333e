// Jest global set-up of an end-to-end project: the suite runs against the built package in a real
// n8n, so build it (once per jest run) and make sure the project's n8n is installed (minutes, once
// per machine). Each e2e project names its n8n in `globals.SEATABLE_E2E_N8N_VERSION`.
import { execFileSync } from 'node:child_process';

import { REPO_DIR } from './harness';
import { installN8n, n8nVersion } from './install';

interface ProjectConfig {
	globals?: Record<string, unknown>;
}

export default async function globalSetup(_globalConfig: unknown, projectConfig: ProjectConfig = {}): Promise<void> {
	if (!process.env.SEATABLE_E2E_BUILT) {
		process.stderr.write('\ne2e: building the package\n');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });
		process.env.SEATABLE_E2E_BUILT = '1';
	}
	const projectVersion = projectConfig.globals?.SEATABLE_E2E_N8N_VERSION;
	const version = process.env.SEATABLE_E2E_N8N_VERSION || (typeof projectVersion === 'string' ? projectVersion : n8nVersion());
	await installN8n({ version, log: (line) => process.stderr.write(line) });
}

// Installs a pinned n8n into a cache folder outside the clone, for the end-to-end tests and the demo.
//
//   npx tsx test/n8n/install.ts
//
// Env: SEATABLE_E2E_N8N_VERSION (default 2.41.1, what people install today; 2.8.4 is the oldest 2.x we test),
//      SEATABLE_E2E_N8N_DIR (default ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-seatable-realtime/n8n-<version>).
// An n8n whose `engines.node` the running Node does not satisfy (2.36 and later need Node 24) is
// installed and run with a Node from the npm registry (./nodeRuntime.ts).
import * as fs from 'fs';
import * as path from 'path';

import { cleanNpmEnv, run } from './command';
import { E2E_N8N_VERSIONS, hostPackageJson, isN8nInstalled, n8nBin, n8nCacheDir, n8nVersion, stampFile, stampFor } from './installedN8n';
import { withLock } from './installLock';
import { chooseRuntimeVersion, currentRuntime, runtimeEnv } from './nodeRuntime';
import { enginesNode, installNodeRuntime } from './runtimeInstall';

// The install's public face: what the e2e setup, the queue suite and the demo import from here.
export { cleanNpmEnv, run } from './command';
export { DEFAULT_N8N_VERSION, E2E_N8N_VERSIONS, isN8nInstalled, n8nBin, n8nCacheDir, n8nRuntime, n8nVersion } from './installedN8n';
export { installNodeRuntime } from './runtimeInstall';

export interface InstallResult {
	dir: string;
	version: string;
	/** False when a complete earlier install was found. */
	installed: boolean;
	seconds: number;
}

/** Installs n8n into the cache folder unless a complete install of the same version is already there. */
export async function installN8n(
	options: { version?: string; dir?: string; log?: (line: string) => void } = {},
): Promise<InstallResult> {
	const version = options.version ?? n8nVersion();
	const dir = options.dir ?? n8nCacheDir(version);
	const log = options.log ?? ((line: string) => process.stdout.write(line));
	const started = Date.now();
	if (isN8nInstalled(dir, version)) {
		log(`n8n ${version} is already installed in ${dir}\n`);
		return { dir, version, installed: false, seconds: 0 };
	}
	fs.mkdirSync(dir, { recursive: true });
	return withLock(dir, log, async () => {
		// Someone else may have finished while we waited for the lock.
		if (isN8nInstalled(dir, version)) {
			log(`n8n ${version} is already installed in ${dir}\n`);
			return { dir, version, installed: false, seconds: (Date.now() - started) / 1000 };
		}
		fs.rmSync(stampFile(dir), { force: true });
		const runtimeVersion = chooseRuntimeVersion(await enginesNode(version));
		const runtime = runtimeVersion ? await installNodeRuntime(runtimeVersion, log) : currentRuntime();
		const env = runtimeEnv(runtime, cleanNpmEnv());
		fs.writeFileSync(path.join(dir, 'package.json'), hostPackageJson(version));
		log(`Installing n8n ${version} into ${dir} for Node ${runtime.version} (a cold install takes several minutes)…\n`);
		if (runtime.current) {
			// Install scripts must run (sqlite3 builds its binding); a user npmrc may have turned them off.
			await run(
				'npm',
				['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=http', '--foreground-scripts=false'],
				{ cwd: dir, env, log: progressLogger(log) },
			);
		} else {
			// n8n 2.4x's tree has native builds that download sources (@confluentinc/kafka-javascript), which
			// fail without internet: install without scripts, then build only the two bindings n8n needs
			// against the headers that come with the registry's Node.
			await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=http'], {
				cwd: dir,
				env,
				log: progressLogger(log),
			});
			const natives = ['sqlite3', 'isolated-vm'].filter((name) => fs.existsSync(path.join(dir, 'node_modules', name)));
			log(`Building ${natives.join(' and ')} for Node ${runtime.version} (about two minutes)…\n`);
			await run('npm', ['rebuild', ...natives, `--nodedir=${runtime.dir}`, '--ignore-scripts=false', '--foreground-scripts=false'], {
				cwd: dir,
				env,
			});
		}
		log('Checking the install…\n');
		// sqlite3 without its compiled binding is the usual way an install looks complete but is not.
		await run(runtime.bin, ['-e', "require('sqlite3'); require('n8n/package.json')"], { cwd: dir, env });
		const { stdout } = await run(runtime.bin, [n8nBin(dir), '--version'], {
			cwd: dir,
			env: { ...env, N8N_DIAGNOSTICS_ENABLED: 'false' },
		});
		if (!stdout.includes(version)) throw new Error(`n8n --version printed ${JSON.stringify(stdout)}, expected ${version}`);
		fs.writeFileSync(stampFile(dir), JSON.stringify(stampFor(version, runtime)) + '\n');
		const seconds = (Date.now() - started) / 1000;
		log(`n8n ${version} installed in ${dir} (${seconds.toFixed(0)} s)\n`);
		return { dir, version, installed: true, seconds };
	});
}

// npm's http log is one line per fetched tarball, and n8n's tree gives hundreds of peer and engine
// warnings: print running counts instead (errors still come through, and in full on failure).
function progressLogger(log: (line: string) => void): (chunk: string) => void {
	let fetched = 0;
	let warnings = 0;
	let lastReport = 0;
	return (chunk) => {
		for (const line of chunk.split('\n')) {
			if (!line.trim()) continue;
			if (/^npm http/.test(line)) fetched++;
			else if (/^npm warn/.test(line)) warnings++;
			else log(`  ${line}\n`);
			if (Date.now() - lastReport > 15_000) {
				lastReport = Date.now();
				log(`  … ${fetched} registry requests, ${warnings} npm warning lines so far\n`);
			}
		}
	};
}

if (require.main === module) {
	// Every version the suite runs, or just SEATABLE_E2E_N8N_VERSION when it is set.
	const versions = process.env.SEATABLE_E2E_N8N_VERSION ? [n8nVersion()] : E2E_N8N_VERSIONS;
	(async () => {
		for (const version of versions) process.stdout.write(`${JSON.stringify(await installN8n({ version }))}\n`);
	})().catch((error: unknown) => {
		process.stderr.write(`n8n install failed: ${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	});
}

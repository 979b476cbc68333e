// Installs a pinned n8n into a cache folder outside the clone, for the end-to-end tests and the demo.
//
//   npx tsx test/n8n/install.ts
//
// Env: SEATABLE_E2E_N8N_VERSION (default 2.41.1, what people install today; 2.8.4 is the oldest 2.x we test),
//      SEATABLE_E2E_N8N_DIR (default ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-seatable-realtime/n8n-<version>).
// An n8n whose `engines.node` the running Node does not satisfy (2.36 and later need Node 24) is
// installed and run with a Node from the npm registry (./nodeRuntime.ts).
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
	cacheRoot,
	chooseRuntimeVersion,
	currentRuntime,
	installedRuntime,
	nodePackageName,
	runtimeDir,
	runtimeEnv,
	type NodeRuntime,
} from './nodeRuntime';

/** The n8n the end-to-end tests and the demo run by default. */
export const DEFAULT_N8N_VERSION = '2.41.1';
/** Every n8n that `npm test` runs the end-to-end suite on (main target first). */
export const E2E_N8N_VERSIONS = ['2.41.1', '2.8.4'];

// How long another process's install lock is respected before it counts as abandoned.
const LOCK_STALE_MS = 30 * 60 * 1000;

/** The env var wins; inside jest, the e2e project's `globals.SEATABLE_E2E_N8N_VERSION`; else the default. */
export function n8nVersion(): string {
	const projectVersion = (globalThis as { SEATABLE_E2E_N8N_VERSION?: unknown }).SEATABLE_E2E_N8N_VERSION;
	return process.env.SEATABLE_E2E_N8N_VERSION || (typeof projectVersion === 'string' ? projectVersion : DEFAULT_N8N_VERSION);
}

export function n8nCacheDir(version = n8nVersion()): string {
	if (process.env.SEATABLE_E2E_N8N_DIR) return path.resolve(process.env.SEATABLE_E2E_N8N_DIR);
	return path.join(cacheRoot(), `n8n-${version}`);
}

/** The n8n entry script inside an install folder (run it with `node`, so no shell or .bin shim is involved). */
export function n8nBin(dir = n8nCacheDir()): string {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

function hostPackageJson(version: string): string {
	return (
		JSON.stringify(
			{
				name: 'seatable-realtime-e2e-n8n-host',
				private: true,
				description: 'n8n installed for the end-to-end tests of n8n-nodes-seatable-realtime',
				dependencies: { n8n: version },
				// n8n depends on an xlsx tarball hosted outside the npm registry; this registry version replaces it.
				overrides: { xlsx: '0.18.5' },
			},
			null,
			'\t',
		) + '\n'
	);
}

/** Environment for npm in the host folder: drop npm settings inherited from an outer `npm run`. */
export function cleanNpmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

export function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void },
): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? cleanNpmEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			options.log?.(chunk.toString());
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			options.log?.(chunk.toString());
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) resolve({ stdout, stderr });
			else
				reject(
					new Error(
						`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${signal ?? code}\n${stderr.slice(-4000)}`,
					),
				);
		});
	});
}

function stampFile(dir: string): string {
	return path.join(dir, '.install-complete');
}

interface Stamp {
	version: string;
	/** Major of the Node that installed (and runs) it. */
	node: string;
	/** Set when n8n runs on a Node from the registry rather than the running one. */
	runtime?: string;
	hostPackageJson: string;
}

function stampFor(version: string, runtime: NodeRuntime): Stamp {
	// Tied to the host package.json and the Node that runs it, so changing either redoes the install.
	const hostPackageJsonHash = createHash('sha256').update(hostPackageJson(version)).digest('hex');
	return {
		version,
		node: runtime.version.split('.')[0],
		...(runtime.current ? {} : { runtime: runtime.version }),
		hostPackageJson: hostPackageJsonHash,
	};
}

function readStamp(dir: string): Partial<Stamp> {
	try {
		return JSON.parse(fs.readFileSync(stampFile(dir), 'utf8')) as Partial<Stamp>;
	} catch {
		return {};
	}
}

export function isN8nInstalled(dir = n8nCacheDir(), version = n8nVersion()): boolean {
	const stamp = readStamp(dir);
	if (!fs.existsSync(n8nBin(dir)) || stamp.version !== version) return false;
	const runtime = stamp.runtime ? installedRuntime(stamp.runtime) : currentRuntime();
	if (!runtime) return false;
	const expected = stampFor(version, runtime);
	return stamp.node === expected.node && stamp.hostPackageJson === expected.hostPackageJson;
}

/** The Node that runs the n8n installed in `dir` (the running Node unless the install chose another). */
export function n8nRuntime(dir = n8nCacheDir()): NodeRuntime {
	const { runtime } = readStamp(dir);
	if (!runtime) return currentRuntime();
	const installed = installedRuntime(runtime);
	if (!installed) throw new Error(`n8n in ${dir} needs Node ${runtime}, which is not installed in ${runtimeDir(runtime)}`);
	return installed;
}

/** n8n's `engines.node`, asked of the registry before installing. */
async function enginesNode(version: string): Promise<string | undefined> {
	const { stdout } = await run('npm', ['view', `n8n@${version}`, 'engines', '--json'], { cwd: os.tmpdir() });
	if (!stdout.trim()) return undefined;
	return (JSON.parse(stdout) as { node?: string }).node;
}

/** Unpacks Node `version` from the npm registry into the cache (once per machine). */
export async function installNodeRuntime(version: string, log: (line: string) => void): Promise<NodeRuntime> {
	const ready = installedRuntime(version);
	if (ready) return ready;
	const dir = runtimeDir(version);
	fs.mkdirSync(dir, { recursive: true });
	return withLock(dir, log, async () => {
		const again = installedRuntime(version);
		if (again) return again;
		const spec = `${nodePackageName()}@${version}`;
		log(`Installing Node.js ${version} from the npm registry (${spec}) into ${dir}…\n`);
		const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-node-'));
		try {
			const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', packDir], { cwd: packDir });
			const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
			await run('tar', ['-xzf', path.join(packDir, path.basename(filename)), '-C', dir, '--strip-components=1'], { cwd: packDir });
		} finally {
			fs.rmSync(packDir, { recursive: true, force: true });
		}
		fs.writeFileSync(path.join(dir, '.install-complete'), `${spec}\n`);
		const runtime = installedRuntime(version);
		if (!runtime) throw new Error(`${spec} unpacked into ${dir} but has no bin/node`);
		const { stdout } = await run(runtime.bin, ['--version'], { cwd: dir });
		if (stdout.trim() !== `v${version}`) throw new Error(`${runtime.bin} --version printed ${stdout.trim()}, expected v${version}`);
		return runtime;
	});
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A lock folder keeps two installs (say a test run and the demo) from running npm in one folder at once.
async function withLock<T>(dir: string, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
	const lock = path.join(dir, '.install-lock');
	for (let waitedLogged = false; ; ) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (lockIsAbandoned(lock)) {
				log(`Removing an abandoned install lock ${lock}\n`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waitedLogged) log(`Another process is installing n8n in ${dir}; waiting for it…\n`);
			waitedLogged = true;
			await sleep(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function lockIsAbandoned(lock: string): boolean {
	try {
		const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		if (pid) {
			try {
				process.kill(pid, 0);
			} catch (error) {
				// ESRCH: no such process, so nobody holds the lock any more.
				if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
			}
		}
		return Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS;
	} catch {
		// The pid file is written right after mkdir; give a fresh lock that moment.
		try {
			return Date.now() - fs.statSync(lock).mtimeMs > 10_000;
		} catch {
			return true;
		}
	}
}

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

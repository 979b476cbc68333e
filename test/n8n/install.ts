// Installs a pinned n8n into a cache folder outside the clone, for the end-to-end tests and the demo.
//
//   npx tsx test/n8n/install.ts
//
// Env: SEATABLE_E2E_N8N_VERSION (default 2.8.4, the newest n8n that starts on Node 20),
//      SEATABLE_E2E_N8N_DIR (default ${XDG_CACHE_HOME:-~/.cache}/n8n-nodes-seatable-realtime/n8n-<version>).
import { spawn } from 'child_process';
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const DEFAULT_N8N_VERSION = '2.8.4';

// How long another process's install lock is respected before it counts as abandoned.
const LOCK_STALE_MS = 30 * 60 * 1000;

export function n8nVersion(): string {
	return process.env.SEATABLE_E2E_N8N_VERSION || DEFAULT_N8N_VERSION;
}

export function n8nCacheDir(version = n8nVersion()): string {
	if (process.env.SEATABLE_E2E_N8N_DIR) return path.resolve(process.env.SEATABLE_E2E_N8N_DIR);
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-seatable-realtime', `n8n-${version}`);
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

function stampContent(version: string): string {
	// Tied to the host package.json, so changing the pin or the override redoes the install.
	const hash = createHash('sha256').update(hostPackageJson(version)).digest('hex');
	return JSON.stringify({ version, node: process.versions.node.split('.')[0], hostPackageJson: hash });
}

export function isN8nInstalled(dir = n8nCacheDir(), version = n8nVersion()): boolean {
	try {
		return fs.readFileSync(stampFile(dir), 'utf8').trim() === stampContent(version) && fs.existsSync(n8nBin(dir));
	} catch {
		return false;
	}
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
		fs.writeFileSync(path.join(dir, 'package.json'), hostPackageJson(version));
		log(`Installing n8n ${version} into ${dir} (a cold install takes several minutes; sqlite3 may compile)…\n`);
		// Install scripts must run (sqlite3 builds its binding); a user npmrc may have turned them off.
		await run(
			'npm',
			['install', '--no-audit', '--no-fund', '--ignore-scripts=false', '--loglevel=http', '--foreground-scripts=false'],
			{ cwd: dir, log: progressLogger(log) },
		);
		log('Checking the install…\n');
		// sqlite3 without its compiled binding is the usual way an install looks complete but is not.
		await run(process.execPath, ['-e', "require('sqlite3'); require('n8n/package.json')"], { cwd: dir });
		const { stdout } = await run(process.execPath, [n8nBin(dir), '--version'], {
			cwd: dir,
			env: cleanNpmEnv({ N8N_DIAGNOSTICS_ENABLED: 'false' }),
		});
		if (!stdout.includes(version)) throw new Error(`n8n --version printed ${JSON.stringify(stdout)}, expected ${version}`);
		fs.writeFileSync(stampFile(dir), stampContent(version) + '\n');
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
	installN8n().then(
		(result) => {
			process.stdout.write(`${JSON.stringify(result)}\n`);
		},
		(error: unknown) => {
			process.stderr.write(`n8n install failed: ${error instanceof Error ? error.message : String(error)}\n`);
			process.exitCode = 1;
		},
	);
}

// The n8n process of a test: a throwaway user folder, n8n started behind the guardian in a process
// group of its own, waited for until ready, and stopped, restarted or crashed without leaving a
// process behind. What n8n prints goes to one log file per instance.
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setTimeout as delay } from 'node:timers/promises';

import { n8nEnvironment } from './environment';
import { GUARDIAN_SCRIPT } from './guardian';
import { installN8n } from './install';
import { isN8nInstalled, n8nBin, n8nCacheDir, n8nRuntime, n8nVersion } from './installedN8n';
import { runtimeEnv } from './nodeRuntime';
import { isAlive, processTree, signal, signalGroup } from './processTree';

export interface StartOptions {
	/** Folder used as N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`). Default: a new temp folder. */
	userFolder?: string;
	/** Extra environment for n8n, applied last (so it can override the defaults in ./environment.ts). */
	env?: NodeJS.ProcessEnv;
	/** n8n install folder (default: the cache folder of ./install.ts). */
	n8nDir?: string;
	/** Port for n8n's HTTP server (editor, REST, webhooks). Default: a free one. */
	port?: number;
	/** Where n8n's stdout/stderr go. Default: `<userFolder>/n8n.log`. */
	logFile?: string;
	/** How long to wait for n8n to become ready. */
	startTimeoutMs?: number;
	/** Repo folders whose built package to install before the first start. */
	packages?: string[];
	/** Print progress lines (default: to stderr, unless SEATABLE_E2E_QUIET is set). */
	log?: (line: string) => void;
	/** n8n command and flags (default `start`; e.g. `worker --concurrency=5` in queue mode). */
	command?: string[];
	/** For a command without the editor (a worker): the log line that says it is ready. */
	readyLine?: string;
}

// Instances still running, killed hard if the test process exits without stopping them.
const running = new Set<N8nProcess>();
process.once('exit', () => {
	for (const instance of running) instance.killNow();
});

export class N8nProcess {
	readonly userFolder: string;
	readonly logFile: string;
	readonly n8nDir: string;
	readonly version: string;
	readonly port: number;
	readonly brokerPort: number;
	readonly baseUrl: string;
	/** Seconds the last start() took until n8n was ready. */
	lastStartSeconds?: number;
	/** The Node.js version n8n runs on (known once started). */
	nodeVersion?: string;

	private child?: ChildProcess;
	private exited?: Promise<void>;
	private readonly extraEnv: NodeJS.ProcessEnv;
	private readonly startTimeoutMs: number;
	private readonly ownsUserFolder: boolean;
	protected readonly log: (line: string) => void;
	private readonly command: string[];
	private readonly readyLine?: string;

	protected constructor(options: StartOptions & { port: number; brokerPort: number }) {
		this.ownsUserFolder = !options.userFolder;
		this.userFolder = options.userFolder
			? path.resolve(options.userFolder)
			: fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-n8n-'));
		fs.mkdirSync(this.userFolder, { recursive: true });
		this.logFile = options.logFile ?? path.join(this.userFolder, 'n8n.log');
		this.version = n8nVersion();
		this.n8nDir = options.n8nDir ?? n8nCacheDir(this.version);
		this.port = options.port;
		this.brokerPort = options.brokerPort;
		this.baseUrl = `http://127.0.0.1:${this.port}`;
		this.extraEnv = options.env ?? {};
		this.startTimeoutMs = options.startTimeoutMs ?? 180_000;
		this.command = options.command ?? ['start'];
		this.readyLine = options.readyLine;
		this.log =
			options.log ?? ((line) => (process.env.SEATABLE_E2E_QUIET ? undefined : process.stderr.write(`[n8n] ${line}\n`)));
	}

	get nodesDir(): string {
		return path.join(this.userFolder, '.n8n', 'nodes');
	}

	get pid(): number | undefined {
		return this.child?.pid;
	}

	get isRunning(): boolean {
		return !!this.child && this.child.exitCode === null && this.child.signalCode === null;
	}

	async start(): Promise<void> {
		if (this.isRunning) throw new Error('n8n is already running');
		// Minutes when cold; `npx tsx test/n8n/install.ts` does it up front.
		if (!isN8nInstalled(this.n8nDir, this.version)) {
			await installN8n({ version: this.version, dir: this.n8nDir, log: (line) => this.log(line.trimEnd()) });
		}
		const started = Date.now();
		fs.appendFileSync(this.logFile, `\n===== n8n ${this.version} start at ${new Date().toISOString()} =====\n`);
		const out = fs.openSync(this.logFile, 'a');
		this.log(`starting n8n ${this.version} on ${this.baseUrl} (user folder ${this.userFolder}, log ${this.logFile})`);
		// A process group of its own: a terminal's Ctrl-C reaches the harness (which then stops n8n in
		// order) rather than n8n directly, and stop() can kill the whole group as a last resort. The
		// guardian in front of n8n stops it should this process die without stopping it.
		// n8n 2.36 and later run on a Node from the registry (install.ts); the guardian starts n8n with its own
		// binary, and PATH leads to it for n8n's task runner.
		const runtime = n8nRuntime(this.n8nDir);
		this.nodeVersion = runtime.version;
		const child = spawn(runtime.bin, ['-e', GUARDIAN_SCRIPT, n8nBin(this.n8nDir), ...this.command], {
			cwd: this.userFolder,
			env: runtimeEnv(
				runtime,
				n8nEnvironment({ version: this.version, userFolder: this.userFolder, port: this.port, brokerPort: this.brokerPort, extraEnv: this.extraEnv }),
			),
			stdio: ['ignore', out, out, 'ipc'],
			detached: true,
		});
		fs.closeSync(out);
		// The IPC channel is only there to close when we die: it must not keep us alive.
		child.channel?.unref();
		child.on('error', (error) => fs.appendFileSync(this.logFile, `harness: spawning n8n failed: ${error.message}\n`));
		this.child = child;
		running.add(this);
		this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
		child.once('exit', () => running.delete(this));
		try {
			await this.waitUntilReady(started);
		} catch (error) {
			await this.stop().catch(() => undefined);
			throw new Error(`${(error as Error).message}\n--- last lines of ${this.logFile} ---\n${this.logTail(60)}`);
		}
		this.lastStartSeconds = (Date.now() - started) / 1000;
		this.log(`n8n ready after ${this.lastStartSeconds.toFixed(1)} s (pid ${child.pid})`);
	}

	/** Stops n8n (same user folder and ports are kept) and starts it again; login cookie and API key stay valid. */
	async restart(): Promise<void> {
		await this.stop();
		await this.start();
	}

	/**
	 * SIGTERM to n8n (which then stops its task runners itself), SIGKILL after the grace period; then
	 * makes sure no process of its group or below it is left. Returns the ids of the processes it found.
	 */
	async stop(graceMs = 20_000): Promise<number[]> {
		const child = this.child;
		if (!child?.pid) return [];
		const pgid = child.pid;
		const pids = new Set<number>([pgid, ...processTree(pgid)]);
		if (this.isRunning) {
			signal(pgid, 'SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const exitedInTime = await Promise.race([
				this.exited!.then(() => true),
				new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs))),
			]);
			clearTimeout(timer);
			if (!exitedInTime) this.log(`n8n did not stop within ${graceMs} ms; killing it`);
		}
		// Runners can outlive the main process for a moment, and a hung n8n needs the hard way.
		for (const pid of processTree(pgid)) pids.add(pid);
		const deadline = Date.now() + 10_000;
		while ([...pids].some(isAlive) || (child.exitCode === null && child.signalCode === null)) {
			if (Date.now() > deadline) {
				throw new Error(`processes still alive after SIGKILL: ${[...pids].filter(isAlive).join(', ')}`);
			}
			signalGroup(pgid, 'SIGKILL');
			for (const pid of pids) if (isAlive(pid)) signal(pid, 'SIGKILL');
			await delay(200);
		}
		running.delete(this);
		this.child = undefined;
		return [...pids];
	}

	/** A crash: SIGKILL to n8n and everything it started, no shutdown. start() works again afterwards. */
	async crash(): Promise<void> {
		const child = this.child;
		if (!child?.pid) return;
		const pids = [child.pid, ...processTree(child.pid)];
		this.killNow();
		const deadline = Date.now() + 10_000;
		while (pids.some(isAlive) || (child.exitCode === null && child.signalCode === null)) {
			if (Date.now() > deadline) throw new Error(`processes still alive after SIGKILL: ${pids.filter(isAlive).join(', ')}`);
			await delay(100);
		}
		running.delete(this);
		this.child = undefined;
	}

	/** Synchronous last resort, used at process exit. */
	killNow(): void {
		if (!this.child?.pid) return;
		const pids = processTree(this.child.pid);
		signalGroup(this.child.pid, 'SIGKILL');
		for (const pid of pids) signal(pid, 'SIGKILL');
	}

	/** Removes the temp user folder this instance created (keep it, e.g. on failure, to read the log). */
	cleanup(): void {
		if (this.isRunning) throw new Error('stop() n8n before cleanup()');
		if (this.ownsUserFolder) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}

	logTail(lines = 40): string {
		try {
			return fs.readFileSync(this.logFile, 'utf8').split('\n').slice(-lines).join('\n');
		} catch {
			return '(no log)';
		}
	}

	private async waitUntilReady(started: number): Promise<void> {
		const deadline = started + this.startTimeoutMs;
		const check = async (url: string) => {
			try {
				const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
				const ok = response.ok && (response.headers.get('content-type') ?? '').includes('application/json');
				await response.arrayBuffer();
				return ok;
			} catch {
				return false;
			}
		};
		// healthz answers as soon as the HTTP server listens, readiness once the database is migrated,
		// /rest/settings once the REST routes exist; n8n logs "Editor is now accessible" after it
		// also activated the active workflows.
		const readyLine = this.readyLine;
		const steps = readyLine
			? [{ what: `"${readyLine}" in the log`, ok: async () => this.logSinceLastStart().includes(readyLine) }]
			: [
			{ what: '/healthz', ok: () => check(`${this.baseUrl}/healthz`) },
			{ what: '/healthz/readiness', ok: () => check(`${this.baseUrl}/healthz/readiness`) },
			{ what: '/rest/settings', ok: () => check(`${this.baseUrl}/rest/settings`) },
			{ what: '"Editor is now accessible" in the log', ok: async () => this.logSinceLastStart().includes('Editor is now accessible') },
				];
		for (const step of steps) {
			while (!(await step.ok())) {
				if (!this.isRunning) {
					throw new Error(`n8n exited (${this.child?.exitCode ?? this.child?.signalCode}) before ${step.what} was ready`);
				}
				if (Date.now() > deadline) throw new Error(`n8n not ready within ${this.startTimeoutMs} ms (waiting for ${step.what})`);
				await delay(250);
			}
		}
	}

	private logSinceLastStart(): string {
		try {
			const text = fs.readFileSync(this.logFile, 'utf8');
			return text.slice(text.lastIndexOf('===== n8n '));
		} catch {
			return '';
		}
	}
}

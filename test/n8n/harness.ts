// Drives a real n8n (installed by ./install.ts) for end-to-end tests and the demo: a throwaway user
// folder, our package installed the way n8n's community-package installer does it, owner and
// public-API key set up through n8n's REST API, and helpers over the public API (/api/v1).
//
//   const n8n = await N8nInstance.create();
//   await n8n.installPackage(repoDir); // after `npm run build`
//   await n8n.start();
//   await n8n.setupOwner();
//   await n8n.createApiKey();
//   …
//   await n8n.stop();
//
// Endpoints were checked against n8n 2.8.4's compiled sources (node_modules/n8n/dist) and by running it.
import { spawn, type ChildProcess } from 'child_process';
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { GUARDIAN_SCRIPT } from './guardian';
import { cleanNpmEnv, installN8n, isN8nInstalled, n8nBin, n8nCacheDir, n8nRuntime, n8nVersion, run } from './install';
import { runtimeEnv } from './nodeRuntime';

export const REPO_DIR = path.resolve(__dirname, '..', '..');
export const CREDENTIAL_TYPE = 'seaTableRealtimeApi';

export interface Owner {
	email: string;
	password: string;
	firstName: string;
	lastName: string;
}

export const DEFAULT_OWNER: Owner = {
	email: 'owner@seatable-realtime.test',
	// n8n wants 8–64 characters with a digit and an upper-case letter.
	password: 'E2e-Owner-Passw0rd',
	firstName: 'E2E',
	lastName: 'Owner',
};

export interface StartOptions {
	/** Folder used as N8N_USER_FOLDER (n8n keeps its data in `<userFolder>/.n8n`). Default: a new temp folder. */
	userFolder?: string;
	/** Extra environment for n8n, applied last (so it can override the defaults below). */
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

export interface CredentialTestResult {
	status: 'OK' | 'Error' | string;
	message: string;
}

export interface Execution {
	id: string | number;
	finished: boolean;
	mode: string;
	status: string;
	startedAt: string;
	stoppedAt: string | null;
	workflowId: string;
	data?: {
		resultData: {
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown }>>;
			error?: { message?: string };
			lastNodeExecuted?: string;
		};
	};
	[key: string]: unknown;
}

export interface WorkflowInput {
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	staticData?: Record<string, unknown> | null;
}

export interface Workflow extends WorkflowInput {
	id: string;
	active: boolean;
	[key: string]: unknown;
}

export class HttpError extends Error {
	constructor(
		readonly method: string,
		readonly url: string,
		readonly status: number,
		readonly body: string,
	) {
		super(`${method} ${url} answered ${status}: ${body.slice(0, 1000)}`);
	}
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface PublicationStatus {
	status: 'in_progress' | 'not_published' | 'published' | 'partial' | 'failed' | string;
	triggers: Array<{ nodeId: string; status: string; errorMessage?: string | null }>;
	[key: string]: unknown;
}

/** A workflow whose activation failed: n8n's message (2.41: the trigger's publication error). */
export class PublicationError extends Error {
	constructor(
		readonly workflowId: string,
		readonly status: string,
		readonly triggers: PublicationStatus['triggers'],
		readonly n8nMessage: string,
		readonly cause?: unknown,
	) {
		super(`workflow ${workflowId} was not published (${status}): ${n8nMessage}`);
	}
}

/** Asks the kernel for a free TCP port on 127.0.0.1 (free now; another process could still take it). */
export async function getFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** `preferred` if it is free on 127.0.0.1, else the next free one above it (for fixed, memorable ports). */
export async function firstFreePort(preferred: number, tries = 50): Promise<number> {
	for (let port = preferred; port < preferred + tries; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const server = net.createServer();
			server.unref();
			server.once('error', () => resolve(false));
			server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
		});
		if (free) return port;
	}
	return getFreePort();
}

// Instances still running, killed hard if the test process exits without stopping them.
const running = new Set<N8nInstance>();
process.once('exit', () => {
	for (const instance of running) instance.killNow();
});

export class N8nInstance {
	readonly userFolder: string;
	readonly logFile: string;
	readonly n8nDir: string;
	readonly version: string;
	readonly port: number;
	readonly brokerPort: number;
	readonly baseUrl: string;
	/** Sent with every REST call: n8n binds its auth cookie to this header. */
	readonly browserId = randomUUID();
	owner: Owner = DEFAULT_OWNER;
	apiKey?: string;
	/** Seconds the last start() took until n8n was ready. */
	lastStartSeconds?: number;
	/** The Node.js version n8n runs on (known once started). */
	nodeVersion?: string;

	private cookie?: string;
	private child?: ChildProcess;
	private exited?: Promise<void>;
	private readonly extraEnv: NodeJS.ProcessEnv;
	private readonly startTimeoutMs: number;
	private readonly ownsUserFolder: boolean;
	private readonly log: (line: string) => void;
	private readonly command: string[];
	private readonly readyLine?: string;

	private constructor(options: StartOptions & { port: number; brokerPort: number }) {
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

	/** A stopped instance with its user folder and ports chosen: install packages into it, then start(). */
	static async create(options: StartOptions = {}): Promise<N8nInstance> {
		const port = options.port ?? (await getFreePort());
		let brokerPort = await getFreePort();
		while (brokerPort === port) brokerPort = await getFreePort();
		return new N8nInstance({ ...options, port, brokerPort });
	}

	/** create(), install options.packages, start(). */
	static async start(options: StartOptions = {}): Promise<N8nInstance> {
		const instance = await N8nInstance.create(options);
		for (const repoDir of options.packages ?? []) await instance.installPackage(repoDir);
		await instance.start();
		return instance;
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

	/** Packs the built repo and installs it into this user folder, like n8n's community installer. Call while stopped. */
	async installPackage(repoDir = REPO_DIR): Promise<void> {
		if (this.isRunning) throw new Error('installPackage() needs a stopped n8n: n8n loads packages at start');
		await installPackageIntoUserFolder(repoDir, this.userFolder, this.log);
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
			env: runtimeEnv(runtime, this.environment()),
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
			await sleep(200);
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
			await sleep(100);
		}
		running.delete(this);
		this.child = undefined;
	}

	/**
	 * Runs SQL against the instance's SQLite database with n8n's own sqlite3 module (so no client needs
	 * to be installed), returning the rows. For counting what n8n stored, including crashed executions.
	 */
	async sqlite<T = Record<string, unknown>>(sql: string): Promise<T[]> {
		const script = `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.all(process.argv[2], (error, rows) => {
	if (error) { process.stderr.write(String(error)); process.exit(1); }
	process.stdout.write(JSON.stringify(rows));
	db.close();
});`;
		const runtime = n8nRuntime(this.n8nDir);
		const { stdout } = await run(runtime.bin, ['-e', script, path.join(this.userFolder, '.n8n', 'database.sqlite'), sql], {
			cwd: this.n8nDir,
		});
		return JSON.parse(stdout) as T[];
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

	/** URL of a production webhook of an active workflow (`test` for the editor's test webhook). */
	webhookUrl(webhookPath: string, test = false): string {
		return `${this.baseUrl}/${test ? 'webhook-test' : 'webhook'}/${webhookPath.replace(/^\/+/, '')}`;
	}

	// ---- owner, login, API key (internal REST API under /rest, cookie auth) ----

	/** Creates the instance owner (only possible once per user folder) and keeps the login cookie. */
	async setupOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		this.owner = owner;
		await this.rest('POST', '/owner/setup', owner);
		if (!this.cookie) throw new Error('owner setup answered without an auth cookie');
	}

	async login(owner: Owner = this.owner): Promise<void> {
		this.owner = owner;
		this.cookie = undefined;
		// emailOrLdapLoginId in n8n 1.123 and 2.8 alike.
		await this.rest('POST', '/login', { emailOrLdapLoginId: owner.email, password: owner.password });
		if (!this.cookie) throw new Error('login answered without an auth cookie');
	}

	/** Owner setup on a fresh user folder, login when the owner exists already (e.g. a reused folder). */
	async ensureOwner(owner: Owner = DEFAULT_OWNER): Promise<void> {
		try {
			await this.setupOwner(owner);
		} catch (error) {
			if (!(error instanceof HttpError) || error.status !== 400) throw error;
			await this.login(owner);
		}
	}

	/** Creates a public-API key with every scope the owner may have, and uses it from now on. */
	async createApiKey(label = `e2e-${Date.now()}`): Promise<string> {
		// Unlicensed n8n grants all the role's scopes anyway; asking for them keeps the request valid.
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes').catch((error: unknown) => {
			if (error instanceof HttpError && error.status === 404) return undefined; // n8n before API-key scopes
			throw error;
		});
		const body: Record<string, unknown> = { label };
		if (scopes) {
			body.scopes = scopes;
			body.expiresAt = null;
		}
		const created = await this.rest<{ rawApiKey?: string; apiKey: string }>('POST', '/api-keys', body);
		this.apiKey = created.rawApiKey ?? created.apiKey;
		if (!this.apiKey) throw new Error(`API key creation answered ${JSON.stringify(created)}`);
		return this.apiKey;
	}

	/** ensureOwner() + createApiKey(): ready for the public API. */
	async setup(owner: Owner = DEFAULT_OWNER): Promise<void> {
		await this.ensureOwner(owner);
		if (!this.apiKey) await this.createApiKey();
	}

	/** Call n8n's internal REST API (what the editor uses); answers are unwrapped from `{ data }`. */
	async rest<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		const headers: Record<string, string> = { 'browser-id': this.browserId, accept: 'application/json' };
		if (this.cookie) headers.cookie = this.cookie;
		const response = await this.request(method, `${this.baseUrl}/rest${route}`, headers, body);
		this.keepAuthCookie(response.headers);
		const json = response.json as { data?: T } | undefined;
		return (json && typeof json === 'object' && 'data' in json ? json.data : json) as T;
	}

	// ---- public API (/api/v1, X-N8N-API-KEY) ----

	async api<T = unknown>(method: string, route: string, body?: unknown): Promise<T> {
		if (!this.apiKey) throw new Error('no API key yet: call createApiKey() or setup() first');
		const response = await this.request(
			method,
			`${this.baseUrl}/api/v1${route}`,
			{ 'X-N8N-API-KEY': this.apiKey, accept: 'application/json' },
			body,
		);
		return response.json as T;
	}

	async createCredential(
		data: { serverUrl: string; apiToken: string; ignoreSslIssues?: boolean } | Record<string, unknown>,
		options: { name?: string; type?: string } = {},
	): Promise<{ id: string; name: string; type: string }> {
		const type = options.type ?? CREDENTIAL_TYPE;
		const body = { ...(type === CREDENTIAL_TYPE ? { ignoreSslIssues: false } : {}), ...data };
		// n8n 2.x adds a domain restriction to credentials that authenticate requests, and its schema
		// then demands `allowedDomains` unless `allowedHttpRequestDomains` is given; the editor sends 'all'.
		const schema = await this.credentialSchema(type);
		if ('allowedHttpRequestDomains' in (schema.properties ?? {}) && !('allowedHttpRequestDomains' in body)) {
			Object.assign(body, { allowedHttpRequestDomains: 'all' });
		}
		return this.api('POST', '/credentials', { name: options.name ?? `SeaTable e2e ${Date.now()}`, type, data: body });
	}

	/** Stored credentials without their secrets (REST: the public API only lists them from n8n 2.x on). */
	async listCredentials(): Promise<Array<{ id: string; name: string; type: string }>> {
		return this.rest('GET', '/credentials');
	}

	async deleteCredential(id: string): Promise<void> {
		await this.api('DELETE', `/credentials/${id}`);
	}

	/** The JSON schema n8n derives from a credential type's properties (404 for a type n8n does not know). */
	async credentialSchema(type = CREDENTIAL_TYPE): Promise<{ properties: Record<string, unknown>; required?: string[] }> {
		return this.api('GET', `/credentials/schema/${type}`);
	}

	async createWorkflow(workflow: WorkflowInput): Promise<Workflow> {
		// The public API rejects properties outside its schema (id, active, pinData, …).
		const { name, nodes, connections, settings, staticData } = workflow;
		const body: Record<string, unknown> = { name, nodes, connections, settings: settings ?? { executionOrder: 'v1' } };
		if (staticData !== undefined) body.staticData = staticData;
		return this.api('POST', '/workflows', body);
	}

	async getWorkflow(id: string): Promise<Workflow> {
		return this.api('GET', `/workflows/${id}`);
	}

	/**
	 * Activates ("publishes") a workflow and waits until its triggers run, as the editor does. n8n 2.41
	 * publishes asynchronously: the call answers at once, and the outcome (including a trigger's
	 * activation error) appears in `GET /rest/workflows/:id/publication-status`. Older n8n activates
	 * within the call and answers an activation error with 400. Either way a failed activation
	 * throws a PublicationError carrying n8n's message.
	 */
	async activateWorkflow(id: string, options: { timeoutMs?: number } = {}): Promise<Workflow> {
		const workflow = await this.api<Workflow>('POST', `/workflows/${id}/activate`).catch((error: unknown) => {
			if (error instanceof HttpError && error.status === 400) throw new PublicationError(id, 'failed', [], error.body, error);
			throw error;
		});
		await this.waitForPublication(id, options.timeoutMs);
		return workflow;
	}

	/** n8n 2.41's publication status of a workflow; undefined on an n8n without asynchronous publication. */
	async publicationStatus(id: string): Promise<PublicationStatus | undefined> {
		try {
			return await this.rest<PublicationStatus>('GET', `/workflows/${id}/publication-status`);
		} catch (error) {
			if (error instanceof HttpError && error.status === 404 && !error.body.includes('"status"')) return undefined;
			throw error;
		}
	}

	/** Polls the publication status until it settles; throws PublicationError when a trigger failed. */
	async waitForPublication(id: string, timeoutMs = 60_000): Promise<PublicationStatus | undefined> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (!status) return undefined;
			const failed = status.triggers.filter((trigger) => trigger.status === 'failed');
			if (failed.length > 0) {
				const message = failed.map((trigger) => trigger.errorMessage ?? '(no message)').join('; ');
				throw new PublicationError(id, status.status, status.triggers, message);
			}
			if (status.status === 'published') return status;
			if (Date.now() > deadline) {
				throw new PublicationError(id, status.status, status.triggers, `still ${status.status} after ${timeoutMs} ms`);
			}
			await sleep(200);
		}
	}

	/** Deactivates ("unpublishes") a workflow and, on n8n 2.41, waits until its triggers are closed. */
	async deactivateWorkflow(id: string, timeoutMs = 60_000): Promise<Workflow> {
		const workflow = await this.api<Workflow>('POST', `/workflows/${id}/deactivate`);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const status = await this.publicationStatus(id);
			if (!status || status.status === 'not_published') return workflow;
			if (Date.now() > deadline) throw new Error(`workflow ${id} still ${status.status} ${timeoutMs} ms after deactivation`);
			await sleep(200);
		}
	}

	async deleteWorkflow(id: string): Promise<void> {
		await this.api('DELETE', `/workflows/${id}`);
	}

	/** Executions of a workflow, newest first (one page of up to `limit`, max 250). */
	async listExecutions(
		workflowId: string,
		options: { includeData?: boolean; status?: string; limit?: number } = {},
	): Promise<Execution[]> {
		const query = new URLSearchParams({
			workflowId,
			includeData: String(options.includeData ?? true),
			limit: String(options.limit ?? 100),
		});
		if (options.status) query.set('status', options.status);
		const page = await this.api<{ data: Execution[] }>('GET', `/executions?${query}`);
		return page.data;
	}

	async getExecution(id: string | number, includeData = true): Promise<Execution> {
		return this.api('GET', `/executions/${id}?includeData=${includeData}`);
	}

	/**
	 * Polls until the workflow has at least `count` (up to 250) finished executions (any status but
	 * running/new/waiting), and returns those with their data.
	 */
	async waitForExecutions(
		workflowId: string,
		options: { count?: number; timeoutMs?: number; intervalMs?: number } = {},
	): Promise<Execution[]> {
		const count = options.count ?? 1;
		const deadline = Date.now() + (options.timeoutMs ?? 30_000);
		const isDone = (execution: Execution) => !['running', 'new', 'waiting'].includes(execution.status);
		for (;;) {
			// Without data while polling: it keeps the load on n8n (and on timing measurements) low.
			const executions = await this.listExecutions(workflowId, { includeData: false, limit: 250 });
			const done = executions.filter(isDone);
			if (done.length >= count) return (await this.listExecutions(workflowId, { limit: 250 })).filter(isDone);
			if (Date.now() > deadline) {
				throw new Error(
					`workflow ${workflowId}: ${done.length} of ${count} executions finished in time (${executions.length} seen)`,
				);
			}
			await sleep(options.intervalMs ?? 500);
		}
	}

	// ---- manual runs (internal REST API) ----

	/**
	 * What the editor's "Execute step" on a trigger does: POST /rest/workflows/:id/run with the saved
	 * workflow, the trigger as `triggerToStartFrom` and as inclusive destination. n8n starts the
	 * execution at once (mode `manual`), the trigger waits for its next event, and the finished
	 * execution is stored like any other (EXECUTIONS_DATA_SAVE_MANUAL_EXECUTIONS defaults to true).
	 * Same request body in n8n 1.123 and 2.8. Returns the execution id.
	 */
	async runManually(workflowId: string, triggerName: string): Promise<string> {
		const workflowData = await this.rest<Record<string, unknown>>('GET', `/workflows/${workflowId}`);
		const result = await this.rest<{ executionId?: string; waitingForWebhook?: boolean }>(
			'POST',
			`/workflows/${workflowId}/run`,
			{
				workflowData,
				triggerToStartFrom: { name: triggerName },
				destinationNode: { nodeName: triggerName, mode: 'inclusive' },
			},
		);
		if (!result.executionId) throw new Error(`manual run did not start an execution: ${JSON.stringify(result)}`);
		return String(result.executionId);
	}

	/** Polls one execution until it is no longer new/running/waiting. */
	async waitForExecution(id: string | number, timeoutMs = 30_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const execution = await this.getExecution(id).catch((error: unknown) => {
				// Tolerated until the deadline: right after the start n8n may not have stored it yet.
				if (error instanceof HttpError && error.status === 404) return undefined;
				throw error;
			});
			if (execution && !['running', 'new', 'waiting'].includes(execution.status)) return execution;
			if (Date.now() > deadline) throw new Error(`execution ${id} still ${execution?.status ?? 'unknown'} after ${timeoutMs} ms`);
			await sleep(250);
		}
	}

	// ---- credential test and loaded types (internal REST API) ----

	/**
	 * Runs n8n's credential test (the editor's "Test" button). n8n 2.x only tests stored credentials,
	 * so without `credentialId` a temporary credential is created and deleted again.
	 */
	async testCredential(
		data: Record<string, unknown>,
		options: { type?: string; credentialId?: string } = {},
	): Promise<CredentialTestResult> {
		const type = options.type ?? CREDENTIAL_TYPE;
		const name = `credential test ${Date.now()}`;
		let id = options.credentialId;
		const temporary = !id;
		if (!id) id = (await this.rest<{ id: string }>('POST', '/credentials', { name, type, data })).id;
		try {
			return await this.rest<CredentialTestResult>('POST', '/credentials/test', {
				credentials: { id, name, type, data },
			});
		} finally {
			if (temporary) await this.rest('DELETE', `/credentials/${id}`).catch(() => undefined);
		}
	}

	/**
	 * Node and credential type names n8n loaded, read from the type files n8n writes at start and the
	 * editor loads (`/types/nodes.json`, `/types/credentials.json`; they need the login cookie).
	 */
	async listNodeTypes(): Promise<{ nodes: string[]; credentials: string[] }> {
		const fetchTypes = async (file: string) => {
			const headers: Record<string, string> = { 'browser-id': this.browserId };
			if (this.cookie) headers.cookie = this.cookie;
			const response = await this.request('GET', `${this.baseUrl}/types/${file}`, headers);
			return (response.json as Array<{ name: string }>).map((type) => type.name);
		};
		const nodes = await fetchTypes('nodes.json');
		const credentials = await fetchTypes('credentials.json');
		return { nodes: [...new Set(nodes)].sort(), credentials: [...new Set(credentials)].sort() };
	}

	// ---- internals ----

	private environment(): NodeJS.ProcessEnv {
		const env = cleanNpmEnv();
		// Settings of an outer n8n, jest or a loader must not leak into this one.
		for (const key of Object.keys(env)) {
			if (/^(N8N_|DB_|EXECUTIONS_|QUEUE_|WEBHOOK_URL$|JEST_|NODE_OPTIONS$|NODE_PATH$)/.test(key)) delete env[key];
		}
		return {
			...env,
			// jest sets NODE_ENV=test, and n8n then refuses to load nodes ("Not available in tests").
			NODE_ENV: 'production',
			N8N_USER_FOLDER: this.userFolder,
			N8N_PORT: String(this.port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_RUNNERS_BROKER_PORT: String(this.brokerPort),
			N8N_RUNNERS_BROKER_LISTEN_ADDRESS: '127.0.0.1',
			// Default (and deprecated as a setting) in 2.x; 1.x would warn without it.
			...(this.version.startsWith('1.') ? { N8N_RUNNERS_ENABLED: 'true' } : {}),
			N8N_SECURE_COOKIE: 'false',
			DB_TYPE: 'sqlite',
			DB_SQLITE_POOL_SIZE: '2',
			GENERIC_TIMEZONE: 'UTC',
			N8N_LOG_LEVEL: 'info',
			N8N_LOG_OUTPUT: 'console',
			N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'true',
			// No calls home: this machine has no network beyond the package registries anyway.
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			N8N_VERIFIED_PACKAGES_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_PUBLIC_API_DISABLED: 'false',
			N8N_PUBLIC_API_SWAGGERUI_DISABLED: 'true',
			N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
			// Insights only add background writes (and shutdown noise after a workflow was deleted); 2.41's
			// MCP registry fetches a server list from the internet every few minutes. n8n refuses module
			// names it does not know, so the list depends on the version.
			N8N_DISABLED_MODULES: this.version.startsWith('2.') && Number(this.version.split('.')[1]) >= 40 ? 'insights,mcp-registry' : 'insights',
			...this.extraEnv,
		};
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
				await sleep(250);
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

	private keepAuthCookie(headers: Headers): void {
		for (const line of headers.getSetCookie()) {
			const [pair] = line.split(';');
			if (pair.startsWith('n8n-auth=')) this.cookie = pair;
		}
	}

	private async request(
		method: string,
		url: string,
		headers: Record<string, string>,
		body?: unknown,
	): Promise<{ status: number; headers: Headers; json: unknown }> {
		const init: RequestInit = { method, headers: { ...headers }, signal: AbortSignal.timeout(60_000) };
		if (body !== undefined) {
			(init.headers as Record<string, string>)['content-type'] = 'application/json';
			init.body = JSON.stringify(body);
		}
		const response = await fetch(url, init);
		const text = await response.text();
		if (!response.ok) throw new HttpError(method, url, response.status, text);
		let json: unknown;
		try {
			json = text ? JSON.parse(text) : undefined;
		} catch {
			throw new HttpError(method, url, response.status, `not JSON: ${text.slice(0, 200)}`);
		}
		return { status: response.status, headers: response.headers, json };
	}
}

// ---- installing our package into a user folder ----

interface PackageJson {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

function readPackageJson(dir: string): PackageJson {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Fails with a clear message when the package was not built (the harness never builds). */
export function assertBuilt(repoDir = REPO_DIR): void {
	const pkg = readPackageJson(repoDir);
	const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = files.filter((file) => !fs.existsSync(path.join(repoDir, file)));
	if (!fs.existsSync(path.join(repoDir, 'dist')) || missing.length > 0) {
		throw new Error(
			`${pkg.name} is not built (missing: ${missing.length ? missing.join(', ') : 'dist/'}): run \`npm run build\` in ${repoDir} first`,
		);
	}
}

/**
 * Installs the built package like n8n's community installer: npm pack, unpack into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, drop dev/peer/optional dependencies, install the
 * rest shallowly without scripts, and list it in `<userFolder>/.n8n/nodes/package.json`.
 * n8n-workflow is not installed there: n8n resolves it from its own node_modules.
 */
export async function installPackageIntoUserFolder(
	repoDir: string,
	userFolder: string,
	log: (line: string) => void = () => undefined,
): Promise<string> {
	assertBuilt(repoDir);
	const pkg = readPackageJson(repoDir);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-pack-'));
	try {
		log(`packing ${repoDir}`);
		const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
			cwd: repoDir,
		});
		const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
		const tarball = path.join(packDir, path.basename(filename));
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: packDir });
		const packed = readPackageJson(packageDir);
		delete packed.devDependencies;
		delete packed.peerDependencies;
		delete packed.optionalDependencies;
		fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(packed, null, 2) + '\n');
		log(`installing ${pkg.name}@${pkg.version} dependencies into ${packageDir}`);
		await run(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--install-strategy=shallow',
				'--omit=dev',
				'--bin-links=false',
				'--package-lock=false',
				'--no-audit',
				'--no-fund',
			],
			{ cwd: packageDir },
		);
		if (fs.existsSync(path.join(packageDir, 'node_modules', 'n8n-workflow'))) {
			throw new Error('n8n-workflow was installed into the package; n8n must provide it');
		}
		const manifestPath = path.join(nodesDir, 'package.json');
		// The same file n8n writes before its first community install.
		const manifest: { dependencies?: Record<string, string>; [key: string]: unknown } = fs.existsSync(manifestPath)
			? JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
			: { name: 'installed-nodes', private: true };
		manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
		fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
		return packageDir;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * The node and credential type names a built package should give n8n, read from the built files
 * listed in package.json `n8n` (node types are prefixed with the package name).
 */
export function expectedTypes(repoDir = REPO_DIR): { nodes: string[]; credentials: string[] } {
	const pkg = readPackageJson(repoDir);
	const namesIn = (file: string, nameOf: (instance: Record<string, unknown>) => unknown): string[] => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.join(repoDir, file)) as Record<string, unknown>;
		const names: string[] = [];
		for (const value of Object.values(exported)) {
			if (typeof value !== 'function') continue;
			const name = nameOf(new (value as new () => Record<string, unknown>)());
			if (typeof name === 'string') names.push(name);
		}
		if (names.length === 0) throw new Error(`${file} exports no node or credential class`);
		return names;
	};
	return {
		nodes: (pkg.n8n?.nodes ?? []).flatMap((file) =>
			namesIn(file, (node) => (node.description as { name?: string } | undefined)?.name).map((name) => `${pkg.name}.${name}`),
		),
		credentials: (pkg.n8n?.credentials ?? []).flatMap((file) => namesIn(file, (credential) => credential.name)),
	};
}

// ---- processes ----

function signal(pid: number, sig: NodeJS.Signals): void {
	try {
		process.kill(pid, sig);
	} catch {
		// Already gone.
	}
}

function signalGroup(pgid: number, sig: NodeJS.Signals): void {
	signal(-pgid, sig);
}

/** Alive and not a zombie (a zombie has exited; it only waits for its parent to reap it). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	const stat = readStat(pid);
	return !stat || stat.state !== 'Z';
}

function readStat(pid: number): { ppid: number; pgrp: number; state: string } | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is in parentheses and may itself contain spaces or parentheses.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]) };
	} catch {
		return undefined;
	}
}

/** Processes below `root` or in its process group (Linux /proc; elsewhere only the group is signalled). */
export function processTree(root: number): number[] {
	let entries: string[];
	try {
		entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
	} catch {
		return [];
	}
	const stats = new Map<number, { ppid: number; pgrp: number }>();
	for (const entry of entries) {
		const stat = readStat(Number(entry));
		if (stat && stat.state !== 'Z') stats.set(Number(entry), stat);
	}
	const found = new Set<number>();
	for (const [pid, stat] of stats) if (stat.pgrp === root && pid !== root) found.add(pid);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, stat] of stats) {
			if (!found.has(pid) && pid !== root && (stat.ppid === root || found.has(stat.ppid))) {
				found.add(pid);
				grew = true;
			}
		}
	}
	return [...found];
}

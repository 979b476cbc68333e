// SeaTableEmulator: a local fake SeaTable server (HTTP API + Socket.IO) with hooks to change data and inject faults.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BaseState } from './baseState';
import { ChangeMethods, type ChangeResult } from './changeMethods';
import { Faults } from './faults';
import { createRoutes, sendJson, sendText } from './httpRoutes';
import { Listener } from './listener';
import * as ops from './operations';
import type { JoinCheck, RealtimeHooks } from './realtime';
import { countByEndpoint } from './callCounts';
import { sampleBase } from './sampleBase';
import { TokenAuthority } from './tokens';
import type {
	ChangeOptions,
	DelayRule,
	EmulatorOptions,
	FailRule,
	RequestRecord,
	ToastRecord,
} from './types';

export { BaseState } from './baseState';
export type { ColumnState, LinkState, OperationLogEntry, RowState, TableState, ViewState } from './baseState';
export { decodeJwt } from './jwt';
export type { ColumnInput } from './operations';
export { sampleBase, SAMPLE_IDS } from './sampleBase';
export { countByEndpoint } from './callCounts';
export type * from './types';

export type { ChangeResult } from './changeMethods';

type Resolved = Required<Omit<EmulatorOptions, 'port' | 'bases' | 'operationLogHonoursPageSize'>>;

const THREE_DAYS = 3 * 24 * 60 * 60;

export class SeaTableEmulator extends ChangeMethods {
	readonly toasts: ToastRecord[] = [];

	readonly requests: RequestRecord[] = [];

	private readonly options: Resolved;

	private readonly bases: BaseState[];

	private readonly tokens = new TokenAuthority();

	private readonly revoked = new Set<string>();

	private readonly faults = new Faults();

	private readonly routes: (req: IncomingMessage, res: ServerResponse) => Promise<void>;

	private listener: Listener | undefined;

	private boundPort = 0;

	private notificationCount = 0;

	private closed = false;

	private constructor(options: EmulatorOptions) {
		super();
		this.options = {
			useApiGateway: options.useApiGateway ?? true,
			baseTokenTtlSeconds: options.baseTokenTtlSeconds ?? THREE_DAYS,
			joinAck: options.joinAck ?? true,
			notificationSecondArg: options.notificationSecondArg ?? false,
			operationLogPageSize: options.operationLogPageSize ?? 25,
		};
		const seeds = options.bases?.length ? options.bases : [sampleBase()];
		this.bases = seeds.map((seed) => new BaseState(seed));
		this.routes = createRoutes({
			origin: () => this.url,
			useApiGateway: this.options.useApiGateway,
			baseTokenTtlSeconds: this.options.baseTokenTtlSeconds,
			operationLogPageSize: this.options.operationLogPageSize,
			operationLogHonoursPageSize: options.operationLogHonoursPageSize !== false,
			tokens: this.tokens,
			baseByApiToken: (apiToken) => this.bases.find((b) => b.apiToken === apiToken),
			baseByUuid: (uuid) => this.bases.find((b) => b.uuid === uuid),
			isRevoked: (apiToken) => this.revoked.has(apiToken),
			recordToast: (toast, uuid) => this.toastArrived(toast, uuid),
		});
	}

	static async start(options: EmulatorOptions = {}): Promise<SeaTableEmulator> {
		const emulator = new SeaTableEmulator(options);
		await emulator.listen(options.port ?? 0);
		return emulator;
	}

	/** 'http://127.0.0.1:PORT', no trailing slash. */
	get url(): string {
		return `http://127.0.0.1:${this.boundPort}`;
	}

	get port(): number {
		return this.boundPort;
	}

	/** API token of the first base. */
	get apiToken(): string {
		return this.bases[0].apiToken;
	}

	/** dtable_uuid of the first base. */
	get uuid(): string {
		return this.bases[0].uuid;
	}

	/** Socket.IO path of the emulated server version. */
	get socketPath(): string {
		return this.options.useApiGateway ? '/api-gateway/socket.io' : '/socket.io';
	}

	base(uuid?: string): BaseState {
		if (uuid === undefined) return this.bases[0];
		const base = this.bases.find((b) => b.uuid === uuid);
		if (!base) throw new Error(`Unknown base ${uuid}`);
		return base;
	}

	/** A base token as the server would sign it; `username` lets a socket receive user-targeted notifications. */
	issueBaseToken(opts: { uuid?: string; username?: string; ttlSeconds?: number; permission?: string } = {}): string {
		const base = this.base(opts.uuid);
		return this.tokens.issue(
			{ dtable_uuid: base.uuid, username: opts.username ?? '', permission: opts.permission ?? 'rw', app_name: base.appName },
			opts.ttlSeconds ?? this.options.baseTokenTtlSeconds,
		);
	}

	/** Records and broadcasts any op as given, unknown op_types included; the state is not touched. */
	applyRaw(op: Record<string, unknown>, opts: ChangeOptions = {}): ChangeResult {
		return this.change(opts, () => ({ op: structuredClone(op) }));
	}

	protected change<R extends ops.OpResult>(opts: ChangeOptions, build: (change: ops.Change) => R): ChangeResult & Omit<R, 'op'> {
		const base = this.base(opts.uuid);
		const author = opts.author ?? base.collaborators[0]?.email ?? '';
		const { op, ...extra } = build({ base, author });
		const entry = base.record(op, author, opts.app ?? null);
		// While stopped the change still lands in state and the log, as on a server the client cannot reach.
		this.listener?.realtime.broadcastUpdate(base.uuid, entry.operation, entry.op_id);
		this.emit('update', entry.op_id, op, base.uuid);
		return { version: entry.op_id, op, ...extra };
	}

	// ---- notifications ----

	/** Records a toast and, as SeaTable does for the browser, emits `ui-toast` (one JSON string) to that user's sockets. */
	private toastArrived(toast: ToastRecord, uuid: string): void {
		this.toasts.push(toast);
		const json = JSON.stringify({ to_user: toast.to_user, toast_type: toast.toast_type, detail: toast.detail });
		this.listener?.realtime.emitTo(uuid, 'ui-toast', [json], String(toast.to_user));
	}

	/** Emits new-notification (JSON string[, numeric index]) in the base room; returns how many sockets got it. */
	sendNotification(notification: Record<string, unknown>, opts: { toUser?: string; uuid?: string } = {}): number {
		const base = this.base(opts.uuid);
		this.notificationCount += 1;
		const second = this.options.notificationSecondArg ? this.notificationCount : undefined;
		return this.listener?.realtime.notify(base.uuid, JSON.stringify(notification), opts.toUser, second) ?? 0;
	}

	// ---- fault hooks ----

	/** Sends an event as given, outside state and log: e.g. an `update-dtable` whose payload is not JSON. */
	broadcastRaw(event: string, args: unknown[], opts: { uuid?: string } = {}): void {
		this.listener?.realtime.broadcastRaw(this.base(opts.uuid).uuid, event, args);
	}

	expireBaseTokens(): void {
		this.tokens.expireAll();
	}

	revokeApiToken(apiToken: string = this.apiToken): void {
		this.revoked.add(apiToken);
		this.tokens.expireIssuedFrom(apiToken);
	}

	disconnectAll(): void {
		this.listener?.realtime.disconnectAll();
	}

	killTransports(): void {
		this.listener?.killTransports();
	}

	failNext(rule: FailRule): void {
		this.faults.failNext(rule);
	}

	delayNext(rule: DelayRule): void {
		this.faults.delayNext(rule);
	}

	/** HTTP calls by endpoint (`app-access-token`, `metadata`, `related-users`, `operations`, `sql`, `ui-toasts`, …), from `requests[from]` on. */
	callsByEndpoint(from = 0): Record<string, number> {
		return countByEndpoint(this.requests.slice(from));
	}

	/** A person gets access to the base after the trigger started (related-users lists them from now on). */
	addCollaborator(collaborator: { email: string; name: string; contact_email: string }, opts: { uuid?: string } = {}): void {
		this.base(opts.uuid).collaborators.push({ ...collaborator });
	}

	socketCount(): number {
		return this.listener?.realtime.socketCount() ?? 0;
	}

	joinedCount(uuid: string = this.uuid): number {
		return this.listener?.realtime.joinedCount(uuid) ?? 0;
	}

	// ---- lifecycle ----

	/** Closes HTTP and Socket.IO; nothing listens until restart(). State is kept. */
	async stop(): Promise<void> {
		const listener = this.listener;
		this.listener = undefined;
		this.faults.cancelAll();
		await listener?.close();
	}

	/** Listens again on the same port with the same state. */
	async restart(): Promise<void> {
		if (this.closed) throw new Error('The emulator is closed');
		await this.stop();
		await this.listen(this.boundPort);
	}

	async close(): Promise<void> {
		this.closed = true;
		await this.stop();
	}

	private async listen(port: number): Promise<void> {
		this.listener = await Listener.open(
			port,
			(req, res, toSocketIo) => void this.handle(req, res, toSocketIo),
			{ path: this.socketPath, joinAck: this.options.joinAck },
			this.realtimeHooks(),
		);
		this.boundPort = this.listener.port;
	}

	private realtimeHooks(): RealtimeHooks {
		return {
			checkJoin: (uuid, token) => this.checkJoin(uuid, token),
			connected: (id) => this.emit('connection', id),
			disconnected: (id, reason) => this.emit('disconnect', id, reason),
			joined: (id, uuid) => this.emit('join', id, uuid),
		};
	}

	/** 2020 server rules: any verify failure (expiry, bad signature, garbage) → token_expired; claim ≠ room → permission_denied. */
	private checkJoin(uuid: unknown, token: unknown): JoinCheck {
		const check = this.tokens.check(token);
		if (!check.ok) return { ok: false, error_type: 'token_expired', message: 'Token expired' };
		if (typeof uuid !== 'string' || check.claims.dtable_uuid !== uuid) {
			return { ok: false, error_type: 'permission_denied', message: 'Permission denied' };
		}
		const base = this.bases.find((b) => b.uuid === uuid);
		if (!base) return { ok: false, error_type: 'dtable_not_found', message: 'Dtable not found' };
		return { ok: true, username: check.claims.username, version: base.version };
	}

	private async handle(req: IncomingMessage, res: ServerResponse, toSocketIo: () => void): Promise<void> {
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		// Never the Authorization header: these records are for counting calls.
		const record: RequestRecord = { method: req.method ?? 'GET', path: url.pathname, query: url.search.replace(/^\?/, ''), status: 0 };
		this.requests.push(record);
		res.on('finish', () => {
			record.status = res.statusCode;
		});
		const delay = this.faults.takeDelay(url.pathname);
		if (delay && !(await this.faults.wait(delay.ms))) return;
		const failure = this.faults.takeFailure(url.pathname);
		if (failure) {
			record.status = failure.status;
			const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'Retry-After': String(failure.retryAfter) };
			if (typeof failure.body === 'string') sendText(res, failure.status, failure.body, headers);
			// The documented 429 has no body; other defaults look like SeaTable's JSON errors.
			else if (failure.body === undefined && failure.status === 429) sendText(res, 429, '', headers);
			else sendJson(res, failure.status, failure.body ?? { error_msg: 'Injected failure.' }, headers);
			return;
		}
		if (url.pathname.startsWith(`${this.socketPath}/`)) return toSocketIo();
		await this.routes(req, res);
		record.status = res.statusCode;
	}
}

// SeaTableEmulator: a local fake SeaTable server (HTTP API + Socket.IO) with hooks to change data and inject faults.
import { BaseState } from './baseState';
import { ChangeMethods, type ChangeResult } from './changeMethods';
import { Faults, type OperationLogQuirks } from './faults';
import { createRoutes } from './httpRoutes';
import { checkJoin } from './joinCheck';
import { Listener } from './listener';
import * as ops from './operations';
import type { RealtimeHooks } from './realtime';
import { createRequestHandler, type RequestHandler } from './requestHandler';
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
export type { OperationLogQuirks } from './faults';
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

	private readonly handle: RequestHandler;

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
		const routes = createRoutes({
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
			operationLogQuirks: () => this.faults.operationLog,
		});
		this.handle = createRequestHandler({ requests: this.requests, faults: this.faults, socketPath: this.socketPath, routes });
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

	/** Makes the operation log misbehave (ignore `page`, string `op_id`) until set back to {}. */
	setOperationLogQuirks(quirks: OperationLogQuirks): void {
		this.faults.operationLog = { ...quirks };
	}

	/** A base restored from a snapshot: back to `version`, the log's later entries gone. */
	restoreSnapshot(version: number, opts: { uuid?: string } = {}): void {
		const base = this.base(opts.uuid);
		base.version = version;
		const log = base.operationLog;
		while (log.length > 0 && log[log.length - 1].op_id > version) log.pop();
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
			checkJoin: (uuid, token) => checkJoin(this.tokens, this.bases, uuid, token),
			connected: (id) => this.emit('connection', id),
			disconnected: (id, reason) => this.emit('disconnect', id, reason),
			joined: (id, uuid) => this.emit('join', id, uuid),
		};
	}
}

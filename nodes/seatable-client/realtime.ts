// The realtime connection to one base: socket.io to the host of `dtable_server`, `join-room` on
// every (re)connect, and the cases socket.io-client's Manager leaves to us. The Manager already
// reconnects forever with jittered backoff after transport loss; it does not reconnect after a
// server-initiated disconnect, and it knows nothing of SeaTable's base token.
import { EventEmitter } from 'node:events';
import { io, type Socket } from 'socket.io-client';

import type { BaseAccess } from './baseAccess';
import type { SeaTableClient } from './client';
import { SeaTableError } from './errors';
import { boundedLogger, logValue, silentLogger, type Logger } from './logger';
import { backoffDelay } from './retry';
import { socketTarget } from './routes';
import { readNotification, readUpdate, toVersion } from './serverValues';

export interface RealtimeOptions {
	logger?: Logger;
	/** First reconnect delay in ms (jittered, doubling up to `reconnectDelayMaxMs`). */
	reconnectDelayMs?: number;
	reconnectDelayMaxMs?: number;
	/** How long to wait for the `join-room` acknowledgement; servers that never answer are tolerated. */
	joinAckTimeoutMs?: number;
	/** How long `open()` waits for the first join before returning anyway (the connection keeps trying). */
	openTimeoutMs?: number;
}

export type ConnectionState = 'connecting' | 'joined' | 'disconnected' | 'closed';

export interface JoinedInfo {
	/** The base's version at the join: from the acknowledgement, else the operation log's newest entry. */
	version?: number;
	/** False for the first join, true for every rejoin after a drop. */
	reconnected: boolean;
}

interface JoinReply {
	status?: number;
	error_type?: string;
	message?: string;
	dtable_version?: unknown;
}

/**
 * Events: `joined` (JoinedInfo), `update` (operation object, version), `notification` (object),
 * `invalidEvent` (description) for a payload that could not be read, `fatal` (SeaTableError) when
 * the credential stops working, `state` (ConnectionState).
 */
export class RealtimeConnection extends EventEmitter {
	readonly logger: Logger;
	private socket: Socket | undefined;
	private state: ConnectionState = 'connecting';
	private closed = false;
	private everJoined = false;
	private serverDisconnects = 0;
	private reconnectTimer: NodeJS.Timeout | undefined;
	private uuid = '';
	/** The base token last sent in join-room, hidden from any server text we log or report. */
	private sentToken: string | undefined;
	private readonly options: Required<Omit<RealtimeOptions, 'logger'>>;

	constructor(
		readonly client: SeaTableClient,
		options: RealtimeOptions = {},
	) {
		super();
		// Many triggers may share one connection: each adds its own listeners.
		this.setMaxListeners(0);
		this.logger = boundedLogger(options.logger ?? silentLogger);
		this.options = {
			reconnectDelayMs: options.reconnectDelayMs ?? 1000,
			reconnectDelayMaxMs: options.reconnectDelayMaxMs ?? 30_000,
			joinAckTimeoutMs: options.joinAckTimeoutMs ?? 5000,
			openTimeoutMs: options.openTimeoutMs ?? 10_000,
		};
	}

	/** A server's text (or an error built from it) for a message or log line: secrets hidden, length capped. */
	private serverText(value: unknown): string {
		return logValue(this.client.redact(logValue(value, 10_000), this.sentToken));
	}

	get connectionState(): ConnectionState {
		return this.state;
	}

	get dtableUuid(): string {
		return this.uuid;
	}

	/**
	 * Authenticates and connects. Throws if the API token or the server is wrong; resolves once the
	 * base's room is joined, or after `openTimeoutMs` while the connection keeps trying.
	 */
	async open(): Promise<void> {
		const access = await this.client.getAccess();
		this.uuid = access.dtableUuid;
		const target = socketTarget(this.client.serverUrl, access);
		const socket = io(target.origin, {
			path: target.path,
			query: { dtable_uuid: access.dtableUuid },
			forceNew: true,
			autoConnect: false,
			reconnection: true,
			reconnectionAttempts: Infinity,
			reconnectionDelay: this.options.reconnectDelayMs,
			reconnectionDelayMax: this.options.reconnectDelayMaxMs,
			randomizationFactor: 0.5,
			transports: ['websocket', 'polling'],
			tryAllTransports: true,
			rejectUnauthorized: !this.client.ignoreSslIssues,
		});
		this.socket = socket;
		socket.on('connect', () => void this.join(socket));
		socket.on('disconnect', (reason) => this.onDisconnect(reason));
		socket.on('connect_error', (error) => this.onConnectError(socket, error));
		socket.on('update-dtable', (data: unknown, version: unknown) => this.onUpdate(data, version));
		socket.on('new-notification', (data: unknown) => this.onNotification(data));

		const firstJoin = new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				cleanup();
				this.logger.warn(`SeaTable realtime: not joined ${logValue(target.origin)} yet, still trying in the background`);
				resolve();
			}, this.options.openTimeoutMs);
			const onJoined = () => {
				cleanup();
				resolve();
			};
			const onFatal = (error: SeaTableError) => {
				cleanup();
				reject(error);
			};
			const cleanup = () => {
				clearTimeout(timer);
				this.off('joined', onJoined);
				this.off('fatal', onFatal);
			};
			this.on('joined', onJoined);
			this.on('fatal', onFatal);
		});
		this.setState('connecting');
		socket.connect();
		await firstJoin;
	}

	/** Disconnects for good and releases every socket, timer and listener. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		clearTimeout(this.reconnectTimer);
		this.reconnectTimer = undefined;
		const socket = this.socket;
		this.socket = undefined;
		if (socket) {
			socket.removeAllListeners();
			socket.io.removeAllListeners();
			socket.disconnect();
			socket.io.engine?.close();
		}
		this.setState('closed');
		this.removeAllListeners();
	}

	private setState(state: ConnectionState, detail?: string): void {
		if (this.state === state) return;
		this.state = state;
		this.emit('state', state, detail);
	}

	private async join(socket: Socket, retried = false): Promise<void> {
		if (this.closed || socket !== this.socket) return;
		let access: BaseAccess;
		try {
			// Renews the base token first if it is about to expire.
			access = await this.client.getAccess();
		} catch (error) {
			this.onAuthFailure(error, socket);
			return;
		}
		let reply: JoinReply | undefined;
		try {
			this.sentToken = access.accessToken;
			reply = (await socket.timeout(this.options.joinAckTimeoutMs).emitWithAck('join-room', access.dtableUuid, access.accessToken)) as JoinReply;
		} catch {
			reply = undefined; // no acknowledgement: some servers never send one
		}
		if (this.closed || socket !== this.socket || !socket.connected) return;

		if (reply && reply.status === 0) {
			if (reply.error_type === 'token_expired' && !retried) {
				this.logger.info('SeaTable realtime: base token expired, renewing it and joining again');
				this.client.tokens.invalidate(access);
				return await this.join(socket, true);
			}
			this.emitFatal(
				new SeaTableError(`SeaTable refused to join the base (${this.serverText(reply.message ?? reply.error_type ?? 'unknown reason')})`, {
					kind: 'invalidToken',
					hint: 'Check that the API token in the credential still exists and belongs to this base.',
				}),
			);
			return;
		}
		let logVersion: number | undefined;
		if (!reply && !retried) {
			// The server never confirms a join, so an expired token would fail silently: when an
			// HTTP call shows the token was stale, join again with the renewed one.
			const check = await this.tokenStillAccepted(access);
			if (this.closed || socket !== this.socket) return;
			if (!check.accepted) return await this.join(socket, true);
			logVersion = check.newestVersion;
		}
		this.serverDisconnects = 0;
		const reconnected = this.everJoined;
		this.everJoined = true;
		this.setState('joined');
		this.logger.info(`SeaTable realtime: ${reconnected ? 'rejoined' : 'joined'} base ${logValue(access.dtableUuid)}`);
		this.emit('joined', { version: toVersion(reply?.dtable_version) ?? logVersion, reconnected } satisfies JoinedInfo);
	}

	/** Reads the newest log entry: not accepted if the base token had to be renewed for it. */
	private async tokenStillAccepted(access: BaseAccess): Promise<{ accepted: boolean; newestVersion?: number }> {
		let newestVersion: number | undefined;
		try {
			const [newest] = await this.client.getOperations(1, 1);
			newestVersion = toVersion(newest?.op_id);
		} catch (error) {
			this.logger.debug(`SeaTable realtime: token check failed: ${this.serverText((error as Error).message)}`);
			return { accepted: true };
		}
		const current = await this.client.getAccess();
		return { accepted: current.accessToken === access.accessToken, newestVersion };
	}

	private onDisconnect(reason: string): void {
		if (this.closed) return;
		this.setState('disconnected', reason);
		this.logger.warn(`SeaTable realtime: connection dropped (${this.serverText(reason)})`);
		// socket.io-client reconnects by itself except after a server-initiated disconnect.
		if (reason === 'io server disconnect' && this.socket) this.scheduleReconnect(this.socket);
	}

	private onConnectError(socket: Socket, error: Error): void {
		if (this.closed) return;
		this.logger.debug(`SeaTable realtime: connection attempt failed (${this.serverText(error.message)})`);
		// `active` is false only when the server refused the connection outright (no automatic retry).
		if (!socket.active) this.scheduleReconnect(socket);
	}

	/** After a server-initiated disconnect: renew the base token, then connect again, with backoff. */
	private scheduleReconnect(socket: Socket): void {
		if (this.closed || this.reconnectTimer) return;
		const delay = backoffDelay(this.serverDisconnects++, {
			baseMs: this.options.reconnectDelayMs,
			maxMs: this.options.reconnectDelayMaxMs,
		});
		this.reconnectTimer = setTimeout(() => {
			this.reconnectTimer = undefined;
			void this.reauthenticateAndConnect(socket);
		}, delay);
	}

	private async reauthenticateAndConnect(socket: Socket): Promise<void> {
		if (this.closed || socket !== this.socket) return;
		try {
			// Always a new base token: SeaTable may have closed the connection because of the old one.
			await this.client.tokens.refresh();
		} catch (error) {
			this.onAuthFailure(error, socket);
			return;
		}
		if (this.closed || socket !== this.socket) return;
		this.logger.info('SeaTable realtime: base token renewed, reconnecting');
		socket.connect();
	}

	/** A rejected credential is fatal; anything else (server down, timeout) is retried. */
	private onAuthFailure(error: unknown, socket: Socket): void {
		if (error instanceof SeaTableError && (error.kind === 'invalidToken' || error.kind === 'notSeaTable' || error.kind === 'invalidServerUrl')) {
			this.emitFatal(error);
			return;
		}
		this.logger.warn(`SeaTable realtime: could not renew the base token (${this.serverText((error as Error).message)}); retrying`);
		if (socket.connected) socket.disconnect();
		this.scheduleReconnect(socket);
	}

	private emitFatal(error: SeaTableError): void {
		this.logger.error(`SeaTable realtime: ${this.serverText(error.message)}`);
		this.emit('fatal', error);
	}

	private onUpdate(data: unknown, version: unknown): void {
		const update = readUpdate(data, version);
		if ('invalid' in update) this.reportInvalid(update.invalid);
		else this.emit('update', update.operation, update.version);
	}

	private onNotification(data: unknown): void {
		const notification = readNotification(data);
		if ('invalid' in notification) this.reportInvalid(notification.invalid);
		else this.emit('notification', notification.notification);
	}

	private reportInvalid(description: string): void {
		this.logger.warn(`SeaTable realtime: skipped an event: ${description}`);
		this.emit('invalidEvent', description);
	}
}

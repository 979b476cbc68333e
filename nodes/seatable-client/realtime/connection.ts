// The realtime connection to one base: its state, its typed events and `open()`/`close()`. The
// socket (socket.ts), the join protocol (join.ts) and the recovery after a server disconnect
// (recovery.ts) are wired here; every listener and timer they add is undone by one `close()`.
import { EventEmitter } from 'node:events';
import type { Socket } from 'socket.io-client';

import { credentialRefused } from '../baseAccess';
import type { SeaTableClient } from '../client';
import { SeaTableError } from '../errors';
import { boundedLogger, logValue, silentLogger, type Logger } from '../logger';
import { readNotification, readUpdate } from '../serverValues';
import { Disposers } from './disposers';
import { joinRoom, type JoinOutcome } from './join';
import { ServerDisconnectRecovery } from './recovery';
import { createSocket, releaseSocket } from './socket';
import type { ConnectionState, JoinedInfo, RealtimeEmitter, RealtimeOptions } from './types';

// EventEmitter with the methods typed for the connection's events.
const TypedEmitter = EventEmitter as unknown as new () => Omit<EventEmitter, keyof RealtimeEmitter> & RealtimeEmitter;

export class RealtimeConnection extends TypedEmitter {
	readonly logger: Logger;
	private socket: Socket | undefined;
	private recovery: ServerDisconnectRecovery | undefined;
	private readonly disposers = new Disposers();
	private state: ConnectionState = 'connecting';
	private closed = false;
	private everJoined = false;
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
	serverText(value: unknown): string {
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
		if (this.closed) return;
		this.uuid = access.dtableUuid;
		const { socket, origin } = createSocket(this.client, access, this.options);
		this.socket = socket;
		this.disposers.add(() => releaseSocket(socket));
		this.recovery = new ServerDisconnectRecovery({
			socket,
			tokens: this.client.tokens,
			disposers: this.disposers,
			logger: this.logger,
			delays: { baseMs: this.options.reconnectDelayMs, maxMs: this.options.reconnectDelayMaxMs },
			live: () => this.isCurrent(socket),
			onAuthFailure: (error) => this.onAuthFailure(error, socket),
		});
		// Bound once: `update-dtable` is the hot path.
		// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the listener type socket.io-client declares
		const handlers: Record<string, (...args: any[]) => void> = {
			connect: () => void this.join(socket),
			disconnect: (reason: string) => this.onDisconnect(reason),
			connect_error: (error: Error) => this.onConnectError(error),
			'update-dtable': (data: unknown, version: unknown) => this.onUpdate(data, version),
			'new-notification': (data: unknown) => this.onNotification(data),
		};
		for (const [event, handler] of Object.entries(handlers)) {
			socket.on(event, handler);
			this.disposers.add(() => socket.off(event, handler));
		}

		const firstJoin = this.firstJoin(origin);
		this.setState('connecting');
		socket.connect();
		await firstJoin;
	}

	/** Disconnects for good and releases every socket, timer and listener. */
	close(): void {
		if (this.closed) return;
		this.closed = true;
		this.disposers.disposeAll();
		this.socket = undefined;
		this.setState('closed');
		// Users' listeners too, should one have forgotten its own.
		this.removeAllListeners();
	}

	/** Resolves at the first join or after `openTimeoutMs`; rejects on a fatal error before. */
	private firstJoin(origin: string): Promise<void> {
		return new Promise<void>((resolve, reject) => {
			const onJoined = () => {
				settle();
				resolve();
			};
			const onFatal = (error: SeaTableError) => {
				settle();
				reject(error);
			};
			this.on('joined', onJoined);
			this.on('fatal', onFatal);
			const stopListening = this.disposers.add(() => {
				this.off('joined', onJoined);
				this.off('fatal', onFatal);
			});
			const stopTimer = this.disposers.timeout(this.options.openTimeoutMs, () => {
				stopListening();
				this.logger.warn(`SeaTable realtime: not joined ${logValue(origin)} yet, still trying in the background`);
				resolve();
			});
			const settle = () => {
				stopTimer();
				stopListening();
			};
		});
	}

	private isCurrent(socket: Socket): boolean {
		return !this.closed && socket === this.socket;
	}

	private setState(state: ConnectionState, detail?: string): void {
		if (this.state === state) return;
		this.state = state;
		this.emit('state', state, detail);
	}

	private async join(socket: Socket): Promise<void> {
		if (!this.isCurrent(socket)) return;
		let outcome: JoinOutcome;
		try {
			outcome = await joinRoom({
				client: this.client,
				socket,
				logger: this.logger,
				ackTimeoutMs: this.options.joinAckTimeoutMs,
				live: () => this.isCurrent(socket),
				sending: (token) => {
					this.sentToken = token;
				},
				serverText: (value) => this.serverText(value),
			});
		} catch (error) {
			// Getting or renewing the base token failed.
			if (this.isCurrent(socket)) this.onAuthFailure(error, socket);
			return;
		}
		if (outcome.kind === 'abandoned') return;
		if (outcome.kind === 'refused') {
			this.emitFatal(
				new SeaTableError(`SeaTable refused to join the base (${this.serverText(outcome.reason)})`, {
					kind: 'invalidToken',
					hint: 'Check that the API token still exists and belongs to this base.',
					setting: 'apiToken',
				}),
			);
			return;
		}
		this.recovery?.joined();
		const reconnected = this.everJoined;
		this.everJoined = true;
		this.setState('joined');
		this.logger.info(`SeaTable realtime: ${reconnected ? 'rejoined' : 'joined'} base ${logValue(this.uuid)}`);
		this.emit('joined', { version: outcome.version, reconnected } satisfies JoinedInfo);
	}

	private onDisconnect(reason: string): void {
		if (this.closed) return;
		this.setState('disconnected', reason);
		this.logger.warn(`SeaTable realtime: connection dropped (${this.serverText(reason)})`);
		this.recovery?.afterDisconnect(reason);
	}

	private onConnectError(error: Error): void {
		if (this.closed) return;
		this.logger.debug(`SeaTable realtime: connection attempt failed (${this.serverText(error.message)})`);
		this.recovery?.afterConnectError();
	}

	/** A rejected credential is fatal; anything else (server down, timeout) is retried. */
	private onAuthFailure(error: unknown, socket: Socket): void {
		if (credentialRefused(error)) {
			this.emitFatal(error);
			return;
		}
		this.logger.warn(`SeaTable realtime: could not renew the base token (${this.serverText((error as Error).message)}); retrying`);
		if (socket.connected) socket.disconnect();
		this.recovery?.schedule();
	}

	private emitFatal(error: SeaTableError): void {
		this.logger.error(`SeaTable realtime: ${this.serverText(error.message)}`);
		this.emit('fatal', error);
	}

	private onUpdate(data: unknown, version: unknown): void {
		const update = readUpdate(data, version);
		if ('invalid' in update) this.skipped(update.invalid);
		else this.emit('update', update.operation, update.version);
	}

	private onNotification(data: unknown): void {
		const notification = readNotification(data);
		if ('invalid' in notification) this.skipped(notification.invalid);
		else this.emit('notification', notification.notification);
	}

	private skipped(description: string): void {
		this.logger.warn(`SeaTable realtime: skipped an event: ${description}`);
	}
}

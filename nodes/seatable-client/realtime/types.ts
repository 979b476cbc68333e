// What a realtime connection takes and tells: its options, states and typed events.
import type { SeaTableError } from '../errors';
import type { Logger } from '../logger';

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

/** The connection's events and the arguments their listeners get. */
export interface RealtimeEvents {
	joined: [info: JoinedInfo];
	/** An `update-dtable` operation as an object, and its version when it has a usable one. */
	update: [operation: Record<string, unknown>, version: number | undefined];
	notification: [notification: Record<string, unknown>];
	/** The credential stopped working: the connection will not recover by itself. */
	fatal: [error: SeaTableError];
	/** `detail` is the disconnect reason. */
	state: [state: ConnectionState, detail?: string];
}

export type RealtimeListener<E extends keyof RealtimeEvents> = (...args: RealtimeEvents[E]) => void;

/** Node's EventEmitter methods, restricted to the connection's events. */
export interface RealtimeEmitter {
	on<E extends keyof RealtimeEvents>(event: E, listener: RealtimeListener<E>): this;
	once<E extends keyof RealtimeEvents>(event: E, listener: RealtimeListener<E>): this;
	off<E extends keyof RealtimeEvents>(event: E, listener: RealtimeListener<E>): this;
	emit<E extends keyof RealtimeEvents>(event: E, ...args: RealtimeEvents[E]): boolean;
}

// The Socket.IO side: handshake check, join-room / leave-room, and the server→client events.
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';

export type JoinCheck =
	| { ok: true; username: string; version: number }
	| { ok: false; error_type: string; message: string };

export interface RealtimeOptions {
	path: string;
	joinAck: boolean;
}

export interface RealtimeHooks {
	checkJoin(uuid: unknown, token: unknown): JoinCheck;
	connected(socketId: string): void;
	disconnected(socketId: string, reason: string): void;
	joined(socketId: string, uuid: string): void;
}

type Ack = (response: Record<string, unknown>) => void;

export class Realtime {
	private readonly io: Server;

	/** JWT username each joined socket authenticated with, for user-targeted notifications. */
	private readonly usernames = new Map<string, string>();

	constructor(httpServer: HttpServer, options: RealtimeOptions, hooks: RealtimeHooks) {
		this.io = new Server(httpServer, {
			path: options.path,
			serveClient: false,
			// Our own upgrade listener answers wrong-path upgrades at once; engine.io's default
			// would leave a 1 s timer behind.
			destroyUpgrade: false,
		});
		this.io.on('connection', (socket) => {
			const handshakeUuid = socket.handshake.query.dtable_uuid;
			// SeaTable routes sockets by this query parameter; without it there is nothing to serve.
			if (typeof handshakeUuid !== 'string' || handshakeUuid === '') {
				socket.disconnect(true);
				return;
			}
			hooks.connected(socket.id);
			socket.on('disconnect', (reason) => {
				this.usernames.delete(socket.id);
				hooks.disconnected(socket.id, reason);
			});
			socket.on('join-room', (...args: unknown[]) => {
				const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
				const reply = (response: Record<string, unknown>) => {
					if (ack && options.joinAck) ack(response);
				};
				const [uuid, token] = args;
				const result = hooks.checkJoin(uuid, token);
				// A failed join only answers the ack (if any); the socket stays connected, like the 2020 server.
				if (!result.ok) {
					reply({ status: 0, error_type: result.error_type, message: result.message });
					return;
				}
				void socket.join(uuid as string);
				this.usernames.set(socket.id, result.username);
				reply({ status: 1, message: 'Joined successfully', dtable_version: result.version });
				hooks.joined(socket.id, uuid as string);
			});
			socket.on('leave-room', () => {
				void socket.leave(handshakeUuid);
			});
		});
	}

	broadcastUpdate(uuid: string, operation: string, version: number): void {
		this.io.to(uuid).emit('update-dtable', operation, version);
	}

	/** Emits any event with any arguments to the room (malformed payloads for client tests). */
	broadcastRaw(uuid: string, event: string, args: unknown[]): void {
		this.io.to(uuid).emit(event, ...args);
	}

	/** Emits new-notification to the sockets in the room (only those of `toUser` when given); returns how many. */
	notify(uuid: string, json: string, toUser: string | undefined, secondArg: number | undefined): number {
		return this.emitTo(uuid, 'new-notification', secondArg === undefined ? [json] : [json, secondArg], toUser);
	}

	/** Emits an event to the sockets in the room (only those joined as `toUser` when given); returns how many. */
	emitTo(uuid: string, event: string, args: unknown[], toUser: string | undefined): number {
		const room = this.io.of('/').adapter.rooms.get(uuid);
		let sent = 0;
		for (const id of room ?? []) {
			const socket = this.io.of('/').sockets.get(id);
			if (!socket || (toUser !== undefined && this.usernames.get(id) !== toUser)) continue;
			socket.emit(event, ...args);
			sent += 1;
		}
		return sent;
	}

	disconnectAll(): void {
		for (const socket of this.io.of('/').sockets.values()) socket.disconnect(true);
	}

	/** Drops the server side of every engine.io session (after the TCP sockets were destroyed). */
	dropSessions(): void {
		for (const socket of this.io.of('/').sockets.values()) socket.conn.close(true);
	}

	socketCount(): number {
		return this.io.of('/').sockets.size;
	}

	joinedCount(uuid: string): number {
		return this.io.of('/').adapter.rooms.get(uuid)?.size ?? 0;
	}

	/** Closes all sockets without a disconnect packet (clients see a transport close) and the HTTP server. */
	close(): Promise<void> {
		return this.io.close();
	}
}

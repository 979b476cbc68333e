// The socket.io socket of a base: options and teardown. The Manager reconnects forever with
// jittered backoff after transport loss; what it leaves to us is in recovery.ts.
import { io, type Socket } from 'socket.io-client';

import type { BaseAccess } from '../baseAccess';
import type { SeaTableClient } from '../client';
import { socketTarget } from '../routes';

export interface SocketDelays {
	reconnectDelayMs: number;
	reconnectDelayMaxMs: number;
}

/** A socket to the host of `dtable_server`, not connected yet. */
export function createSocket(client: SeaTableClient, access: BaseAccess, delays: SocketDelays): { socket: Socket; origin: string } {
	const target = socketTarget(client.serverUrl, access);
	const socket = io(target.origin, {
		path: target.path,
		query: { dtable_uuid: access.dtableUuid },
		forceNew: true,
		autoConnect: false,
		reconnection: true,
		reconnectionAttempts: Infinity,
		reconnectionDelay: delays.reconnectDelayMs,
		reconnectionDelayMax: delays.reconnectDelayMaxMs,
		randomizationFactor: 0.5,
		transports: ['websocket', 'polling'],
		tryAllTransports: true,
		rejectUnauthorized: !client.ignoreSslIssues,
	});
	return { socket, origin: target.origin };
}

/** Disconnects for good; socket.io-client drops its own subscriptions and reconnect timer with it. */
export function releaseSocket(socket: Socket): void {
	socket.disconnect();
	socket.io.engine?.close();
}

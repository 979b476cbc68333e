// One realtime connection per (server, API token) — that is, per base — in the whole process,
// shared by every trigger that listens to it. The last one to leave closes it.
import type { SeaTableClient } from './client';
import { RealtimeConnection, type RealtimeOptions } from './realtime';

export interface ConnectionLease {
	readonly connection: RealtimeConnection;
	/** Gives the connection back; idempotent. The last release closes the socket. */
	release(): void;
}

export interface PendingLease extends ConnectionLease {
	/** Settles when the connection has joined (or stopped waiting for it); rejects if it cannot open. */
	readonly opened: Promise<void>;
}

interface PoolEntry {
	connection: RealtimeConnection;
	opened: Promise<void>;
	leases: number;
}

const pool = new Map<SeaTableClient, PoolEntry>();

/**
 * The shared connection at once, before it has joined, so that a listener added now hears every
 * change from the moment the socket opens. Await `opened` for errors; release it either way.
 */
export function leaseConnection(client: SeaTableClient, options: RealtimeOptions = {}): PendingLease {
	let entry = pool.get(client);
	if (!entry) {
		const connection = new RealtimeConnection(client, options);
		const created: PoolEntry = { connection, opened: connection.open(), leases: 0 };
		entry = created;
		pool.set(client, created);
		// A connection that failed to open is not kept for the next caller.
		created.opened.catch(() => {
			if (pool.get(client) === created) pool.delete(client);
			connection.close();
		});
	}
	entry.leases++;
	const current = entry;
	let released = false;
	const release = () => {
		if (released) return;
		released = true;
		current.leases--;
		if (current.leases === 0) {
			if (pool.get(client) === current) pool.delete(client);
			current.connection.close();
		}
	};
	return { connection: current.connection, opened: current.opened, release };
}

export async function acquireConnection(client: SeaTableClient, options: RealtimeOptions = {}): Promise<ConnectionLease> {
	const lease = leaseConnection(client, options);
	try {
		await lease.opened;
	} catch (error) {
		lease.release();
		throw error;
	}
	return { connection: lease.connection, release: lease.release };
}

/** Open connections in this process (observability and tests). */
export function openConnectionCount(): number {
	return pool.size;
}

// Worker: holds N listeners on one base (pooled triggers, unpooled RealtimeConnections or bare
// sockets) and reports what they cost this process in memory. Started with --expose-gc so the
// figures are taken after a full collection.
import { setTimeout as delay } from 'node:timers/promises';
import type { Socket } from 'socket.io-client';

import { joinedBareSocket, startTriggerConsumer, type Consumer, type StreamTarget } from '../consumers';
import { collectGarbage, memoryMb, waitUntil } from '../harness';
import { serveRequests } from '../processes';
import { RealtimeConnection, destroyIdleConnections, getSeaTableClient } from '../product';

export type HolderVariant = 'pooledTriggers' | 'separateConnections' | 'bareSockets';

export interface MemoryReading {
	rssMb: number;
	heapUsedMb: number;
}

let target: StreamTarget;
let variant: HolderVariant;
const closers: Array<() => Promise<void> | void> = [];
// Per listener: the last version it saw.
let lastSeen: number[] = [];

function reading(): MemoryReading {
	collectGarbage();
	const { rss, heapUsed } = memoryMb();
	return { rssMb: rss, heapUsedMb: heapUsed };
}

async function openOne(index: number): Promise<void> {
	const seen = (version: number) => {
		lastSeen[index] = Math.max(lastSeen[index], version);
	};
	if (variant === 'pooledTriggers') {
		const consumer: Consumer = await startTriggerConsumer(target, seen);
		closers.push(() => consumer.close());
	} else if (variant === 'separateConnections') {
		// What the triggers would cost without the pool: a connection of their own each.
		const connection = new RealtimeConnection(getSeaTableClient({ serverUrl: target.url, apiToken: target.apiToken }));
		connection.on('update', (_operation: unknown, version: number | undefined) => seen(version ?? 0));
		await connection.open();
		closers.push(() => connection.close());
	} else {
		const socket: Socket = await joinedBareSocket(target, (data, version) => {
			JSON.parse(data);
			seen(version);
		});
		closers.push(() => {
			socket.close();
		});
	}
}

serveRequests({
	/** Memory with everything loaded and the base token fetched, before any listener. */
	baseline: async (payload: { target: StreamTarget; variant: HolderVariant }): Promise<MemoryReading> => {
		target = payload.target;
		variant = payload.variant;
		await getSeaTableClient({ serverUrl: target.url, apiToken: target.apiToken }).getAccess();
		await delay(300);
		return reading();
	},
	open: async (payload: { count: number }) => {
		lastSeen = new Array<number>(payload.count).fill(0);
		for (let i = 0; i < payload.count; i++) await openOne(i);
	},
	measure: async (): Promise<MemoryReading> => {
		await delay(1000);
		return reading();
	},
	/** How many listeners saw `version` (waits up to 10 s for all of them). */
	deliveries: async (payload: { version: number }): Promise<number> => {
		const all = () => lastSeen.every((v) => v >= payload.version);
		await waitUntil(all, 10_000, 'every listener to see the change').catch(() => undefined);
		return lastSeen.filter((v) => v >= payload.version).length;
	},
	exit: async () => {
		for (const close of closers.splice(0)) await close();
		destroyIdleConnections();
	},
});

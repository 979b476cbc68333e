// Shared connection: what 100 trigger instances on one base cost (they share one pooled socket)
// against 100 separate connections.
//
// Fairness: every variant runs in a fresh process against a fresh emulator in another process;
// memory is the difference between two readings after a full GC in that process (everything
// imported and the base token fetched before the first), sockets are counted by the server.
// Every listener must then receive one more change, so no variant is measured half-connected.
import { median, round } from './harness';
import { startWorker, type Worker } from './processes';
import type { EmulatorInfo, ServerCounters } from './workers/emulatorServer';
import type { HolderVariant, MemoryReading } from './workers/connectionHolder';

export interface VariantFigures {
	variant: HolderVariant;
	rssDeltaMb: number;
	heapDeltaMb: number;
	serverSockets: number;
	joinedSockets: number;
	listenersThatGotAChange: number;
}

export interface SharedConnectionResult {
	instances: number;
	pooled: VariantFigures;
	/** The main baseline: 100 RealtimeConnections without the pool. */
	separate: VariantFigures;
	/** A second, thinner baseline: 100 bare socket.io-client sockets. */
	bare: VariantFigures;
	rssRatio: number;
	socketRatio: number;
	method: string;
}

async function measureVariant(emulator: Worker, variant: HolderVariant, instances: number, log: (line: string) => void): Promise<VariantFigures> {
	const target = await emulator.call<EmulatorInfo>('start', { seed: 1 });
	const holder = await startWorker('connectionHolder', { exposeGc: true });
	try {
		const before = await holder.call<MemoryReading>('baseline', { target, variant });
		await holder.call('open', { count: instances });
		const after = await holder.call<MemoryReading>('measure');
		const counters = await emulator.call<ServerCounters>('counters');
		const version = await emulator.call<number>('insertRow', { name: 'reaches every listener' });
		const delivered = await holder.call<number>('deliveries', { version });
		const figures: VariantFigures = {
			variant,
			rssDeltaMb: round(after.rssMb - before.rssMb, 1),
			heapDeltaMb: round(after.heapUsedMb - before.heapUsedMb, 1),
			serverSockets: counters.socketCount,
			joinedSockets: counters.joinedCount,
			listenersThatGotAChange: delivered,
		};
		log(
			`  ${variant.padEnd(19)} RSS +${figures.rssDeltaMb} MB, heap +${figures.heapDeltaMb} MB, ` +
				`${figures.serverSockets} socket(s) on the server, ${delivered}/${instances} got the next change`,
		);
		return figures;
	} finally {
		await holder.close();
	}
}

/** RSS moves in pages and allocator chunks: the median of a few fresh processes steadies it. */
function medianFigures(runs: VariantFigures[]): VariantFigures {
	const mid = (pick: (f: VariantFigures) => number) => median(runs.map(pick));
	return {
		variant: runs[0].variant,
		rssDeltaMb: mid((f) => f.rssDeltaMb),
		heapDeltaMb: mid((f) => f.heapDeltaMb),
		serverSockets: Math.max(...runs.map((f) => f.serverSockets)),
		joinedSockets: Math.max(...runs.map((f) => f.joinedSockets)),
		listenersThatGotAChange: Math.min(...runs.map((f) => f.listenersThatGotAChange)),
	};
}

export async function measureSharedConnection(
	emulator: Worker,
	options: { instances: number; rounds: number; log: (line: string) => void },
): Promise<SharedConnectionResult> {
	const { instances } = options;
	const runs: VariantFigures[] = [];
	const variants: HolderVariant[] = ['pooledTriggers', 'separateConnections', 'bareSockets'];
	for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
		for (const variant of variants) runs.push(await measureVariant(emulator, variant, instances, options.log));
	}
	const [pooled, separate, bare] = variants.map((variant) => medianFigures(runs.filter((f) => f.variant === variant)));
	return {
		instances,
		pooled,
		separate,
		bare,
		rssRatio: round(pooled.rssDeltaMb / separate.rssDeltaMb, 3),
		socketRatio: round(pooled.serverSockets / separate.serverSockets, 3),
		method:
			`${instances} trigger nodes (default options) activated on one base in one process vs ${instances} RealtimeConnections without the pool ` +
			`(and ${instances} bare socket.io-client sockets). RSS/heap delta = after − before, each after global.gc() in a fresh process, ` +
			`median of ${options.rounds} process(es) per variant; ` +
			"sockets = the emulator's socketCount() (the most seen); each listener must then receive one more change.",
	};
}

// Flood: a 10 s stream of changes at the emulator's full speed into a trigger with Parallel
// Processing off and executions that take 100 ms each, the case where changes pile up. Measures
// how much the trigger's heap grows (after a full GC, sampled every 0.5 s during the flood), then
// lets executions finish at once and checks that every change arrived exactly once, in order.
//
// Fairness: the baseline is the same trigger with the waiting limit lifted (maxWaitingChanges
// 10^9: every change waits in memory, as before the limit existed), on a fresh emulator with the
// same flood, each in a fresh process; the emulator runs in its own process.
import { round } from './harness';
import { startWorker, type Worker } from './processes';
import type { EmulatorInfo, ProductionReport } from './workers/emulatorServer';
import type { FloodDelivery, HeapReading } from './workers/floodConsumer';

export interface FloodVariant {
	maxWaitingChanges: number;
	changes: number;
	changesPerSecond: number;
	heapGrowthMb: number;
	delivery: FloodDelivery;
	drainSeconds: number;
	warnings: string[];
}

export interface FloodResult {
	floodSeconds: number;
	executionMs: number;
	limited: FloodVariant;
	unlimited: FloodVariant;
	goalMb: number;
	method: string;
}

export interface FloodOptions {
	floodMs: number;
	executionMs: number;
	log: (line: string) => void;
}

async function runVariant(emulator: Worker, maxWaitingChanges: number, options: FloodOptions): Promise<FloodVariant> {
	const target = await emulator.call<EmulatorInfo>('start', { seed: 1 });
	const consumer = await startWorker('floodConsumer', { exposeGc: true });
	try {
		await consumer.call('connect', { target, maxWaitingChanges });
		// Warm-up: the base token, the column names and the JIT, before the baseline.
		const warm = await emulator.call<number>('insertRow', { name: 'warm-up' });
		await consumer.call('result', { first: warm, last: warm, timeoutMs: 30_000 });
		const before = await consumer.call<HeapReading>('baseline');
		await consumer.call('setExecutionMs', { ms: options.executionMs });
		await consumer.call('startSampling');
		const flood = await emulator.call<ProductionReport>('flood', { ms: options.floodMs, chunk: 200 });
		const peak = await consumer.call<HeapReading>('stopSampling');
		// Afterwards executions finish at once: what piled up (or was dropped and is re-read) drains.
		await consumer.call('setExecutionMs', { ms: 0 });
		const drainStarted = performance.now();
		const delivery = await consumer.call<FloodDelivery>('result', { first: flood.firstVersion, last: flood.lastVersion, timeoutMs: 240_000 }, 250_000);
		const drainSeconds = round((performance.now() - drainStarted) / 1000, 1);
		const warnings = await consumer.call<string[]>('logs');
		const variant: FloodVariant = {
			maxWaitingChanges,
			changes: flood.count,
			changesPerSecond: round(flood.opsPerSecond, 0),
			heapGrowthMb: round(peak.heapUsedMb - before.heapUsedMb, 1),
			delivery,
			drainSeconds,
			warnings: warnings.slice(0, 5),
		};
		options.log(
			`  maxWaitingChanges ${maxWaitingChanges}: ${flood.count} changes at ${variant.changesPerSecond}/s, heap +${variant.heapGrowthMb} MB; ` +
				`afterwards ${delivery.distinct}/${delivery.expected} delivered (${delivery.lost} lost, ${delivery.duplicated} duplicated, ${delivery.outOfOrder} out of order) in ${drainSeconds} s`,
		);
		return variant;
	} finally {
		await consumer.close();
	}
}

export async function measureFlood(emulator: Worker, options: FloodOptions): Promise<FloodResult> {
	const limited = await runVariant(emulator, 1000, options);
	const unlimited = await runVariant(emulator, 1_000_000_000, options);
	return {
		floodSeconds: options.floodMs / 1000,
		executionMs: options.executionMs,
		limited,
		unlimited,
		goalMb: 64,
		method:
			`A ${options.floodMs / 1000} s flood of row updates at the emulator's full speed into the trigger with Parallel Processing off, ` +
			`each execution taking ${options.executionMs} ms; heap growth = peak heapUsed after a full GC (sampled every 0.5 s) minus the reading before the flood. ` +
			'Then executions finish at once and every version of the flood is counted: exactly once and in order is the goal. ' +
			'Baseline: the same trigger with maxWaitingChanges 10^9 (every change waits in memory), fresh emulator and process per variant.',
	};
}

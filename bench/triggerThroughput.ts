// Trigger throughput: changes per second through the trigger's full path against a bare
// socket.io-client listener, on the same stream of mixed operations.
//
// Fairness: each run gets a fresh emulator with the same seed (identical operations, versions and
// payloads) and a fresh consumer process, and the two kinds alternate run by run. In the "drain"
// mode the consumer is frozen (SIGSTOP) while the emulator makes all changes, then thawed: it
// reads the whole backlog as fast as it can, so the figure is the consumer's own speed, not the
// emulator's. The "live" mode lets the emulator produce while the consumer runs, as in practice;
// there the emulator's production rate can be the ceiling for both sides.
import { median, round } from './harness';
import { startWorker, type Worker } from './processes';
import type { ConsumerKind } from './consumers';
import type { EmulatorInfo, ProductionReport } from './workers/emulatorServer';
import type { WatchResult } from './workers/streamConsumer';

export type StreamMode = 'drain' | 'live';

export interface ThroughputRun {
	kind: ConsumerKind;
	mode: StreamMode;
	production: ProductionReport;
	result: WatchResult;
}

export interface SideFigures {
	eventsPerSecond: number;
	itemsPerSecond: number;
	firstToLastMs: number;
	/** Consumer rate / the emulator's production rate in the same run (1 = kept up). */
	keptUp: number;
	runs: number[];
}

export interface TriggerThroughputResult {
	operations: number;
	warmupOperations: number;
	operationMix: ProductionReport['kinds'];
	drain: { trigger: SideFigures; baseline: SideFigures; ratio: number };
	/** ratio = trigger keptUp / baseline keptUp: the production rate differs from run to run. */
	live: { trigger: SideFigures; baseline: SideFigures; ratio: number };
	emulatorProductionRate: { alone: number; whileConsumerRuns: number };
	/** True when every live run kept up with the emulator (>= 90 %): live rates are the emulator's. */
	liveIsEmulatorBound: boolean;
	goal: number;
	method: string;
	runs: ThroughputRun[];
}

export interface ThroughputOptions {
	operations: number;
	warmup: number;
	drainRounds: number;
	liveRounds: number;
	seed: number;
	log: (line: string) => void;
}

async function oneRun(emulator: Worker, kind: ConsumerKind, mode: StreamMode, options: ThroughputOptions): Promise<ThroughputRun> {
	const target = await emulator.call<EmulatorInfo>('start', { seed: options.seed });
	const consumer = await startWorker('streamConsumer');
	try {
		await consumer.call('connect', { kind, target });
		// Warm-up: JIT, the base token and the trigger's schema cache, on both sides alike.
		await consumer.call('watch', { from: 1, to: options.warmup });
		await emulator.call('produce', { count: options.warmup, chunk: 50 });
		await consumer.call('result', { timeoutMs: 60_000 });

		const from = options.warmup + 1;
		const to = options.warmup + options.operations;
		await consumer.call('watch', { from, to });
		if (mode === 'drain') consumer.signal('SIGSTOP');
		let production: ProductionReport;
		try {
			production = await emulator.call<ProductionReport>('produce', { count: options.operations, chunk: 200 });
		} finally {
			if (mode === 'drain') consumer.signal('SIGCONT');
		}
		const result = await consumer.call<WatchResult>('result', { timeoutMs: 120_000 });
		if (result.distinct !== options.operations) {
			throw new Error(`${kind} received ${result.distinct} of ${options.operations} changes`);
		}
		options.log(
			`  ${mode.padEnd(5)} ${kind.padEnd(7)} ${round(result.eventsPerSecond, 0)} changes/s ` +
				`(${round(result.lastAt - result.firstAt, 0)} ms first→last; emulator made them at ${round(production.opsPerSecond, 0)}/s)`,
		);
		return { kind, mode, production, result };
	} finally {
		await consumer.close();
	}
}

function keptUp(run: ThroughputRun): number {
	return run.result.eventsPerSecond / run.production.opsPerSecond;
}

function figures(runs: ThroughputRun[]): SideFigures {
	return {
		eventsPerSecond: round(median(runs.map((r) => r.result.eventsPerSecond)), 0),
		itemsPerSecond: round(median(runs.map((r) => r.result.itemsPerSecond)), 0),
		firstToLastMs: round(median(runs.map((r) => r.result.lastAt - r.result.firstAt)), 1),
		keptUp: round(median(runs.map(keptUp)), 3),
		runs: runs.map((r) => round(r.result.eventsPerSecond, 0)),
	};
}

export async function measureTriggerThroughput(emulator: Worker, options: ThroughputOptions): Promise<TriggerThroughputResult> {
	const runs: ThroughputRun[] = [];
	const schedule: Array<[StreamMode, number]> = [
		['drain', options.drainRounds],
		['live', options.liveRounds],
	];
	for (const [mode, rounds] of schedule) {
		for (let roundIndex = 0; roundIndex < rounds; roundIndex++) {
			// Alternate which side goes first, so neither always runs on a warmer machine.
			const order: ConsumerKind[] = roundIndex % 2 === 0 ? ['bare', 'trigger'] : ['trigger', 'bare'];
			for (const kind of order) runs.push(await oneRun(emulator, kind, mode, options));
		}
	}
	const pick = (kind: ConsumerKind, mode: StreamMode) => runs.filter((r) => r.kind === kind && r.mode === mode);
	const side = (mode: StreamMode) => {
		const trigger = figures(pick('trigger', mode));
		const baseline = figures(pick('bare', mode));
		const ratio = mode === 'drain' ? trigger.eventsPerSecond / baseline.eventsPerSecond : trigger.keptUp / baseline.keptUp;
		return { trigger, baseline, ratio: round(ratio, 3) };
	};
	const drain = side('drain');
	const live = side('live');
	const liveRuns = runs.filter((r) => r.mode === 'live');
	const alone = round(median(runs.filter((r) => r.mode === 'drain').map((r) => r.production.opsPerSecond)), 0);
	const whileConsumerRuns = round(median(runs.filter((r) => r.mode === 'live').map((r) => r.production.opsPerSecond)), 0);
	return {
		operations: options.operations,
		warmupOperations: options.warmup,
		operationMix: runs[0]?.production.kinds ?? {},
		drain,
		live,
		emulatorProductionRate: { alone, whileConsumerRuns },
		liveIsEmulatorBound: liveRuns.length > 0 && liveRuns.every((r) => keptUp(r) >= 0.9),
		goal: 0.8,
		method:
			'Same seeded stream on a fresh emulator for every run; trigger and bare listener alternate, each in a fresh process. ' +
			'Drain: the consumer is frozen (SIGSTOP) while the emulator makes all changes, then drains the backlog: its own top speed (headline ratio). ' +
			'Live: the consumer runs while the emulator produces as fast as it can; when both keep up with it, the rates are the emulator\'s ' +
			'and the ratio compares how well each kept up (consumer rate / production rate of the same run). ' +
			'Rate = (changes − 1) / (last − first change finished) on the consumer side; trigger = emit() called, bare = JSON.parse done.',
		runs,
	};
}

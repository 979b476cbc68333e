// Trigger latency at a steady rate: from the emulator's broadcast to the trigger's emit, against
// the same measure for a bare listener (broadcast to JSON.parse done).
//
// Fairness: both sides get the same seeded stream at the same rate, each in a fresh process
// holding its own emulator (one clock for both ends), alternating; the first changes warm up and
// are not counted.
import type { ConsumerKind } from './consumers';
import { median, round } from './harness';
import { startWorker } from './processes';
import type { LatencyReport } from './workers/latencyProbe';

export interface LatencySide {
	p50Ms: number;
	p90Ms: number;
	p99Ms: number;
	maxMs: number;
	achievedRate: number;
	runs: LatencyReport[];
}

export interface LatencyResult {
	rate: number;
	changesPerRun: number;
	trigger: LatencySide;
	baseline: LatencySide;
	/** Extra time the trigger's path adds at the median (ms). */
	addedP50Ms: number;
	addedP99Ms: number;
	method: string;
}

export interface LatencyOptions {
	rate: number;
	count: number;
	warmup: number;
	rounds: number;
	seed: number;
	log: (line: string) => void;
}

function side(runs: LatencyReport[]): LatencySide {
	return {
		p50Ms: round(median(runs.map((r) => r.latencyMs.p50)), 3),
		p90Ms: round(median(runs.map((r) => r.latencyMs.p90)), 3),
		p99Ms: round(median(runs.map((r) => r.latencyMs.p99)), 3),
		maxMs: round(Math.max(...runs.map((r) => r.latencyMs.max)), 3),
		achievedRate: round(median(runs.map((r) => r.achievedRate)), 1),
		runs,
	};
}

export async function measureLatency(options: LatencyOptions): Promise<LatencyResult> {
	const runs: LatencyReport[] = [];
	for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
		const order: ConsumerKind[] = roundIndex % 2 === 0 ? ['bare', 'trigger'] : ['trigger', 'bare'];
		for (const kind of order) {
			const probe = await startWorker('latencyProbe');
			try {
				const report = await probe.call<LatencyReport>(
					'run',
					{ kind, rate: options.rate, count: options.count, warmup: options.warmup, seed: options.seed },
					120_000,
				);
				if (report.missing > 0) throw new Error(`${kind}: ${report.missing} changes never arrived`);
				options.log(
					`  ${kind.padEnd(7)} p50 ${round(report.latencyMs.p50, 3)} ms, p99 ${round(report.latencyMs.p99, 3)} ms ` +
						`at ${round(report.achievedRate, 0)} changes/s`,
				);
				runs.push(report);
			} finally {
				await probe.close();
			}
		}
	}
	const trigger = side(runs.filter((r) => r.kind === 'trigger'));
	const baseline = side(runs.filter((r) => r.kind === 'bare'));
	return {
		rate: options.rate,
		changesPerRun: options.count,
		trigger,
		baseline,
		addedP50Ms: round(trigger.p50Ms - baseline.p50Ms, 3),
		addedP99Ms: round(trigger.p99Ms - baseline.p99Ms, 3),
		method:
			`Steady ${options.rate} changes/s of the mixed stream; latency = performance.now() at the consumer's end (trigger: emit(); bare: JSON.parse done) ` +
			"minus performance.now() at the emulator's 'update' event, in one process. Fresh process per run, sides alternate, " +
			`${options.warmup} warm-up changes not counted; medians over ${options.rounds} run(s) per side.`,
	};
}

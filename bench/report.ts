// Turns the measurements into one flat list of figures (each with its baseline and ratio), a
// printed table, and bench/results.json.
import { writeFileSync } from 'node:fs';

import type { ActionThroughputResult } from './actionThroughput';
import type { ApiBudgetResult } from './apiBudget';
import { apiBudgetFigures } from './apiBudgetReport';
import type { FloodResult } from './flood';
import type { HotPathResult } from './hotPath';
import { round, type MachineInfo } from './harness';
import type { LatencyResult } from './latency';
import type { SharedConnectionResult } from './sharedConnection';
import type { TriggerThroughputResult } from './triggerThroughput';
import type { VersusPollingResult } from './versusPolling';
import type { WebhookTriggerResult } from './webhookTrigger';
import { codeUnderTest } from './product';

export interface BenchResults {
	machine: MachineInfo;
	durationSeconds: number;
	triggerThroughput: TriggerThroughputResult;
	triggerLatency: LatencyResult;
	sharedConnection: SharedConnectionResult;
	actionThroughput: ActionThroughputResult;
	versusPolling: VersusPollingResult;
	webhookTrigger: WebhookTriggerResult;
	/** Calls to SeaTable (issue 17); absent in results written before it. */
	apiBudget?: ApiBudgetResult;
	flood?: FloodResult;
	/** Absent in results written before it. */
	hotPath?: HotPathResult;
}

export interface Figure {
	name: string;
	unit: string;
	ours: number;
	baseline: number;
	baselineName: string;
	/** ours / baseline, except where `ratioMeaning` says otherwise. */
	ratio: number;
	ratioMeaning: string;
	goal?: string;
	met?: boolean;
}

export function figuresOf(r: BenchResults): Figure[] {
	const tt = r.triggerThroughput;
	const lat = r.triggerLatency;
	const sc = r.sharedConnection;
	const act = r.actionThroughput;
	const vp = r.versusPolling;
	const perBaseline = 'ours / baseline';
	return [
		{
			name: 'Trigger throughput (drain, consumer-bound)',
			unit: 'changes/s',
			ours: tt.drain.trigger.eventsPerSecond,
			baseline: tt.drain.baseline.eventsPerSecond,
			baselineName: 'bare socket.io-client + JSON.parse',
			ratio: tt.drain.ratio,
			ratioMeaning: perBaseline,
			goal: '>= 0.8',
			met: tt.drain.ratio >= 0.8,
		},
		...(r.hotPath
			? [
					{
						name: 'Trigger work per change (one process: decode, checks, items)',
						unit: 'µs/change',
						ours: r.hotPath.oursUs,
						baseline: r.hotPath.bareUs,
						baselineName: 'socket.io-parser decode + JSON.parse, same process and packets',
						ratio: round(r.hotPath.bareUs / r.hotPath.oursUs, 3),
						ratioMeaning: `baseline / ours (changes per second, ours / baseline; no network, so lower than the drain's); ${round(r.hotPath.oursUs - r.hotPath.bareUs, 3)} µs more per change`,
					},
				]
			: []),
		{
			name: `Trigger throughput (live${tt.liveIsEmulatorBound ? ', emulator-bound' : ''})`,
			unit: 'changes/s',
			ours: tt.live.trigger.eventsPerSecond,
			baseline: tt.live.baseline.eventsPerSecond,
			baselineName: 'bare socket.io-client + JSON.parse',
			ratio: tt.live.ratio,
			ratioMeaning: `kept-up fraction, ours / baseline (trigger ${tt.live.trigger.keptUp}, bare ${tt.live.baseline.keptUp} of the emulator's rate)`,
		},
		{
			name: 'Emulator production rate',
			unit: 'changes/s',
			ours: tt.emulatorProductionRate.alone,
			baseline: tt.emulatorProductionRate.whileConsumerRuns,
			baselineName: 'same, while the consumer runs (live mode)',
			ratio: round(tt.emulatorProductionRate.alone / tt.emulatorProductionRate.whileConsumerRuns, 3),
			ratioMeaning: perBaseline,
		},
		{
			name: `Trigger latency p50 @ ${lat.rate}/s`,
			unit: 'ms',
			ours: lat.trigger.p50Ms,
			baseline: lat.baseline.p50Ms,
			baselineName: 'bare socket.io-client + JSON.parse',
			ratio: round(lat.trigger.p50Ms / lat.baseline.p50Ms, 2),
			ratioMeaning: `${perBaseline} (lower is better; +${lat.addedP50Ms} ms)`,
		},
		{
			name: `Trigger latency p99 @ ${lat.rate}/s`,
			unit: 'ms',
			ours: lat.trigger.p99Ms,
			baseline: lat.baseline.p99Ms,
			baselineName: 'bare socket.io-client + JSON.parse',
			ratio: round(lat.trigger.p99Ms / lat.baseline.p99Ms, 2),
			ratioMeaning: `${perBaseline} (lower is better; ${lat.addedP99Ms >= 0 ? '+' : ''}${lat.addedP99Ms} ms)`,
		},
		{
			name: `Shared connection: RSS for ${sc.instances} triggers`,
			unit: 'MB',
			ours: sc.pooled.rssDeltaMb,
			baseline: sc.separate.rssDeltaMb,
			baselineName: `${sc.instances} RealtimeConnections without the pool (bare sockets: ${sc.bare.rssDeltaMb} MB)`,
			ratio: sc.rssRatio,
			ratioMeaning: `${perBaseline} (lower is better)`,
		},
		{
			name: `Shared connection: heap for ${sc.instances} triggers`,
			unit: 'MB',
			ours: sc.pooled.heapDeltaMb,
			baseline: sc.separate.heapDeltaMb,
			baselineName: `${sc.instances} RealtimeConnections without the pool (bare sockets: ${sc.bare.heapDeltaMb} MB)`,
			ratio: round(sc.pooled.heapDeltaMb / sc.separate.heapDeltaMb, 3),
			ratioMeaning: `${perBaseline} (lower is better)`,
		},
		{
			name: `Shared connection: sockets for ${sc.instances} triggers`,
			unit: 'sockets',
			ours: sc.pooled.serverSockets,
			baseline: sc.separate.serverSockets,
			baselineName: `${sc.instances} RealtimeConnections without the pool`,
			ratio: sc.socketRatio,
			ratioMeaning: `${perBaseline} (lower is better)`,
		},
		...(['toast', 'webhook'] as const).flatMap((action): Figure[] => {
			const f = act[action];
			return [
				{
					name: `${action === 'toast' ? 'Toast' : 'Webhook'} throughput`,
					unit: 'calls/s',
					ours: f.node.callsPerSecond,
					baseline: f.baseline.callsPerSecond,
					baselineName: 'bare keep-alive axios loop',
					ratio: f.ratio,
					ratioMeaning: perBaseline,
					goal: '>= 0.9',
					met: f.ratio >= 0.9,
				},
				{
					name: `${action === 'toast' ? 'Toast' : 'Webhook'}: TCP connections for ${f.calls} calls`,
					unit: 'connections',
					ours: f.node.connectionsOpened,
					baseline: f.baseline.connectionsOpened,
					baselineName: 'bare keep-alive axios loop',
					ratio: round(f.node.connectionsOpened / f.baseline.connectionsOpened, 2),
					ratioMeaning: `${perBaseline} (lower is better)`,
				},
			];
		}),
		{
			name: 'Versus polling (n8n core SeaTable Trigger)',
			unit: 'ms',
			ours: vp.triggerP50Ms,
			baseline: vp.pollingMeanDelayMs,
			baselineName: 'expected mean delay of a 1-minute poll',
			ratio: vp.ratio,
			ratioMeaning: 'baseline / ours (times sooner)',
		},
		{
			name: `Webhook trigger: answer to a signed base webhook, p99 of ${r.webhookTrigger.requests}`,
			unit: 'ms',
			ours: r.webhookTrigger.node.p99,
			baseline: r.webhookTrigger.baseline.p99,
			baselineName: 'the same node:http server answering without the node',
			ratio: round(r.webhookTrigger.node.p99 / r.webhookTrigger.baseline.p99, 2),
			ratioMeaning: `${perBaseline} (lower is better; p50 ${r.webhookTrigger.node.p50} vs ${r.webhookTrigger.baseline.p50} ms)`,
			goal: `< ${r.webhookTrigger.goalP99Ms} ms`,
			met: r.webhookTrigger.node.p99 < r.webhookTrigger.goalP99Ms,
		},
		...(r.apiBudget ? apiBudgetFigures(r.apiBudget) : []),
		...floodFigures(r.flood),
	];
}

function floodFigures(flood: FloodResult | undefined): Figure[] {
	if (!flood) return [];
	const { limited, unlimited } = flood;
	const exact = limited.delivery.lost === 0 && limited.delivery.duplicated === 0 && limited.delivery.outOfOrder === 0;
	return [
		{
			name: `Flood ${flood.floodSeconds} s, serial ${flood.executionMs} ms executions: heap growth`,
			unit: 'MB',
			ours: limited.heapGrowthMb,
			baseline: unlimited.heapGrowthMb,
			baselineName: `same trigger, every change waiting in memory (maxWaitingChanges 10^9); ${limited.changes} / ${unlimited.changes} changes`,
			ratio: round(limited.heapGrowthMb / unlimited.heapGrowthMb, 3),
			ratioMeaning: 'ours / baseline (lower is better)',
			goal: `< ${flood.goalMb} MB`,
			met: limited.heapGrowthMb < flood.goalMb,
		},
		{
			name: 'Flood: delivered exactly once, in order, afterwards',
			unit: 'changes',
			ours: limited.delivery.distinct,
			baseline: limited.delivery.expected,
			baselineName: `changes made (${limited.delivery.lost} lost, ${limited.delivery.duplicated} duplicated, ${limited.delivery.outOfOrder} out of order)`,
			ratio: round(limited.delivery.distinct / limited.delivery.expected, 4),
			ratioMeaning: 'delivered / made',
			goal: 'all, once, in order',
			met: exact,
		},
	];
}

function cell(value: number): string {
	if (!Number.isFinite(value)) return String(value);
	if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
	return String(round(value, 3));
}

export function formatTable(figures: Figure[]): string {
	const rows = figures.map((f) => [
		f.name,
		`${cell(f.ours)} ${f.unit}`,
		`${cell(f.baseline)} ${f.unit}`,
		cell(f.ratio),
		f.goal ? `${f.goal} ${f.met ? 'met' : 'NOT met'}` : '',
	]);
	const header = ['Figure', 'Ours', 'Baseline', 'Ratio', 'Goal'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
	const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
	const notes = figures.map((f, i) => `  [${i + 1}] ${f.name}: baseline = ${f.baselineName}; ratio = ${f.ratioMeaning}`);
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), '', ...notes].join('\n');
}

export function writeResults(file: string, results: BenchResults): void {
	const { machine, durationSeconds, ...details } = results;
	const document = { machine, code: codeUnderTest, durationSeconds, figures: figuresOf(results), details };
	writeFileSync(file, `${JSON.stringify(document, null, '\t')}\n`);
}

// Versus polling: n8n's core SeaTable Trigger polls (every minute at best), so a change waits for
// the next poll: on average half the interval. Our figure is the measured p50 of the trigger.
import { round } from './harness';
import type { LatencyResult } from './latency';

export interface VersusPollingResult {
	pollIntervalMs: number;
	pollingMeanDelayMs: number;
	pollingWorstDelayMs: number;
	triggerP50Ms: number;
	triggerP99Ms: number;
	/** How many times sooner the median change arrives than with polling's mean delay. */
	ratio: number;
	method: string;
}

// n8n's smallest poll interval for the core node ("Every Minute").
const POLL_INTERVAL_MS = 60_000;

export function compareWithPolling(latency: LatencyResult): VersusPollingResult {
	return {
		pollIntervalMs: POLL_INTERVAL_MS,
		pollingMeanDelayMs: POLL_INTERVAL_MS / 2,
		pollingWorstDelayMs: POLL_INTERVAL_MS,
		triggerP50Ms: latency.trigger.p50Ms,
		triggerP99Ms: latency.trigger.p99Ms,
		ratio: round(POLL_INTERVAL_MS / 2 / latency.trigger.p50Ms, 0),
		method:
			'Expected, not measured, for polling: changes fall uniformly into a 60 s poll interval, so the mean wait is 30 s (worst 60 s), ' +
			'before the time the poll request itself takes. Ours: measured p50 on loopback (a real network adds its round trip to both).',
	};
}

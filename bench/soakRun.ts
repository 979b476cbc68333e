// The soak, parameterised: a stream of changes at a steady rate through the real trigger node
// (catch-up on, default options) while connection faults hit at random times, and toasts through
// the Toast node with 429/500 injected. Used by `npm run soak` (full size) and by
// test/soak/shortSoak.test.ts (short). Loopback only; every wait is bounded.
import { setTimeout as delay } from 'node:timers/promises';

import { SeaTableEmulator } from '../test/emulator';
import { seededRandom, waitUntil } from './harness';
import { LogBook, triggerContext } from './nodeContexts';
import { MixedOpStream } from './opStream';
import { ConnectionFaultRunner, type FaultCounts, type FaultWindow } from './soakFaults';
import { tallyChanges, tallyToasts, type ChangeReport, type Delivery, type ProducedChange, type ToastReport } from './soakLedger';
import { checkToasts, ToastLoop } from './soakToasts';
import { SeaTableRealtimeTrigger, destroyIdleConnections } from './product';

export interface SoakConfig {
	changes: number;
	/** The changes are spread evenly over this time. */
	productionMs: number;
	seed: number;
	faults: FaultCounts;
	restartDownMs: [number, number];
	/** After the last change, how long the trigger may take to deliver the rest. */
	drainTimeoutMs: number;
	log?: (line: string) => void;
}

export type SoakSize = Omit<SoakConfig, 'seed' | 'log'>;

export const FULL_SOAK: SoakSize = {
	changes: 10_000,
	productionMs: 150_000,
	faults: { serverDisconnect: 20, transportKill: 5, serverRestart: 3, tokenExpiry: 2, toast429: 10, toast500: 10 },
	restartDownMs: [500, 3000],
	drainTimeoutMs: 60_000,
};

export const SHORT_SOAK: SoakSize = {
	changes: 1_000,
	productionMs: 20_000,
	faults: { serverDisconnect: 3, transportKill: 2, serverRestart: 1, tokenExpiry: 1, toast429: 2, toast500: 2 },
	restartDownMs: [500, 1500],
	drainTimeoutMs: 30_000,
};

export interface SoakResult {
	config: Omit<SoakConfig, 'log'>;
	durationS: number;
	changes: ChangeReport;
	toasts: ToastReport;
	windows: Array<FaultWindow & { startS: number; recoveredAfterS: number | null }>;
	triggerErrors: string[];
	/** Warnings and errors the trigger logged (the last ones). */
	triggerLog: string[];
	passed: boolean;
}

/** Makes `count` changes evenly over `ms` (a due-time schedule, so timer jitter does not slow it). */
async function produce(stream: MixedOpStream, count: number, ms: number): Promise<void> {
	const started = performance.now();
	let made = 0;
	while (made < count) {
		const due = Math.min(count, Math.floor(((performance.now() - started) / ms) * count) + 1);
		for (; made < due; made++) stream.next();
		await delay(2);
	}
}

export async function runSoak(config: SoakConfig): Promise<SoakResult> {
	const log = config.log ?? (() => undefined);
	// One random source per part: their calls interleave by timing, and the seed must still
	// replay the same stream, fault times and toasts.
	const streamRandom = seededRandom(config.seed);
	const toastRandom = seededRandom(config.seed + 1);
	const faultRandom = seededRandom(config.seed + 2);
	const emu = await SeaTableEmulator.start();
	const produced: ProducedChange[] = [{ at: 0, opType: '' }];
	emu.on('update', (version: number, op: Record<string, unknown>) => {
		produced[version] = { at: performance.now(), opType: String(op.op_type) };
	});
	const deliveries: Delivery[] = [];
	let highest = 0;
	const triggerErrors: string[] = [];
	const logBook = new LogBook();
	const credentials = { serverUrl: emu.url, apiToken: emu.apiToken };
	const context = triggerContext({
		credentials,
		parameters: { event: 'baseChange', options: {} },
		onEmit: (items) => {
			const version = items[0]?.version as number;
			deliveries.push({ version, at: performance.now(), opType: String(items[0]?.op_type), items: items.length, replayed: items[0]?.replayed === true });
			highest = Math.max(highest, version);
		},
		onError: (error) => triggerErrors.push(error.message),
		log: logBook,
	});
	const faults = new ConnectionFaultRunner(
		emu,
		faultRandom,
		{ counts: config.faults, spanMs: config.productionMs, restartDownMs: config.restartDownMs, minSpacingMs: 300, recoveryLimitMs: 60_000 },
		() => highest,
		log,
	);
	const toastLoop = new ToastLoop(
		emu,
		credentials,
		emu.base().collaborators[0].email,
		toastRandom,
		{ toast429: config.faults.toast429, toast500: config.faults.toast500, spanMs: config.productionMs, pauseMs: [100, 400] },
		() => faults.isServerDown,
		String(config.seed),
	);
	let started = performance.now();
	let closeTrigger: (() => Promise<void>) | undefined;
	try {
		const response = await new SeaTableRealtimeTrigger().trigger.call(context);
		closeTrigger = async () => await response.closeFunction?.();
		started = performance.now();
		toastLoop.start(started);
		const progress = setInterval(() => {
			log(`  ${((performance.now() - started) / 1000).toFixed(0).padStart(6)} s  made ${emu.base().version}, delivered up to ${highest}`);
		}, 15_000);
		try {
			await Promise.all([produce(new MixedOpStream(emu, streamRandom), config.changes, config.productionMs), faults.run(started)]);
		} finally {
			clearInterval(progress);
		}
		await toastLoop.stop();
		const last = emu.base().version;
		await waitUntil(() => highest >= last, config.drainTimeoutMs, 'the trigger to deliver the last change').catch((error: Error) => log(`  ${error.message}`));
		// Late duplicates would arrive now.
		await delay(1000);
	} finally {
		await toastLoop.stop();
		await closeTrigger?.();
		await emu.close();
		destroyIdleConnections();
	}
	const windows = faults.windows;
	const changes = tallyChanges(produced, deliveries, windows, started);
	const consumed = { toast429: 0, toast500: 0 };
	for (const request of emu.requests) {
		if (!request.path.includes('/ui-toasts/')) continue;
		if (request.status === 429) consumed.toast429++;
		if (request.status === 500) consumed.toast500++;
	}
	const toasts = tallyToasts(checkToasts(toastLoop.attempts, emu), windows, consumed);
	const { total } = changes;
	const passed =
		total.lost === 0 &&
		total.duplicated === 0 &&
		total.outOfOrder === 0 &&
		total.mismatched === 0 &&
		changes.unexpectedDeliveries === 0 &&
		toasts.total.lost === 0 &&
		toasts.total.duplicated === 0;
	return {
		config: { changes: config.changes, productionMs: config.productionMs, seed: config.seed, faults: config.faults, restartDownMs: config.restartDownMs, drainTimeoutMs: config.drainTimeoutMs },
		durationS: (performance.now() - started) / 1000,
		changes,
		toasts,
		windows: windows.map((w) => ({
			...w,
			startS: (w.startAt - started) / 1000,
			recoveredAfterS: Number.isFinite(w.endAt) ? (w.endAt - w.startAt) / 1000 : null,
		})),
		triggerErrors,
		triggerLog: logBook.lines.slice(-30).map((line) => `${((line.at - started) / 1000).toFixed(2)} s ${line.level} ${line.message}`),
		passed,
	};
}

// Worker: the trigger with Parallel Processing off and executions that take a set time, for the
// flood figure. It records every delivered version in a buffer allocated before the baseline, and
// samples the heap after a full GC while the flood runs.
import type { IDataObject, IDeferredPromise, IRun } from 'n8n-workflow';
import { setTimeout as delay } from 'node:timers/promises';

import type { StreamTarget } from '../consumers';
import { LogBook, triggerContext } from '../nodeContexts';
import { serveRequests } from '../processes';
import { SeaTableRealtimeTrigger, destroyIdleConnections } from '../product';

export interface HeapReading {
	heapUsedMb: number;
}

export interface FloodDelivery {
	expected: number;
	delivered: number;
	distinct: number;
	lost: number;
	duplicated: number;
	outOfOrder: number;
}

// Room for every version a 10 s flood can make; allocated up front so it is not part of the growth.
const versions = new Float64Array(4_000_000);
let deliveredCount = 0;
let executionMs = 100;
let close: (() => Promise<void>) | undefined;
const log = new LogBook();
let sampler: NodeJS.Timeout | undefined;
let peakHeap = 0;

function gcHeapMb(): number {
	(globalThis as { gc?: () => void }).gc?.();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

function onEmit(items: IDataObject[], done?: IDeferredPromise<IRun>): void {
	for (const item of items) if (deliveredCount < versions.length) versions[deliveredCount++] = item.version as number;
	if (!done) return;
	if (executionMs > 0) setTimeout(() => done.resolve({} as IRun), executionMs);
	else setImmediate(() => done.resolve({} as IRun));
}

serveRequests({
	connect: async (payload: { target: StreamTarget; maxWaitingChanges: number }) => {
		const context = triggerContext({
			credentials: { serverUrl: payload.target.url, apiToken: payload.target.apiToken },
			parameters: { event: 'baseChange', options: { parallelProcessing: false, maxWaitingChanges: payload.maxWaitingChanges } },
			onEmit,
			log,
		});
		const response = await new SeaTableRealtimeTrigger().trigger.call(context);
		close = async () => {
			await response.closeFunction?.();
			destroyIdleConnections();
		};
	},
	/** Warnings and errors the trigger logged. */
	logs: (): string[] => log.lines.map((line) => `${line.level} ${line.message}`),
	delivered: (): number => deliveredCount,
	baseline: (): HeapReading => ({ heapUsedMb: gcHeapMb() }),
	startSampling: () => {
		peakHeap = gcHeapMb();
		sampler = setInterval(() => {
			peakHeap = Math.max(peakHeap, gcHeapMb());
		}, 500);
	},
	stopSampling: (): HeapReading => {
		clearInterval(sampler);
		peakHeap = Math.max(peakHeap, gcHeapMb());
		return { heapUsedMb: peakHeap };
	},
	setExecutionMs: (payload: { ms: number }) => {
		executionMs = payload.ms;
	},
	/** Waits until the last version arrived (or the timeout), then counts what was delivered. */
	result: async (payload: { first: number; last: number; timeoutMs: number }): Promise<FloodDelivery> => {
		const deadline = Date.now() + payload.timeoutMs;
		const arrived = () => {
			for (let i = deliveredCount - 1; i >= 0 && i >= deliveredCount - 10; i--) if (versions[i] === payload.last) return true;
			return false;
		};
		while (!arrived() && Date.now() < deadline) await delay(100);
		await delay(500);
		const expected = payload.last - payload.first + 1;
		const seen = new Uint8Array(expected);
		let delivered = 0;
		let distinct = 0;
		let outOfOrder = 0;
		let previous = -Infinity;
		for (let i = 0; i < deliveredCount; i++) {
			const version = versions[i];
			if (version < payload.first || version > payload.last) continue;
			delivered++;
			if (version < previous) outOfOrder++;
			previous = Math.max(previous, version);
			if (seen[version - payload.first] === 0) {
				seen[version - payload.first] = 1;
				distinct++;
			}
		}
		return { expected, delivered, distinct, lost: expected - distinct, duplicated: delivered - distinct, outOfOrder };
	},
	exit: async () => {
		clearInterval(sampler);
		await close?.();
	},
});

// Serial processing with slow executions: at most `maxWaitingChanges` wait in memory; past that
// the waiting live changes are dropped and read again from the operation log, and nothing is lost.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import type { IRun } from 'n8n-workflow';

import { useTriggerTestBed, type RunningTrigger } from './triggerTestKit';

const bed = useTriggerTestBed();

/** Finishes every execution as soon as the trigger has started it. */
function finishExecutionsAsTheyCome(trigger: RunningTrigger): () => void {
	let finished = 0;
	const timer = setInterval(() => {
		for (; finished < trigger.emits.length; finished++) trigger.emits[finished].done?.resolve({} as IRun);
	}, 5);
	return () => clearInterval(timer);
}

test('a flood while an execution hangs: one warning, the overflow is re-read from the log, every change once and in order', async () => {
	const trigger = await bed.start({ options: { parallelProcessing: false, resolveNames: false, maxWaitingChanges: 50 } });
	const first = bed.emu.insertRow('Tasks', { Name: 'hangs' });
	await trigger.waitForEmits(1);
	const flood = Array.from({ length: 400 }, (_, i) => bed.emu.insertRow('Tasks', { Name: `flood ${i}` }));
	// Let the flood arrive while the first execution still runs.
	await delay(500);
	expect(trigger.emits).toHaveLength(1);
	const stop = finishExecutionsAsTheyCome(trigger);
	try {
		await trigger.waitForEmits(401, 60_000);
		const live = bed.emu.insertRow('Tasks', { Name: 'after the flood' });
		await trigger.waitForEmits(402, 30_000);
		const versions = trigger.items().map((item) => item.version);
		expect(versions).toEqual([first.version, ...flood.map((change) => change.version), live.version]);
		// The dropped ones came back from the log.
		expect(trigger.items().some((item) => item.replayed === true)).toBe(true);
		const warnings = trigger.logs.filter((line) => line.startsWith('warn') && line.includes('waiting'));
		expect(warnings).toHaveLength(1);
		expect(trigger.logs.some((line) => line.includes('may be missing'))).toBe(false);
	} finally {
		stop();
	}
}, 90_000);

test('the limit also holds for changes that arrive while a catch-up runs, beyond catchUpMaxOperations', async () => {
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	const missed = Array.from({ length: 120 }, (_, i) => bed.emu.insertRow('Tasks', { Name: `missed ${i}` }));
	// A slow log: live changes pile up behind the catch-up.
	bed.emu.delayNext({ path: '/operations/', ms: 800, count: 1 });
	const trigger = await bed.start(
		{ options: { parallelProcessing: false, resolveNames: false, maxWaitingChanges: 30, catchUpMaxOperations: 500 } },
		{ staticData: { dtableUuid: bed.emu.uuid, lastVersion: anchor.version } },
	);
	const live = Array.from({ length: 300 }, (_, i) => bed.emu.insertRow('Tasks', { Name: `live ${i}` }));
	const stop = finishExecutionsAsTheyCome(trigger);
	try {
		await trigger.waitForEmits(420, 60_000);
		await delay(300);
		expect(trigger.items().map((item) => item.version)).toEqual([...missed, ...live].map((change) => change.version));
		expect(trigger.logs.filter((line) => line.startsWith('warn') && line.includes('waiting'))).toHaveLength(1);
	} finally {
		stop();
	}
}, 90_000);

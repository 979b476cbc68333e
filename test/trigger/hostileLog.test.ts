// A broken or hostile operation log must not trap the trigger: catch-up ends, takes `op_id` as a
// number even when sent as a string, stops with the workflow, and backs off when the log fails.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import type { IDataObject } from 'n8n-workflow';

import { waitFor } from '../helpers/waitFor';
import { useTriggerTestBed } from './triggerTestKit';

const bed = useTriggerTestBed();

/** Static data as a restart of n8n leaves it: the trigger catches up from `lastVersion`. */
function seenUpTo(version: number): IDataObject {
	return { dtableUuid: bed.emu.uuid, lastVersion: version };
}

function operationRequests(): number {
	return bed.emu.requests.filter((request) => request.path.includes('/operations/')).length;
}

test('a log that answers the same page whatever `page` says: catch-up ends, says what may be missing, live changes flow', async () => {
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	const missed = Array.from({ length: 1300 }, (_, i) => bed.emu.insertRow('Tasks', { Name: `missed ${i}` }));
	bed.emu.setOperationLogQuirks({ ignorePage: true });
	const trigger = await bed.start({ options: { resolveNames: false } }, { staticData: seenUpTo(anchor.version) });
	// The first page holds the newest 1,000: those are replayed, the older ones cannot be read.
	await trigger.waitForEmits(1000, 30_000);
	const live = bed.emu.insertRow('Tasks', { Name: 'live' });
	await trigger.waitForEmits(1001, 30_000);
	const versions = trigger.items().map((item) => item.version);
	expect(versions).toEqual([...missed.slice(300).map((change) => change.version), live.version]);
	expect(trigger.logs.some((line) => line.startsWith('warn') && line.includes('may be missing'))).toBe(true);
	// A handful of requests, not thousands a second.
	expect(operationRequests()).toBeLessThan(10);
}, 60_000);

test('`op_id` sent as a string is read as a number: the missed changes are replayed in order', async () => {
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	const missed = Array.from({ length: 30 }, (_, i) => bed.emu.insertRow('Tasks', { Name: `missed ${i}` }));
	bed.emu.setOperationLogQuirks({ opIdAsString: true });
	const trigger = await bed.start({ options: { resolveNames: false } }, { staticData: seenUpTo(anchor.version) });
	await trigger.waitForEmits(30, 30_000);
	const items = trigger.items();
	expect(items.map((item) => item.version)).toEqual(missed.map((change) => change.version));
	expect(items.every((item) => item.replayed === true && typeof item.version === 'number')).toBe(true);
	expect(trigger.logs.some((line) => line.includes('may be missing'))).toBe(false);
}, 60_000);

test('deactivating the workflow during a catch-up stops its HTTP: no page is asked for after close', async () => {
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	for (let i = 0; i < 2000; i++) bed.emu.insertRow('Tasks', { Name: `missed ${i}` });
	// Every page is slow to come, like a busy server; the log never repeats a page here.
	bed.emu.delayNext({ path: '/operations/', ms: 400, count: 1000 });
	const trigger = await bed.start({ options: { resolveNames: false, catchUpMaxOperations: 100_000 } }, { staticData: seenUpTo(anchor.version) });
	await waitFor('the catch-up to page', () => operationRequests() >= 2, 30_000);
	await trigger.close();
	const atClose = operationRequests();
	// Well past one second: the loop would have asked for several more pages by now.
	await delay(2500);
	expect(operationRequests()).toBe(atClose);
	expect(trigger.emits).toHaveLength(0);
}, 60_000);

test('a log that keeps failing: retried with growing pauses, logged once, and live changes still arrive', async () => {
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	bed.emu.insertRow('Tasks', { Name: 'missed' });
	bed.emu.failNext({ path: '/operations/', status: 500, count: 1_000_000 });
	const trigger = await bed.start({ options: { resolveNames: false } }, { staticData: seenUpTo(anchor.version) });
	const live = bed.emu.insertRow('Tasks', { Name: 'live' });
	await trigger.waitForEmits(1, 90_000);
	expect(trigger.items().at(-1)?.version).toBe(live.version);
	const failures = trigger.logs.filter((line) => (line.startsWith('warn') || line.startsWith('error')) && line.includes('operation log'));
	// One line when the log started failing, one when the trigger gave the gap up: not one per attempt.
	expect(failures.filter((line) => line.startsWith('warn'))).toHaveLength(1);
	expect(failures.filter((line) => line.startsWith('error'))).toHaveLength(1);
	// Attempts are spread out with pauses (each one is a few requests with the client's own retries).
	expect(operationRequests()).toBeGreaterThanOrEqual(3);
	expect(operationRequests()).toBeLessThan(40);
	expect(trigger.logs.some((line) => line.includes('may be missing'))).toBe(true);
}, 120_000);

// Lifecycle: one socket per base however many triggers, activation errors, manual runs that
// close cleanly, and truly serialised executions when parallel processing is off.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { createDeferredPromise, type IRun } from 'n8n-workflow';

import { destroyIdleConnections, openSessionCount as openConnectionCount } from '../../nodes/seatable-client';
import { waitFor } from '../helpers/waitFor';
import { startEmulator, startTrigger, useTriggerTestBed, type RunningTrigger } from './triggerTestKit';

const bed = useTriggerTestBed();

test('20 triggers on one base share one socket; it closes with the last of them', async () => {
	const triggers: RunningTrigger[] = [];
	for (let i = 0; i < 20; i++) triggers.push(await bed.start());
	expect(bed.emu.socketCount()).toBe(1);
	expect(openConnectionCount()).toBe(1);

	const change = bed.emu.insertRow('Tasks', { Name: 'for everyone' });
	await Promise.all(triggers.map((trigger) => trigger.waitForEmits(1)));
	expect(triggers.every((trigger) => trigger.items()[0].version === change.version)).toBe(true);

	for (const trigger of triggers.slice(0, 19)) await trigger.close();
	expect(bed.emu.socketCount()).toBe(1);
	const last = triggers[19];
	const next = bed.emu.insertRow('Tasks', { Name: 'for the last one' });
	await last.waitForEmits(2);
	expect(last.items()[1].version).toBe(next.version);
	// The closed ones heard nothing more.
	expect(triggers.slice(0, 19).every((trigger) => trigger.emits.length === 1)).toBe(true);

	await last.close();
	await waitFor('the socket to close', () => bed.emu.socketCount() === 0, 5000);
	expect(openConnectionCount()).toBe(0);
});

test('a wrong API token fails activation with a clear message and opens no socket', async () => {
	const attempt = startTrigger(bed.emu, {}, { apiToken: 'not-a-real-token-0000000000000000000000000' });
	await expect(attempt).rejects.toThrow(/rejected the API token/);
	const error = await attempt.catch((e: Error) => e);
	expect(JSON.stringify(error)).not.toContain('not-a-real-token');
	expect(bed.emu.socketCount()).toBe(0);
	expect(openConnectionCount()).toBe(0);
});

test('a server URL where nothing listens fails activation with a clear message', async () => {
	const url = bed.emu.url;
	await bed.emu.stop();
	const harnessTrigger = startTrigger(bed.emu, {});
	await expect(harnessTrigger).rejects.toThrow(new RegExp(`Could not connect to the SeaTable server at ${new URL(url).host}`));
	await bed.emu.restart();
});

test('manual mode returns the next change, then closes the connection', async () => {
	const trigger = await bed.start({}, { mode: 'manual' });
	const waiting = trigger.response.manualTriggerFunction!();
	const change = bed.emu.insertRow('Tasks', { Name: 'manual' });
	await waiting;
	expect(trigger.emits).toHaveLength(1);
	expect(trigger.items()[0]).toMatchObject({ version: change.version, row: { Name: 'manual' } });
	await waitFor('the socket to close after the manual run', () => bed.emu.socketCount() === 0, 5000);
	bed.emu.insertRow('Tasks', { Name: 'not wanted' });
	await trigger.close();
	expect(trigger.emits).toHaveLength(1);
});

test('manual mode gives up after the timeout with a clear error and closes', async () => {
	const trigger = await bed.start({ options: { manualTimeout: 1 } }, { mode: 'manual' });
	await expect(trigger.response.manualTriggerFunction!()).rejects.toThrow('No change arrived within 1 seconds');
	await waitFor('the socket to close after the timeout', () => bed.emu.socketCount() === 0, 5000);
	expect(openConnectionCount()).toBe(0);
});

test('manual mode stopped by the user while waiting resolves quietly and closes', async () => {
	const trigger = await bed.start({}, { mode: 'manual' });
	const waiting = trigger.response.manualTriggerFunction!();
	await trigger.close();
	await expect(waiting).resolves.toBeUndefined();
	await waitFor('the socket to close', () => bed.emu.socketCount() === 0, 5000);
});

test('with parallel processing off, the next change waits for the previous execution', async () => {
	const trigger = await bed.start({ options: { parallelProcessing: false } });
	bed.emu.insertRow('Tasks', { Name: 'first' });
	bed.emu.insertRow('Tasks', { Name: 'second' });
	await trigger.waitForEmits(1);
	// Give the second change every chance to overtake: it must not.
	await delay(300);
	expect(trigger.emits).toHaveLength(1);
	const done = trigger.emits[0].done;
	expect(done).toBeDefined();
	done!.resolve({} as IRun);
	await trigger.waitForEmits(2);
	expect(trigger.items().map((item) => (item.row as { Name: string }).Name)).toEqual(['first', 'second']);
	trigger.emits[1].done!.resolve({} as IRun);
});

test('with parallel processing on, executions do not wait for each other', async () => {
	const trigger = await bed.start();
	bed.emu.insertRow('Tasks', { Name: 'a' });
	bed.emu.insertRow('Tasks', { Name: 'b' });
	await trigger.waitForEmits(2);
	expect(trigger.emits.every((emit) => emit.done === undefined)).toBe(true);
	expect(createDeferredPromise).toBeDefined();
});

test('closing every trigger leaves no socket, timer or listener behind', async () => {
	await bed.emu.close();
	const baseline = activeResources();
	bed.emu = await startEmulator();
	const opened = [await startTrigger(bed.emu), await startTrigger(bed.emu, { event: 'notification' }), await startTrigger(bed.emu, { options: { batchWindow: 50 } })];
	bed.emu.insertRow('Tasks', { Name: 'busy' });
	await Promise.all([opened[0].waitForEmits(1), opened[2].waitForEmits(1)]);
	const connection = (await import('../../nodes/seatable-client')).openSessionCount();
	expect(connection).toBe(1);
	for (const trigger of opened) await trigger.close();
	await bed.emu.close();
	destroyIdleConnections();
	await waitFor('handles to close', () => Object.keys(beyond(activeResources(), baseline)).length === 0, 5000).catch(() => undefined);
	// Nothing (sockets, timers) is left open beyond what was there before the triggers started.
	expect(beyond(activeResources(), baseline)).toEqual({});
	bed.emu = await startEmulator(); // for afterEach
});

function activeResources(): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const resource of process.getActiveResourcesInfo()) counts[resource] = (counts[resource] ?? 0) + 1;
	return counts;
}

function beyond(now: Record<string, number>, before: Record<string, number>): Record<string, number> {
	return Object.fromEntries(Object.entries(now).filter(([kind, count]) => count > (before[kind] ?? 0)));
}

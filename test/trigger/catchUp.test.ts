// Gap-free delivery: changes made while the trigger was disconnected (or n8n was down) are read
// from the operation log and delivered once, in version order, before live ones.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { ObservableObject, type IDataObject } from 'n8n-workflow';

import { waitFor } from '../helpers/waitFor';
import { useTriggerTestBed } from './triggerTestKit';

const bed = useTriggerTestBed();

function expectExactlyOnceInOrder(items: IDataObject[], firstVersion: number, count: number): void {
	const versions = items.map((item) => item.version as number);
	expect(versions).toHaveLength(count);
	expect(new Set(versions).size).toBe(count);
	expect(versions).toEqual(Array.from({ length: count }, (_, index) => firstVersion + index));
}

test('1,000 changes while the server is down plus 1,000 live ones arrive exactly once, in order', async () => {
	const trigger = await bed.start({ options: { resolveNames: false } });
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	await trigger.waitForEmits(1);

	await bed.emu.stop();
	for (let i = 0; i < 1000; i++) bed.emu.insertRow('Tasks', { Name: `missed ${i}` });
	await bed.emu.restart();
	// Live changes start as soon as the trigger has rejoined, racing its catch-up.
	await waitFor('the trigger to rejoin', () => bed.emu.joinedCount() === 1, 30_000);
	let live = 0;
	const liveWriter = setInterval(() => {
		for (let i = 0; i < 50 && live < 1000; i++, live++) bed.emu.insertRow('Tasks', { Name: `live ${live}` });
		if (live >= 1000) clearInterval(liveWriter);
	}, 10);
	await waitFor('the live writer', () => live >= 1000, 60_000);
	await trigger.waitForEmits(2001, 60_000);
	await delay(300);

	const items = trigger.items();
	expectExactlyOnceInOrder(items, anchor.version, 2001);
	const replayed = items.filter((item) => item.replayed === true);
	expect(replayed).toHaveLength(1000);
	expect(replayed.map((item) => item.version)).toEqual(Array.from({ length: 1000 }, (_, index) => anchor.version + 1 + index));
	expect(items.slice(1001).every((item) => item.replayed === undefined)).toBe(true);
	expect(trigger.errors).toEqual([]);
}, 120_000);

test('after a restart of n8n the trigger catches up from the version kept in static data', async () => {
	// n8n wraps static data like this and saves it on emit only when it noticed a change.
	const staticData = ObservableObject.create({}, undefined, { ignoreEmptyOnFirstChild: true }) as IDataObject & { __dataChanged: boolean };
	const first = await bed.start({}, { staticData });
	const seen = bed.emu.insertRow('Tasks', { Name: 'seen' });
	await first.waitForEmits(1);
	expect(staticData.__dataChanged).toBe(true);
	expect(staticData.lastVersion).toBe(seen.version);
	await first.close();

	const missed = [bed.emu.insertRow('Tasks', { Name: 'while n8n was down 1' }), bed.emu.insertRow('Tasks', { Name: 'while n8n was down 2' })];
	const second = await bed.start({}, { staticData });
	await second.waitForEmits(2);
	const live = bed.emu.insertRow('Tasks', { Name: 'live again' });
	await second.waitForEmits(3);

	const items = second.items();
	expect(items.map((item) => item.version)).toEqual([missed[0].version, missed[1].version, live.version]);
	expect(items.map((item) => item.replayed)).toEqual([true, true, undefined]);
	// Replayed rows are as readable as live ones, and know who made the change.
	expect(items[0]).toMatchObject({ row: { Name: 'while n8n was down 1' }, table_name: 'Tasks' });
	expect(typeof items[0].modifier).toBe('string');
	expect(seen.version).toBeLessThan(missed[0].version);
});

test('a first activation does not replay history', async () => {
	bed.emu.insertRow('Tasks', { Name: 'old' });
	const trigger = await bed.start();
	const fresh = bed.emu.insertRow('Tasks', { Name: 'new' });
	await trigger.waitForEmits(1);
	await delay(200);
	expect(trigger.items().map((item) => item.version)).toEqual([fresh.version]);
});

test('catch-up stops at the limit and says in the log that changes may be missing', async () => {
	const trigger = await bed.start({ options: { catchUpMaxOperations: 50, resolveNames: false } });
	bed.emu.insertRow('Tasks', { Name: 'anchor' });
	await trigger.waitForEmits(1);
	await bed.emu.stop();
	const missed = Array.from({ length: 120 }, (_, i) => bed.emu.insertRow('Tasks', { Name: `missed ${i}` }));
	await bed.emu.restart();
	await trigger.waitForEmits(51, 30_000);
	const replayed = trigger.items().slice(1);
	// The newest 50, in order.
	expect(replayed.map((item) => item.version)).toEqual(missed.slice(70).map((change) => change.version));
	expect(trigger.logs.some((line) => line.startsWith('warn') && line.includes('may be missing'))).toBe(true);
});

test('with catch-up off, changes made while disconnected are not replayed', async () => {
	const trigger = await bed.start({ options: { catchUp: false } });
	bed.emu.insertRow('Tasks', { Name: 'anchor' });
	await trigger.waitForEmits(1);
	await bed.emu.stop();
	bed.emu.insertRow('Tasks', { Name: 'lost on purpose' });
	await bed.emu.restart();
	await waitFor('rejoin', () => bed.emu.joinedCount() === 1, 30_000);
	const live = bed.emu.insertRow('Tasks', { Name: 'live' });
	await trigger.waitForEmits(2);
	expect(trigger.items()[1].version).toBe(live.version);
});

test('a batch window collects many changes into one execution', async () => {
	const trigger = await bed.start({ options: { batchWindow: 300 } });
	for (let i = 0; i < 5; i++) bed.emu.insertRow('Tasks', { Name: `batched ${i}` });
	await trigger.waitForEmits(1);
	await delay(500);
	expect(trigger.emits).toHaveLength(1);
	expect(trigger.emits[0].items.map((item) => (item.row as IDataObject).Name)).toEqual([0, 1, 2, 3, 4].map((i) => `batched ${i}`));
});

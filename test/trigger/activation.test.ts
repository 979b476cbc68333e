// No change lost around activation: the trigger listens from the moment its socket opens, and a
// first activation starts from the base's version at the join, not from the first change it hears.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';

import { waitFor } from '../helpers/waitFor';
import { useTriggerTestBed } from './triggerTestKit';

const bed = useTriggerTestBed();

test('a change right after the server sees join-room, from a server that never acknowledges, with slow column names', async () => {
	await bed.restartEmulator({ joinAck: false });
	bed.emu.insertRow('Tasks', { Name: 'history, not replayed' });
	bed.emu.delayNext({ path: '/metadata/', ms: 3000, count: 5 });
	let change: ReturnType<typeof bed.emu.insertRow> | undefined;
	bed.emu.once('join', () => {
		change = bed.emu.insertRow('Tasks', { Name: 'made while activating' });
	});
	const trigger = await bed.start();
	await trigger.waitForEmits(1, 30_000);
	expect(change).toBeDefined();
	const later = bed.emu.insertRow('Tasks', { Name: 'later' });
	await trigger.waitForEmits(2, 30_000);
	expect(trigger.items().map((item) => item.version)).toEqual([change!.version, later.version]);
	expect(trigger.items()[0]).toMatchObject({ row: { Name: 'made while activating' } });
}, 60_000);

test('a first activation with an acknowledging server starts at the acknowledged version: a change made at once is delivered', async () => {
	bed.emu.insertRow('Tasks', { Name: 'history' });
	bed.emu.delayNext({ path: '/metadata/', ms: 1500, count: 5 });
	const made: number[] = [];
	bed.emu.once('join', () => {
		made.push(bed.emu.insertRow('Tasks', { Name: 'at once 1' }).version, bed.emu.insertRow('Tasks', { Name: 'at once 2' }).version);
	});
	const trigger = await bed.start();
	await waitFor('the changes', () => made.length === 2, 15_000);
	await trigger.waitForEmits(2, 30_000);
	await delay(200);
	expect(trigger.items().map((item) => item.version)).toEqual(made);
}, 60_000);

// Versions from a hostile or restored server: only safe integers count, absurd jumps are ignored,
// a base that went back (restored from a snapshot) is followed, and every change keeps its own eventId.
import { expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { useTriggerTestBed, type RunningTrigger } from './triggerTestKit';

const bed = useTriggerTestBed();

function insertOp(name: string): Record<string, unknown> {
	return { op_type: 'insert_row', table_id: '0000', row_id: 'anchorRowId0000000000a', row_data: { _id: `r-${name}`, '0000': name }, row_insert_position: 'insert_below' };
}

function names(items: IDataObject[]): unknown[] {
	return items.map((item) => (item.row as IDataObject | undefined)?.Name ?? (item.row as IDataObject | undefined)?.['0000']);
}

test('a version of 1e300 is not a version: it neither silences the trigger nor becomes the watermark', async () => {
	const staticData: IDataObject = {};
	const trigger = await bed.start({}, { staticData });
	const first = bed.emu.insertRow('Tasks', { Name: 'first' });
	await trigger.waitForEmits(1);
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('huge version')), 1e300]);
	await trigger.waitForEmits(2);
	const next = bed.emu.insertRow('Tasks', { Name: 'after' });
	await trigger.waitForEmits(3);
	expect(names(trigger.items())).toEqual(['first', 'huge version', 'after']);
	expect(trigger.items()[2].version).toBe(next.version);
	expect(staticData.lastVersion).toBe(next.version);
	expect(first.version).toBeLessThan(next.version);
});

test('a safe version far beyond the base is ignored with a warning, and later changes still arrive', async () => {
	const staticData: IDataObject = {};
	const trigger = await bed.start({}, { staticData });
	bed.emu.insertRow('Tasks', { Name: 'first' });
	await trigger.waitForEmits(1);
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('far ahead')), Number.MAX_SAFE_INTEGER]);
	await trigger.waitForEmits(2);
	const next = bed.emu.insertRow('Tasks', { Name: 'after' });
	await trigger.waitForEmits(3);
	expect(names(trigger.items())).toEqual(['first', 'far ahead', 'after']);
	expect(staticData.lastVersion).toBe(next.version);
	expect(trigger.logs.some((line) => line.startsWith('warn') && line.includes('far beyond'))).toBe(true);
});

/** Five changes seen by a first trigger, then the base restored to before four of them, then a second trigger. */
async function restoreAndRestart(): Promise<{ first: RunningTrigger; second: RunningTrigger; staticData: IDataObject; seen: number }> {
	const staticData: IDataObject = {};
	const first = await bed.start({}, { staticData });
	for (let i = 0; i < 5; i++) bed.emu.insertRow('Tasks', { Name: `before ${i}` });
	await first.waitForEmits(5);
	await first.close();
	const seen = staticData.lastVersion as number;
	bed.emu.restoreSnapshot(seen - 4);
	return { first, second: await bed.start({}, { staticData }), staticData, seen };
}

test('a base restored from a snapshot (its version went back): reset with a warning, new changes delivered', async () => {
	const { first, second, staticData, seen } = await restoreAndRestart();
	const after = bed.emu.insertRow('Tasks', { Name: 'after restore' });
	await second.waitForEmits(1);
	expect(after.version).toBeLessThan(seen);
	expect(second.items().map((item) => item.version)).toEqual([after.version]);
	expect(staticData.lastVersion).toBe(after.version);
	expect(second.logs.some((line) => line.startsWith('warn') && line.includes('went back'))).toBe(true);
	// The version repeats one delivered before the restore; the eventId does not (n8n deduplicates by it).
	const earlier = first.items().find((item) => item.version === after.version);
	expect(earlier).toBeDefined();
	expect(second.items()[0].eventId).not.toBe(earlier!.eventId);
});

test('the same: a server that never acknowledges the join, where only the log tells the version went back', async () => {
	await bed.restartEmulator({ joinAck: false });
	const { second } = await restoreAndRestart();
	const after = bed.emu.insertRow('Tasks', { Name: 'after restore' });
	await second.waitForEmits(1, 30_000);
	expect(second.items().map((item) => item.version)).toEqual([after.version]);
	expect(second.logs.some((line) => line.startsWith('warn') && line.includes('went back'))).toBe(true);
}, 40_000);

test('two different changes with the same version are both delivered, with distinct eventIds', async () => {
	const trigger = await bed.start();
	const change = bed.emu.insertRow('Tasks', { Name: 'first' });
	await trigger.waitForEmits(1);
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('same version')), change.version]);
	await trigger.waitForEmits(2);
	// An exact repeat of a change is still one change.
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('same version')), change.version]);
	const next = bed.emu.insertRow('Tasks', { Name: 'next' });
	await trigger.waitForEmits(3);
	const items = trigger.items();
	expect(names(items)).toEqual(['first', 'same version', 'next']);
	expect(items.map((item) => item.version)).toEqual([change.version, change.version, next.version]);
	expect(new Set(items.map((item) => item.eventId)).size).toBe(3);
});

test('changes without a usable version get distinct eventIds', async () => {
	const trigger = await bed.start();
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('no version a'))]);
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('no version b')), 'not a number']);
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify(insertOp('no version c')), -3.5]);
	await trigger.waitForEmits(3);
	const ids = trigger.items().map((item) => item.eventId);
	expect(new Set(ids).size).toBe(3);
	expect(ids.every((id) => typeof id === 'string' && id.startsWith(`${bed.emu.uuid}:`))).toBe(true);
});

// Hostile payloads: an operation nested absurdly deep is refused with a warning (n8n could not save
// the execution), and no value from the server makes a log line huge.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';

import { useTriggerTestBed } from './triggerTestKit';

const bed = useTriggerTestBed();

function nested(depth: number): string {
	return '{"op_type":"modify_row","table_id":"0000","row_id":"x","updated":' + '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) + '}';
}

test('an operation nested 10,000 levels deep is refused with a warning; the next change is delivered', async () => {
	const trigger = await bed.start({ options: { resolveNames: false } });
	bed.emu.broadcastRaw('update-dtable', [nested(10_000), 999_999]);
	const next = bed.emu.insertRow('Tasks', { Name: 'after the deep one' });
	await trigger.waitForEmits(1);
	await delay(200);
	expect(trigger.items().map((item) => item.version)).toEqual([next.version]);
	expect(trigger.logs.some((line) => line.startsWith('warn') && line.includes('nested deeper'))).toBe(true);
});

test('a replayed operation nested too deep is skipped with a warning; the others are replayed', async () => {
	const anchor = bed.emu.insertRow('Tasks', { Name: 'anchor' });
	const before = bed.emu.insertRow('Tasks', { Name: 'before' });
	bed.emu.applyRaw(JSON.parse(nested(500)) as Record<string, unknown>);
	const after = bed.emu.insertRow('Tasks', { Name: 'after' });
	const trigger = await bed.start({ options: { resolveNames: false } }, { staticData: { dtableUuid: bed.emu.uuid, lastVersion: anchor.version } });
	await trigger.waitForEmits(2);
	await delay(200);
	expect(trigger.items().map((item) => item.version)).toEqual([before.version, after.version]);
	expect(trigger.logs.some((line) => line.startsWith('warn') && line.includes('nested deeper'))).toBe(true);
});

test('a megabyte version string or error text does not go into a log line in full', async () => {
	const trigger = await bed.start({ options: { resolveNames: false } });
	const huge = 'v'.repeat(1_000_000);
	bed.emu.broadcastRaw('update-dtable', ['not json at all', huge]);
	bed.emu.broadcastRaw('update-dtable', [JSON.stringify({ no_op_type: true }), huge]);
	const next = bed.emu.insertRow('Tasks', { Name: 'after' });
	await trigger.waitForEmits(1);
	expect(trigger.items()[0].version).toBe(next.version);
	const skipped = trigger.logs.filter((line) => line.includes('skipped an event'));
	expect(skipped).toHaveLength(2);
	for (const line of trigger.logs) expect(line.length).toBeLessThan(2000);
});

// The shared schema cache against the emulator: schema operations that say what changed are applied
// in place (no metadata call, so later names never leak into earlier events); others refetch once.
import { afterEach, expect, test } from '@jest/globals';
import { destroyIdleConnections, getSeaTableClient } from '../../nodes/seatable-client';
import { SchemaCache } from '../../nodes/seatable-client/events/schemaCache';
import { SeaTableEmulator } from '../emulator';

let emu: SeaTableEmulator | undefined;

afterEach(async () => {
	await emu?.close();
	emu = undefined;
	destroyIdleConnections();
});

const metadataCalls = () => emu!.requests.filter((r) => r.path.endsWith('/metadata/')).length;

test('applies column, option, table and view operations without a metadata call; refetches once when an op does not say enough', async () => {
	emu = await SeaTableEmulator.start();
	const cache = new SchemaCache(getSeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }));
	await cache.get();
	expect(metadataCalls()).toBe(1);

	const changes = [
		emu.insertColumn('Tasks', { name: 'Priority', type: 'single-select', data: { options: [{ name: 'High' }] } }),
		emu.addSelectOption('Tasks', 'Priority', 'Low'),
		emu.renameColumn('Tasks', 'Due', 'Deadline'),
		emu.insertColumns('Projects', [{ name: 'Budget', type: 'number' }]),
		emu.duplicateTable('Projects'),
		emu.renameView('Tasks', 'Op3n', 'Still open'),
	];
	for (const { op, version } of changes) cache.noteOperation(op, version);
	const schema = cache.fresh;
	expect(schema).toBeDefined();
	const priority = emu.base().column(emu.base().table('Tasks'), 'Priority');
	const low = (priority.data?.options as { id: string; name: string }[]).find((o) => o.name === 'Low')!;
	expect(schema!.readableRow('0000', { [priority.key]: low.id, Du3e: '2026-01-01' })).toEqual({ Priority: 'Low', Deadline: '2026-01-01' });
	const copy = changes[4].op.table_data as { _id: string; name: string };
	expect(schema!.tableName(copy._id)).toBe(copy.name);
	expect(schema!.viewName('0000', 'Op3n')).toBe('Still open');
	expect(metadataCalls()).toBe(1);

	// A column op for a column the cache never saw cannot be applied: one refetch.
	cache.noteOperation({ op_type: 'rename_column', table_id: '0000', column_key: 'n0pe', new_column_name: 'Ghost' }, emu.base().version + 1);
	expect(cache.fresh).toBeUndefined();
	await cache.get();
	expect(metadataCalls()).toBe(2);
});

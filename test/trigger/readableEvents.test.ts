// Readable items end to end: every op family from the emulator, split batches, watched columns,
// and a renamed column showing its new name on the very next event.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import type { IDataObject } from 'n8n-workflow';

import { useTriggerTestBed, type RunningTrigger } from './triggerTestKit';

const bed = useTriggerTestBed();
let trigger: RunningTrigger;

async function start(parameters: Record<string, unknown> = {}): Promise<void> {
	trigger = await bed.start(parameters);
}

async function next(count = 1): Promise<IDataObject[]> {
	const before = trigger.items().length;
	await trigger.waitForEmits(trigger.emits.length + 1);
	await delay(50);
	const items = trigger.items().slice(before);
	expect(items.length).toBeGreaterThanOrEqual(count);
	return items;
}

test('insert, update and delete of a row are readable, with old values and who changed it', async () => {
	await start();
	const author = bed.emu.base().collaborators[1].email;
	const inserted = bed.emu.insertRow('Tasks', { Name: 'Draft', Tags: [] }, { author });
	const [created] = await next();
	expect(created).toMatchObject({ op_type: 'insert_row', row_id: inserted.row._id, table_name: 'Tasks', modifier: author, row: { Name: 'Draft' } });

	bed.emu.modifyRow('Tasks', inserted.row._id, { Name: 'Final' }, { author });
	const [updated] = await next();
	expect(updated).toMatchObject({ op_type: 'modify_row', row: { Name: 'Final' }, old_row: { Name: 'Draft' }, changed_columns: ['Name'], modifier: author });

	bed.emu.deleteRow('Tasks', inserted.row._id);
	const [deleted] = await next();
	expect(deleted).toMatchObject({ op_type: 'delete_row', row_id: inserted.row._id, row: { Name: 'Final' } });
});

test('batch changes become one item per row with stable three-part event ids', async () => {
	await start();
	const appended = bed.emu.appendRows('Tasks', [{ Name: 'one' }, { Name: 'two' }, { Name: 'three' }]);
	const items = await next(3);
	expect(items.map((item) => item.eventId)).toEqual(appended.rows.map((row) => `${bed.emu.uuid}:${appended.version}:${row._id}`));
	expect(items.map((item) => (item.row as IDataObject).Name)).toEqual(['one', 'two', 'three']);

	bed.emu.modifyRows('Tasks', appended.rows.slice(0, 2).map((row) => ({ rowId: row._id, values: { Name: `${row['0000']}!` } })));
	const modified = await next(2);
	expect(modified.map((item) => item.row_id)).toEqual(appended.rows.slice(0, 2).map((row) => row._id));

	bed.emu.deleteRows('Tasks', appended.rows.map((row) => row._id));
	const deleted = await next(3);
	expect(deleted.every((item) => item.op_type === 'delete_rows')).toBe(true);
});

test('watched columns suppress updates of other columns', async () => {
	const status = bed.emu.base().tables[0].columns.find((column) => column.type === 'single-select')!;
	await start({ options: { watchColumns: [status.name] } });
	const row = bed.emu.base().tables[0].rows[0];
	bed.emu.modifyRow('Tasks', row._id, { Name: 'renamed task' });
	const options = (status.data as { options: Array<{ name: string }> }).options;
	const relevant = bed.emu.modifyRow('Tasks', row._id, { [status.name]: options[1].name });
	const [item] = await next();
	// The first update touched no watched column, so the first item is the second update.
	expect(item.version).toBe(relevant.version);
	expect(item.row).toMatchObject({ [status.name]: options[1].name });
});

test('a column renamed between two events shows its new name on the next one', async () => {
	await start();
	const row = bed.emu.base().tables[0].rows[0];
	bed.emu.modifyRow('Tasks', row._id, { Name: 'before rename' });
	expect((await next())[0].row).toHaveProperty('Name');
	bed.emu.renameColumn('Tasks', 'Name', 'Title');
	const [schemaItem] = await next();
	expect(schemaItem).toMatchObject({ op_type: 'rename_column', schema: { change: 'column_renamed', old_name: 'Name', new_name: 'Title' } });
	bed.emu.modifyRow('Tasks', row._id, { Title: 'after rename' });
	const [item] = await next();
	expect(item.row).toEqual(expect.objectContaining({ Title: 'after rename' }));
	expect(item.row).not.toHaveProperty('Name');
});

test('links and schema changes come as readable items', async () => {
	await start();
	const projectsTable = bed.emu.base().tables.find((table) => table.name === 'Projects')!;
	const linkColumn = bed.emu.base().tables[0].columns.find((column) => column.type === 'link')!;
	const task = bed.emu.base().tables[0].rows[0];
	bed.emu.addLink('Tasks', linkColumn.name, task._id, projectsTable.rows[0]._id);
	const [link] = await next();
	expect(link).toMatchObject({ op_type: 'add_link', table_name: 'Tasks' });
	expect(link.link).toMatchObject({ other_table_name: 'Projects' });

	bed.emu.insertColumn('Tasks', { name: 'Priority', type: 'number' });
	const [column] = await next();
	expect(column).toMatchObject({ op_type: 'insert_column', row_id: null, schema: { change: 'column_inserted', name: 'Priority' } });

	bed.emu.insertTable('Invoices');
	const [table] = await next();
	expect(table).toMatchObject({ op_type: 'insert_table', table_name: 'Invoices' });
});

test('includeRaw adds the raw operation', async () => {
	await start({ options: { includeRaw: true } });
	const change = bed.emu.insertRow('Tasks', { Name: 'raw too' });
	const [item] = await next();
	expect(item.operation).toEqual(change.op);
	expect(item.row).toMatchObject({ Name: 'raw too' });
});

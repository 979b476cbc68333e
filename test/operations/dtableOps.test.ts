// The operation library on operations built by dtable-store itself (through the emulator's editor):
// links inside inserts, deletes without content, option edits, moves, link columns, duplicated tables.
import { describe, expect, it } from '@jest/globals';
import { BaseSchema, DEFAULT_ENRICH_OPTIONS, describeSchemaChange, operationToItems, type EnrichOptions } from '../../nodes/seatable-client/operations';
import { BaseState } from '../emulator/baseState';
import * as ops from '../emulator/operations';
import { SAMPLE_IDS, sampleBase } from '../emulator/sampleBase';

function setUp() {
	const base = new BaseState(sampleBase());
	const change = { base, author: base.collaborators[0].email };
	// The schema as the trigger would fetch it before the change.
	const schema = () => new BaseSchema({ tables: JSON.parse(JSON.stringify(base.tables)) });
	return { base, change, schema };
}

function items(op: Record<string, unknown>, schema: BaseSchema, options: Partial<EnrichOptions> = {}) {
	return operationToItems(
		{ operation: op, version: 7, dtable_uuid: 'u', receivedAt: 'now' },
		{ ...DEFAULT_ENRICH_OPTIONS, ...options },
		schema,
	);
}

describe('operations built by dtable-store', () => {
	it('insert_row with links_data: linked ids on the row by column name, and a link item of its own', () => {
		const { change, schema } = setUp();
		const names = schema();
		const { op, row } = ops.insertRow(change, 'Tasks', { Name: 'copy', Project: [SAMPLE_IDS.projectRows[1]] });
		expect(Array.isArray(op.links_data)).toBe(true);
		const [rowItem, linkItem] = items(op, names);
		expect(rowItem).toMatchObject({ eventId: 'u:7', row_id: row._id, row: { Name: 'copy', Project: [SAMPLE_IDS.projectRows[1]] } });
		expect(linkItem).toMatchObject({
			eventId: `u:7:${row._id}:${SAMPLE_IDS.linkId}`,
			row_id: row._id,
			link: { column: 'Project', other_table_id: SAMPLE_IDS.projects, other_table_name: 'Projects', added: [SAMPLE_IDS.projectRows[1]] },
		});
		expect(items(op, names, { operations: ['linkChanged'] }).map((i) => i.link !== undefined)).toEqual([true]);
		expect(items(op, names, { operations: ['rowCreated'] }).map((i) => i.link !== undefined)).toEqual([false]);
	});

	it('insert_rows duplicating linked rows: each new row gets the links of its original', () => {
		const { base, change, schema } = setUp();
		const names = schema();
		const tasks = base.table('Tasks');
		const originals = [SAMPLE_IDS.taskRows[0], SAMPLE_IDS.taskRows[2]];
		const copies = originals.map((id) => ({ '0000': `copy of ${id}` }));
		const linkColumns = tasks.columns.filter((c) => c.type === 'link');
		// dtable-store's insertRows copies the links of the anchor rows (what "duplicate rows" does).
		const [op] = base.editor.run(change.author, (s) => s.insertRows(0, originals, 'insert_below', copies, linkColumns));
		const rowIds = (op.row_datas as { _id: string }[]).map((r) => r._id);
		const all = items(op, names);
		expect(all.filter((i) => i.link === undefined).map((i) => i.row?.Project)).toEqual([[SAMPLE_IDS.projectRows[0]], [SAMPLE_IDS.projectRows[1]]]);
		expect(all.filter((i) => i.link !== undefined).map((i) => [i.row_id, i.link?.added])).toEqual([
			[rowIds[0], [SAMPLE_IDS.projectRows[0]]],
			[rowIds[1], [SAMPLE_IDS.projectRows[1]]],
		]);
		expect(base.linkedRowIds('Tasks', 'Project', rowIds[1])).toEqual([SAMPLE_IDS.projectRows[1]]);
	});

	it('a delete whose rows SeaTable left out says so: row is only {_id}, content_omitted', () => {
		const { change, schema, base } = setUp();
		const names = schema();
		const added = [1, 2, 3].flatMap((n) => ops.appendRows(change, 'Projects', Array.from({ length: 667 }, (_, i) => ({ Name: `p${n}-${i}` }))).rows);
		const { op } = ops.deleteRows(change, 'Projects', added.map((r) => r._id));
		expect(op.deleted_rows).toEqual([]);
		const deleted = items(op, names);
		expect(deleted).toHaveLength(2001);
		expect(deleted[0]).toMatchObject({ row: { _id: added[0]._id }, content_omitted: true });
		expect(base.table('Projects').rows).toHaveLength(2);
	});

	it('modify_column_data adds an option: the schema keeps the others and the item names the new one', () => {
		const { change, schema } = setUp();
		const names = schema();
		const { op } = ops.addSelectOption(change, 'Tasks', 'Status', 'Blocked');
		expect(describeSchemaChange(op, names)).toEqual({ change: 'column_data_changed', column_key: 'St4t', name: 'Status', options_added: ['Blocked'] });
		expect(names.applySchemaOperation(op)).toBe(true);
		const modified = ops.modifyRow(change, 'Tasks', SAMPLE_IDS.taskRows[0], { Status: 'Blocked' }).op;
		expect(items(modified, names)[0]).toMatchObject({ row: { Status: 'Blocked' }, old_row: { Status: 'Open' } });
	});

	it('move_column says which column moved and where', () => {
		const { change, schema } = setUp();
		const { op } = ops.moveColumn(change, 'Tasks', 'Done', 'Name', 'move_right');
		expect(describeSchemaChange(op, schema())).toEqual({
			change: 'column_moved',
			column_key: 'Dn0e',
			name: 'Done',
			position: 'move_right',
			target_column_key: '0000',
			target_name: 'Name',
		});
	});

	it('a new link column adds its reverse column to the other table, named in the item', () => {
		const { change, schema } = setUp();
		const names = schema();
		const { op, column } = ops.insertColumn(change, 'Projects', { name: 'Blockers', type: 'link', data: { other_table_id: '0000' } });
		const info = op.linked_column_info as { column_data: { key: string; name: string } };
		expect(describeSchemaChange(op, names)).toMatchObject({
			change: 'column_inserted',
			name: 'Blockers',
			linked_column: { table_id: '0000', table_name: 'Tasks', column_key: info.column_data.key, name: info.column_data.name },
		});
		names.applySchemaOperation(op);
		expect(names.columnName(SAMPLE_IDS.projects, column.key)).toBe('Blockers');
		expect(names.columnName('0000', info.column_data.key)).toBe(info.column_data.name);
	});

	it('duplicate_table: the copy has its name and columns at once, and its rows read by name', () => {
		const { change, schema } = setUp();
		const names = schema();
		const { op, table } = ops.duplicateTable(change, 'Projects', true);
		const [item] = items(op, names);
		expect(item).toMatchObject({ table_id: table._id, table_name: table.name, schema: { change: 'table_duplicated', name: table.name, source_name: 'Projects' } });
		expect(names.applySchemaOperation(op)).toBe(true);
		const modified = ops.modifyRow(change, table._id, table.rows[0]._id, { Name: 'renamed copy' }).op;
		expect(items(modified, names)[0]).toMatchObject({ table_name: table.name, row: { Name: 'renamed copy' } });
	});

	it('rename_view reports old and new name, and later view items use the new one', () => {
		const { change, schema } = setUp();
		const names = schema();
		const renamed = ops.renameView(change, 'Tasks', 'Op3n', 'Still open').op;
		expect(describeSchemaChange(renamed, names)).toEqual({ change: 'view_renamed', view_id: 'Op3n', old_name: 'Open tasks', new_name: 'Still open' });
		names.applySchemaOperation(renamed);
		expect(names.viewName('0000', 'Op3n')).toBe('Still open');
	});
});

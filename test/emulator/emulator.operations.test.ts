// Every op family: state change, payload shape (protocol doc §4), update-dtable broadcast and operation log.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { SAMPLE_IDS, SeaTableEmulator } from './index';
import type { ChangeResult } from './index';
import { closeSockets, Inbox, joinedSocket, nextUpdate } from './testHelpers';

let emu: SeaTableEmulator;
let updates: Inbox;
const { taskRows, projectRows, statusOptions, tagOptions } = SAMPLE_IDS;
const ROW_ID = /^[A-Za-z0-9_-]{22}$/;

beforeEach(async () => {
	emu = await SeaTableEmulator.start();
	({ updates } = await joinedSocket(emu));
});

afterEach(async () => {
	closeSockets();
	await emu.close();
});

/** The change arrived as update-dtable(JSON string, version) and sits in the log with op_id = version. */
async function broadcastOf(result: ChangeResult): Promise<Record<string, unknown>> {
	const update = await nextUpdate(updates);
	expect(update.version).toBe(result.version);
	expect(update.raw).toBe(JSON.stringify(result.op));
	const entry = emu.base().operationLog.at(-1);
	expect(entry?.op_id).toBe(result.version);
	expect(entry?.operation).toBe(update.raw);
	expect(emu.base().version).toBe(result.version);
	return update.op;
}

const tasks = () => emu.base().table('Tasks');

describe('rows', () => {
	it('insert_row: row_id is the anchor, the new id is row_data._id; values stored by key, selects as option ids', async () => {
		const ben = emu.base().collaborators[1].email;
		const result = emu.insertRow('Tasks', { Name: 'New task', Status: 'In progress', Tags: ['Bug', 'Docs'], Done: false }, { author: ben });
		const op = await broadcastOf(result);
		expect(op.op_type).toBe('insert_row');
		expect(op.table_id).toBe('0000');
		expect(op.row_id).toBe(taskRows[2]); // the last row before the insert
		const rowData = op.row_data as Record<string, unknown>;
		expect(rowData._id).toMatch(ROW_ID);
		expect(rowData._id).not.toBe(op.row_id);
		expect(rowData).toMatchObject({
			'0000': 'New task',
			St4t: statusOptions.inProgress,
			Tg9s: [tagOptions.bug, tagOptions.docs],
			Dn0e: false,
			_participants: [],
			_creator: ben,
			_last_modifier: ben,
		});
		expect(rowData._ctime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}\+00:00$/);
		expect(op.row_insert_position).toBe('insert_below');
		// dtable-store sends links_data as an array (empty: the new row links to nothing).
		expect(op.links_data).toEqual([]);
		expect(emu.base().operationLog.at(-1)?.author).toBe(ben);
		expect(tasks().rows.map((r) => r._id)).toEqual([...taskRows, rowData._id]);
		expect(result.version).toBe(1);
	});

	it('insert_row with an explicit anchor inserts below it', async () => {
		const result = emu.insertRow('0000', { Name: 'Between' }, { anchorRowId: taskRows[0] });
		const op = await broadcastOf(result);
		expect(op.row_id).toBe(taskRows[0]);
		expect(tasks().rows.map((r) => r._id)).toEqual([taskRows[0], (op.row_data as { _id: string })._id, taskRows[1], taskRows[2]]);
	});

	it('insert_rows: row_ids are anchors chained below each other', async () => {
		const result = emu.insertRows('Tasks', [{ Name: 'A' }, { Name: 'B' }]);
		const op = await broadcastOf(result);
		const datas = op.row_datas as { _id: string; '0000': string }[];
		expect(op.op_type).toBe('insert_rows');
		expect(datas.map((d) => d['0000'])).toEqual(['A', 'B']);
		expect(op.row_ids).toEqual([taskRows[2], datas[0]._id]);
		expect(tasks().rows).toHaveLength(5);
	});

	it('append_rows: row_datas without anchors', async () => {
		const result = emu.appendRows('Tasks', [{ Name: 'C', Status: 'Done' }]);
		const op = await broadcastOf(result);
		// Exactly what dtable-store's appendRows builds (no key_auto_number_config).
		expect(Object.keys(op).sort()).toEqual(['op_type', 'row_datas', 'table_id']);
		expect((op.row_datas as Record<string, unknown>[])[0]).toMatchObject({ '0000': 'C', St4t: statusOptions.done });
		expect(tasks().rows.at(-1)?.['0000']).toBe('C');
	});

	it('modify_row: updated has _last_modifier, old_row has the previous values of the changed keys', async () => {
		const chiara = emu.base().collaborators[2].email;
		const result = emu.modifyRow('Tasks', taskRows[0], { Status: 'Done', Tags: ['Feature'] }, { author: chiara });
		const op = await broadcastOf(result);
		expect(op).toEqual({
			op_type: 'modify_row',
			table_id: '0000',
			row_id: taskRows[0],
			updated: { St4t: statusOptions.done, Tg9s: [tagOptions.feature], _last_modifier: chiara },
			old_row: { St4t: statusOptions.open, Tg9s: [tagOptions.docs] },
		});
		expect(emu.base().row(tasks(), taskRows[0])).toMatchObject({ St4t: statusOptions.done, _last_modifier: chiara });
	});

	it('modify_row by column key, and old_row leaves out keys that were unset', async () => {
		const created = emu.insertRow('Tasks', { Name: 'Sparse' });
		await broadcastOf(created);
		const op = await broadcastOf(emu.modifyRow('Tasks', created.row._id, { Du3e: '2026-01-01' }));
		expect(op.updated).toMatchObject({ Du3e: '2026-01-01' });
		expect(op.old_row).toEqual({});
	});

	it('modify_rows: per-row updated and old_rows maps', async () => {
		const result = emu.modifyRows('Tasks', [
			{ rowId: taskRows[0], values: { Done: true } },
			{ rowId: taskRows[1], values: { Done: true, Status: 'Done' } },
		]);
		const op = await broadcastOf(result);
		const author = emu.base().collaborators[0].email;
		expect(op).toEqual({
			op_type: 'modify_rows',
			table_id: '0000',
			row_ids: [taskRows[0], taskRows[1]],
			updated: {
				[taskRows[0]]: { Dn0e: true, _last_modifier: author },
				[taskRows[1]]: { Dn0e: true, St4t: statusOptions.done, _last_modifier: author },
			},
			old_rows: {
				[taskRows[0]]: { Dn0e: false },
				[taskRows[1]]: { Dn0e: false, St4t: statusOptions.inProgress },
			},
		});
	});

	it('delete_row: deleted_row is the full row, upper_row_id the row above', async () => {
		const op = await broadcastOf(emu.deleteRow('Tasks', taskRows[1]));
		expect(op.op_type).toBe('delete_row');
		expect(op.row_id).toBe(taskRows[1]);
		expect(op.upper_row_id).toBe(taskRows[0]);
		expect(op.deleted_row).toMatchObject({ _id: taskRows[1], '0000': 'Fix login redirect', St4t: statusOptions.inProgress });
		// dtable-store lists the deleted row's links, one entry per link column.
		expect(op.deleted_links_data).toEqual([
			{ link_id: SAMPLE_IDS.linkId, link_table_id: '0000', linked_table_id: SAMPLE_IDS.projects, id_linked_rows_ids: { [taskRows[1]]: [projectRows[0]] } },
		]);
		expect(tasks().rows.map((r) => r._id)).toEqual([taskRows[0], taskRows[2]]);
		// Its link to the project went with it.
		expect(emu.base().linkedRowIds('Projects', 'Tasks', projectRows[0])).toEqual([taskRows[0]]);
	});

	it('delete_rows: deleted_rows and upper_row_ids in order', async () => {
		const op = await broadcastOf(emu.deleteRows('Tasks', [taskRows[2], taskRows[1]]));
		expect(op.op_type).toBe('delete_rows');
		expect(op.row_ids).toEqual([taskRows[2], taskRows[1]]);
		expect((op.deleted_rows as { _id: string }[]).map((r) => r._id)).toEqual([taskRows[2], taskRows[1]]);
		expect(op.upper_row_ids).toEqual([taskRows[1], taskRows[0]]);
		expect(tasks().rows).toHaveLength(1);
	});

	it('rejects unknown columns, unknown options and link values without changing anything', () => {
		expect(() => emu.insertRow('Tasks', { Nope: 1 })).toThrow(/Unknown column/);
		expect(() => emu.insertRow('Tasks', { Status: 'Blocked' })).toThrow(/no option "Blocked"/);
		expect(() => emu.modifyRow('Tasks', taskRows[0], { Project: [projectRows[1]] })).toThrow(/link column/);
		expect(emu.base().version).toBe(0);
		expect(tasks().rows).toHaveLength(3);
	});
});

describe('links', () => {
	it('add_link and remove_link carry both tables, both rows and the link id', async () => {
		const added = await broadcastOf(emu.addLink('Tasks', 'Project', taskRows[0], projectRows[1]));
		expect(added).toEqual({
			op_type: 'add_link',
			link_id: SAMPLE_IDS.linkId,
			table1_id: '0000',
			table2_id: SAMPLE_IDS.projects,
			table1_row_id: taskRows[0],
			table2_row_id: projectRows[1],
		});
		expect(emu.base().linkedRowIds('Tasks', 'Project', taskRows[0]).sort()).toEqual([projectRows[0], projectRows[1]].sort());
		expect(emu.base().linkedRowIds('Projects', 'Tasks', projectRows[1]).sort()).toEqual([taskRows[0], taskRows[2]].sort());
		const removed = await broadcastOf(emu.removeLink('Tasks', 'Project', taskRows[0], projectRows[0]));
		expect(removed.op_type).toBe('remove_link');
		expect(emu.base().linkedRowIds('Tasks', 'Project', taskRows[0])).toEqual([projectRows[1]]);
	});

	it('update_rows_links: new and old maps', async () => {
		const op = await broadcastOf(emu.updateRowsLinks('Tasks', 'Pj1c', { [taskRows[0]]: [projectRows[1]], [taskRows[2]]: [] }));
		expect(op).toEqual({
			op_type: 'update_rows_links',
			link_id: SAMPLE_IDS.linkId,
			table_id: '0000',
			other_table_id: SAMPLE_IDS.projects,
			row_id_list: [taskRows[0], taskRows[2]],
			other_rows_ids_map: { [taskRows[0]]: [projectRows[1]], [taskRows[2]]: [] },
			old_other_rows_ids_map: { [taskRows[0]]: [projectRows[0]], [taskRows[2]]: [projectRows[1]] },
		});
		expect(emu.base().linkedRowIds('Tasks', 'Project', taskRows[2])).toEqual([]);
	});
});

describe('columns', () => {
	it('insert_column: column_key is the anchor, the new key is in column_data', async () => {
		const result = emu.insertColumn('Tasks', { name: 'Priority', type: 'single-select', data: { options: [{ name: 'High' }, { name: 'Low' }] } });
		const op = await broadcastOf(result);
		expect(op.op_type).toBe('insert_column');
		expect(op.column_key).toBe('Pj1c');
		const column = op.column_data as { key: string; name: string; type: string; data: { options: { id: string; name: string }[] } };
		expect(column.key).toMatch(/^[A-Za-z0-9]{4}$/);
		expect(column.key).not.toBe(op.column_key);
		expect(column).toMatchObject({ name: 'Priority', type: 'single-select', editable: true, width: 200 });
		expect(column.data.options.map((o) => o.name)).toEqual(['High', 'Low']);
		expect(column.data.options[0].id).toMatch(/^\d{6}$/);
		// The new column is usable for values right away.
		const row = await broadcastOf(emu.modifyRow('Tasks', taskRows[0], { Priority: 'High' }));
		expect(row.updated).toMatchObject({ [column.key]: column.data.options[0].id });
	});

	it('rename_column, modify_column_type and delete_column', async () => {
		const renamed = await broadcastOf(emu.renameColumn('Tasks', 'Due', 'Deadline'));
		expect(renamed).toEqual({ op_type: 'rename_column', table_id: '0000', column_key: 'Du3e', new_column_name: 'Deadline', old_column_name: 'Due' });
		expect(emu.base().column(tasks(), 'Deadline').key).toBe('Du3e');

		const retyped = await broadcastOf(emu.modifyColumnType('Tasks', 'Deadline', 'text'));
		expect(retyped).toMatchObject({ op_type: 'modify_column_type', column_key: 'Du3e', new_column: { type: 'text' }, old_column: { type: 'date' } });
		expect((retyped.new_rows_data as Record<string, unknown>[])[0]).toEqual({ _id: taskRows[0], Du3e: '2025-11-20' });

		const deleted = await broadcastOf(emu.deleteColumn('Tasks', 'Du3e'));
		expect(deleted).toMatchObject({ op_type: 'delete_column', table_id: '0000', column_key: 'Du3e', old_column: { name: 'Deadline' }, upper_column_key: 'As5g' });
		expect(tasks().columns.some((c) => c.key === 'Du3e')).toBe(false);
		expect(tasks().rows[0].Du3e).toBeUndefined();
		expect(() => emu.deleteColumn('Tasks', 'Name')).toThrow(/primary/);
	});
});

describe('tables and views', () => {
	it('insert_table has no top-level table_id; rename_table carries the new name; delete_table the old table', async () => {
		const inserted = await broadcastOf(emu.insertTable('Notes', [{ name: 'Title', type: 'text' }, { name: 'Body', type: 'long-text' }]));
		expect(inserted.op_type).toBe('insert_table');
		expect(inserted.table_id).toBeUndefined();
		const data = inserted.table_data as { _id: string; name: string; columns: { key: string }[]; views: { _id: string }[] };
		expect(data.name).toBe('Notes');
		expect(data.columns[0].key).toBe('0000');
		expect(data.views.map((v) => v._id)).toEqual(['0000']);

		const renamed = await broadcastOf(emu.renameTable('Notes', 'Journal'));
		expect(renamed).toEqual({ op_type: 'rename_table', table_id: data._id, table_name: 'Journal' });

		const deleted = await broadcastOf(emu.deleteTable(data._id));
		expect(deleted).toMatchObject({ op_type: 'delete_table', table_id: data._id, table_name: 'Journal', deleted_table: { _id: data._id } });
		expect(emu.base().findTable('Journal')).toBeUndefined();
	});

	it('insert_view, rename_view, modify_filters', async () => {
		const inserted = await broadcastOf(emu.insertView('Tasks', 'Mine'));
		const view = inserted.view_data as { _id: string; name: string; filters: unknown[] };
		expect(inserted).toMatchObject({ op_type: 'insert_view', table_id: '0000', view_folder_id: null });
		expect(view.name).toBe('Mine');

		const renamed = await broadcastOf(emu.renameView('Tasks', view._id, 'My tasks'));
		expect(renamed).toEqual({ op_type: 'rename_view', table_id: '0000', view_id: view._id, view_name: 'My tasks' });

		const filters = [{ column_key: '0000', filter_predicate: 'contains', filter_term: 'release' }];
		const filtered = await broadcastOf(emu.modifyFilters('Tasks', view._id, filters, { conjunction: 'Or' }));
		expect(filtered).toEqual({ op_type: 'modify_filters', table_id: '0000', view_id: view._id, filters, filter_conjunction: 'Or' });
		expect(emu.base().view(tasks(), view._id)).toMatchObject({ name: 'My tasks', filters, filter_conjunction: 'Or' });
	});
});

describe('bookkeeping', () => {
	it('versions increase by one per change across op families, and the update event fires', async () => {
		const seen: number[] = [];
		emu.on('update', (version: number) => seen.push(version));
		const versions = [
			emu.insertRow('Tasks', { Name: 'x' }).version,
			emu.applyRaw({ op_type: 'unknown_future_op', payload: { a: 1 } }, { app: 'script' }).version,
			emu.renameTable('Projects', 'Initiatives').version,
		];
		expect(versions).toEqual([1, 2, 3]);
		expect(seen).toEqual([1, 2, 3]);
		for (const version of versions) expect((await nextUpdate(updates)).version).toBe(version);
		expect(emu.base().operationLog.map((e) => [e.op_id, e.app])).toEqual([
			[1, null],
			[2, 'script'],
			[3, null],
		]);
		expect(JSON.parse(emu.base().operationLog[1].operation)).toEqual({ op_type: 'unknown_future_op', payload: { a: 1 } });
	});

	it('returned ops are snapshots: later changes do not alter them', async () => {
		const first = emu.insertRow('Tasks', { Name: 'snapshot' });
		emu.modifyRow('Tasks', first.row._id, { Name: 'changed' });
		expect((first.op.row_data as Record<string, unknown>)['0000']).toBe('snapshot');
		expect(first.row['0000']).toBe('snapshot');
		await nextUpdate(updates);
		await nextUpdate(updates);
	});
});

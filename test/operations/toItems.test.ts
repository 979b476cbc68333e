import { describe, expect, it } from '@jest/globals';
import {
	BaseSchema,
	DEFAULT_ENRICH_OPTIONS,
	operationToItems,
	type EnrichOptions,
	type EventItem,
	type OperationInput,
	type RawOperation,
} from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

const BASE_ID = `${fx.DTABLE_UUID}:1235`;

function options(overrides: Partial<EnrichOptions> = {}): EnrichOptions {
	return { ...DEFAULT_ENRICH_OPTIONS, ...overrides };
}

function items(
	op: RawOperation,
	overrides: Partial<EnrichOptions> = {},
	extra: Partial<OperationInput> = {},
	schema: BaseSchema = new BaseSchema(fx.metadata()),
): EventItem[] {
	return operationToItems(fx.input(op, 1235, extra), options(overrides), schema);
}

function only(list: EventItem[]): EventItem {
	expect(list).toHaveLength(1);
	return list[0];
}

describe('defaults', () => {
	it('resolve names, split rows, no raw operation, no filters', () => {
		expect(DEFAULT_ENRICH_OPTIONS).toEqual({ resolveNames: true, splitRows: true, includeRaw: false, watchColumns: [], operations: [], tables: [] });
	});
});

describe('row created', () => {
	it('insert_row: readable item with column names, option names and the creator', () => {
		expect(only(items(fx.insertRowWithValues))).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'insert_row',
			table_id: 'wMtQ',
			table_name: 'Contacts',
			row_id: 'FPFMs5blRR-SpLV1sk676g',
			row: {
				_id: 'FPFMs5blRR-SpLV1sk676g',
				_participants: [],
				_creator: fx.USER,
				_ctime: '2023-08-20T04:59:21.673+00:00',
				_last_modifier: fx.USER,
				_mtime: '2023-08-20T04:59:21.673+00:00',
				Email: 'w.cho@cj.net',
				Name: 'Woojin',
				Prio: '+',
				Tags: ['Red', 'Blue'],
				Owner: [fx.OTHER_USER],
			},
			modifier: fx.USER,
			received_at: fx.RECEIVED_AT,
		});
	});

	it('insert_row: row_id is the new row (row_data._id), not the anchor row_id', () => {
		const item = only(items(fx.insertRow));
		expect(item.row_id).toBe(fx.insertRow.row_data._id);
		expect(item.row_id).not.toBe(fx.insertRow.row_id);
		expect(only(items(fx.insertRowDocs)).row_id).toBe('RngJuRa0SMGXyiA-SHDiAw');
	});

	it('insert_rows: one item per new row with stable 3-part event ids', () => {
		const first = items(fx.insertRows);
		const second = items(fx.insertRows);
		expect(first.map((item) => item.eventId)).toEqual([`${BASE_ID}:NLEm269CSaO3gy7Cm2ZrvQ`, `${BASE_ID}:I0n3PtjORke3ubWq5B54GQ`]);
		expect(second.map((item) => item.eventId)).toEqual(first.map((item) => item.eventId));
		expect(first.map((item) => item.row_id)).toEqual(['NLEm269CSaO3gy7Cm2ZrvQ', 'I0n3PtjORke3ubWq5B54GQ']);
		expect(first[0].row).toMatchObject({ Email: '' });
	});

	it('append_rows: a batch form, so even one row gets a 3-part id', () => {
		const item = only(items(fx.appendRows));
		expect(item.eventId).toBe(`${BASE_ID}:F7ze485HTAKfrZmCZYqb1g`);
		expect(item.row).toMatchObject({ Email: 'w.cho@cj.net', Name: '조우진', Team: 'DT플랫폼팀', guest_added: '' });
		expect(item.modifier).toBe(fx.USER);
	});

	it('splitRows off: one item with row_ids and rows, row_id null and a 2-part id', () => {
		const item = only(items(fx.insertRows, { splitRows: false }));
		expect(item.eventId).toBe(BASE_ID);
		expect(item.row_id).toBeNull();
		expect(item.row_ids).toEqual(['NLEm269CSaO3gy7Cm2ZrvQ', 'I0n3PtjORke3ubWq5B54GQ']);
		expect(item.rows).toHaveLength(2);
		expect(item.rows?.[1]).toMatchObject({ _id: 'I0n3PtjORke3ubWq5B54GQ', Email: '' });
		expect(item).not.toHaveProperty('row');
		expect(item).not.toHaveProperty('old_rows');
	});
});

describe('row updated', () => {
	it('modify_row: changed values, old values and changed column names resolved', () => {
		expect(only(items(fx.modifyRowWithOptions))).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'modify_row',
			table_id: 'wMtQ',
			table_name: 'Contacts',
			row_id: 'FPFMs5blRR-SpLV1sk676g',
			row: { Prio: '++', Tags: ['Red'], _last_modifier: fx.OTHER_USER, _mtime: '2023-08-20T05:01:00.000+00:00' },
			old_row: { Prio: '+', Tags: [] },
			changed_columns: ['Prio', 'Tags'],
			modifier: fx.OTHER_USER,
			received_at: fx.RECEIVED_AT,
		});
	});

	it('modify_row (captured sample): empty old_row kept, _last_modifier not a changed column', () => {
		const item = only(items(fx.modifyRow));
		expect(item.row).toEqual({ Name: 'a', _last_modifier: fx.USER });
		expect(item.old_row).toEqual({});
		expect(item.changed_columns).toEqual(['Name']);
		expect(item.eventId).toBe(BASE_ID);
	});

	it('modify_rows: split per row with old values', () => {
		const list = items(fx.modifyRows);
		expect(list.map((item) => [item.row_id, item.eventId])).toEqual([
			['X-jLvmZQRq-lMgp6X1zPgw', `${BASE_ID}:X-jLvmZQRq-lMgp6X1zPgw`],
			['a4MUb9F2Sb6erVSK-WWCkA', `${BASE_ID}:a4MUb9F2Sb6erVSK-WWCkA`],
		]);
		expect(list[1]).toMatchObject({ row: { Name: 'a' }, old_row: { Name: null }, changed_columns: ['Name'], modifier: fx.USER });
	});

	it('modify_rows with splitRows off: old_rows aligned with row_ids, union of changed columns', () => {
		const op = {
			...fx.modifyRows,
			updated: { ...fx.modifyRows.updated, 'a4MUb9F2Sb6erVSK-WWCkA': { '589r': '381992', _last_modifier: fx.USER } },
			old_rows: { 'X-jLvmZQRq-lMgp6X1zPgw': { HkRD: null } },
		};
		const item = only(items(op, { splitRows: false }));
		expect(item.row_ids).toEqual(fx.modifyRows.row_ids);
		expect(item.rows).toEqual([
			{ Name: 'a', _last_modifier: fx.USER },
			{ Prio: '++', _last_modifier: fx.USER },
		]);
		expect(item.old_rows).toEqual([{ Name: null }, {}]);
		expect(item.changed_columns).toEqual(['Name', 'Prio']);
		expect(item.row_id).toBeNull();
	});

	it('a single-row op is unaffected by splitRows off', () => {
		expect(items(fx.modifyRow, { splitRows: false })).toEqual(items(fx.modifyRow));
	});
});

describe('row deleted', () => {
	it('delete_row: the deleted row, readable; no modifier without an author', () => {
		const item = only(items(fx.deleteRow));
		expect(item).toMatchObject({ row_id: 'bH1cdZboS7WOg_qpjUkOXw', row: { Email: '', _id: 'bH1cdZboS7WOg_qpjUkOXw' }, table_name: 'Contacts' });
		expect(item).not.toHaveProperty('modifier');
		expect(item).not.toHaveProperty('old_row');
		expect(item).not.toHaveProperty('changed_columns');
	});

	it('delete_rows: split per deleted row, options resolved', () => {
		const list = items(fx.deleteRows);
		expect(list.map((item) => item.eventId)).toEqual([`${BASE_ID}:NwkAMFWgTzO6A8ugLyMzMQ`, `${BASE_ID}:JmsWPdqgT4irjvxAyKBxlA`]);
		expect(list[0].row).toEqual({ _id: 'NwkAMFWgTzO6A8ugLyMzMQ', _creator: fx.USER, Email: 'a@example.com', Prio: '++' });
	});

	it('delete_rows with splitRows off: one item with the deleted rows', () => {
		const item = only(items(fx.deleteRows, { splitRows: false }));
		expect(item.row_ids).toEqual(fx.deleteRows.row_ids);
		expect(item.rows?.map((row) => row.Email)).toEqual(['a@example.com', 'b@example.com']);
	});
});

describe('modifier', () => {
	it('insert: _creator of the new row', () => {
		expect(only(items(fx.insertRowDocs)).modifier).toBe('seatable@seatable.com');
	});

	it('update: _last_modifier of the updated values, else the log author', () => {
		expect(only(items(fx.modifyRowWithOptions)).modifier).toBe(fx.OTHER_USER);
		const withoutModifier = { ...fx.modifyRow, updated: { HkRD: 'b' } };
		expect(only(items(withoutModifier)).modifier).toBeUndefined();
		expect(only(items(withoutModifier, {}, { replayed: true, author: fx.OTHER_USER })).modifier).toBe(fx.OTHER_USER);
	});

	it('replay: replayed flag, and the log author for deletes, links and schema changes', () => {
		const replay = { replayed: true, author: fx.OTHER_USER };
		const deleted = only(items(fx.deleteRow, {}, replay));
		expect(deleted.replayed).toBe(true);
		expect(deleted.modifier).toBe(fx.OTHER_USER);
		expect(items(fx.updateRowsLinks, {}, replay).map((item) => item.modifier)).toEqual([fx.OTHER_USER, fx.OTHER_USER]);
		expect(only(items(fx.renameColumn, {}, replay))).toMatchObject({ modifier: fx.OTHER_USER, replayed: true });
	});

	it('live events carry no replayed key at all', () => {
		expect(only(items(fx.insertRow))).not.toHaveProperty('replayed');
		expect(only(items(fx.insertRow, {}, { replayed: false }))).not.toHaveProperty('replayed');
	});
});

describe('links', () => {
	it('update_rows_links: one item per row with the link column, other table and the difference', () => {
		const list = items(fx.updateRowsLinks);
		expect(list).toHaveLength(2);
		expect(list[0]).toEqual({
			event: 'update-dtable',
			eventId: `${BASE_ID}:VHUU0Fx3T9qagNXpDXiQnw`,
			version: 1235,
			op_type: 'update_rows_links',
			table_id: 'hNbE',
			table_name: 'Projects',
			row_id: 'VHUU0Fx3T9qagNXpDXiQnw',
			link: {
				column: 'Tasks',
				link_id: 't4hs',
				other_table_id: 'ric6',
				other_table_name: 'Tasks',
				added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'],
				removed: [],
			},
			received_at: fx.RECEIVED_AT,
		});
		expect(list[1].eventId).toBe(`${BASE_ID}:QFwE8A2fT92ZGUt_tK3s1Q`);
	});

	it('update_rows_links with splitRows off: one item, differences under link.rows', () => {
		const item = only(items(fx.updateRowsLinks, { splitRows: false }));
		expect(item.eventId).toBe(BASE_ID);
		expect(item.row_id).toBeNull();
		expect(item.row_ids).toEqual(fx.updateRowsLinks.row_id_list);
		expect(item.link).toEqual({
			column: 'Tasks',
			link_id: 't4hs',
			other_table_id: 'ric6',
			other_table_name: 'Tasks',
			rows: [
				{ row_id: 'VHUU0Fx3T9qagNXpDXiQnw', added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'], removed: [] },
				{ row_id: 'QFwE8A2fT92ZGUt_tK3s1Q', added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'], removed: [] },
			],
		});
	});

	it('add_link without link_id: column and link id found through the schema', () => {
		const item = only(items(fx.addLink));
		expect(item).toMatchObject({
			eventId: BASE_ID,
			table_id: 'hNbE',
			table_name: 'Projects',
			row_id: 'VHUU0Fx3T9qagNXpDXiQnw',
			link: { column: 'Tasks', link_id: 't4hs', other_table_id: 'ric6', other_table_name: 'Tasks', added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'] },
		});
	});

	it('remove_link: removed rows', () => {
		expect(only(items(fx.removeLink)).link).toMatchObject({ column: 'Tasks', removed: ['Z6sr4Z5wQ_6b1AMRxQzZgg'] });
	});
});

describe('schema changes', () => {
	it('rename_column: readable schema object, row_id null, table name', () => {
		expect(only(items(fx.renameColumn))).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'rename_column',
			table_id: 'wMtQ',
			table_name: 'Contacts',
			row_id: null,
			schema: { change: 'column_renamed', column_key: 'WD7B', old_name: 'guest_added', new_name: 'what' },
			received_at: fx.RECEIVED_AT,
		});
	});

	it('rename_table reports the new name as table_name and the old one in schema', () => {
		expect(only(items(fx.renameTable))).toMatchObject({
			table_id: '0000',
			table_name: 'Table_Renamed',
			schema: { change: 'table_renamed', old_name: 'Table1', new_name: 'Table_Renamed' },
		});
	});

	it('insert_table uses table_data._id and its name', () => {
		expect(only(items(fx.insertTable))).toMatchObject({ table_id: 'D4S8', table_name: 'Table3', row_id: null, schema: { change: 'table_inserted' } });
	});

	it('delete_table keeps the deleted name even after the schema dropped the table', () => {
		const schema = new BaseSchema(fx.metadata());
		schema.applySchemaOperation(fx.deleteTable);
		expect(only(items(fx.deleteTable, {}, {}, schema))).toMatchObject({ table_id: 'CzsA', table_name: 'Table3(copy)', schema: { change: 'table_deleted' } });
	});

	it('view operations', () => {
		expect(only(items(fx.modifyFilters)).schema).toEqual({
			change: 'view_filters_changed',
			view_id: 'ht2Q',
			view_name: 'My contacts',
			filters: [{ column_key: '0000', column_name: 'Email', filter_predicate: 'contains', filter_term: 'woojin' }],
			filter_conjunction: 'And',
		});
		expect(only(items(fx.modifyRowHeight)).schema).toMatchObject({ change: 'view_row_height_changed', row_height: 'quadruple' });
	});

	it('a column renamed via applySchemaOperation shows its new name on the next event', () => {
		const schema = new BaseSchema(fx.metadata());
		const edit = { op_type: 'modify_row', table_id: 'wMtQ', row_id: 'r1', updated: { WD7B: 'yes' }, old_row: { WD7B: 'no' } };
		expect(only(items(edit, {}, {}, schema)).row).toEqual({ guest_added: 'yes' });
		expect(only(items(fx.renameColumn, {}, {}, schema)).schema).toMatchObject({ old_name: 'guest_added', new_name: 'what' });
		schema.applySchemaOperation(fx.renameColumn);
		const after = only(items(edit, {}, {}, schema));
		expect(after.row).toEqual({ what: 'yes' });
		expect(after.old_row).toEqual({ what: 'no' });
		expect(after.changed_columns).toEqual(['what']);
	});

	it('a column inserted via applySchemaOperation is named on the next event', () => {
		const schema = new BaseSchema(fx.metadata());
		const edit = { op_type: 'modify_row', table_id: 'wMtQ', row_id: 'r1', updated: { '4xVF': 'hi' } };
		expect(only(items(edit, {}, {}, schema)).row).toEqual({ '4xVF': 'hi' });
		schema.applySchemaOperation(fx.insertColumn);
		expect(only(items(edit, {}, {}, schema)).row).toEqual({ hello: 'hi' });
	});
});

describe('unknown op_types', () => {
	it('pass under "all" as one item that always carries the operation', () => {
		expect(only(items(fx.archiveRows))).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'archive_rows',
			table_id: '04Af',
			table_name: 'Archive',
			row_id: null,
			operation: fx.archiveRows,
			received_at: fx.RECEIVED_AT,
		});
	});

	it('are dropped as soon as any category is selected', () => {
		const categories: EnrichOptions['operations'] = ['rowCreated', 'rowUpdated', 'rowDeleted', 'linkChanged', 'schemaChanged'];
		expect(items(fx.archiveRows, { operations: categories })).toEqual([]);
		expect(items({ op_type: 'modify_form', table_id: 'wMtQ' }, { operations: ['schemaChanged'] })).toEqual([]);
	});
});

describe('filters', () => {
	it('operations: keeps only the selected categories', () => {
		expect(items(fx.modifyRow, { operations: ['rowUpdated'] })).toHaveLength(1);
		expect(items(fx.insertRow, { operations: ['rowUpdated'] })).toEqual([]);
		expect(items(fx.deleteRows, { operations: ['rowCreated', 'rowDeleted'] })).toHaveLength(2);
		expect(items(fx.updateRowsLinks, { operations: ['linkChanged'] })).toHaveLength(2);
		expect(items(fx.updateRowsLinks, { operations: ['rowUpdated'] })).toEqual([]);
		expect(items(fx.renameColumn, { operations: ['schemaChanged'] })).toHaveLength(1);
		expect(items(fx.renameColumn, { operations: ['rowCreated'] })).toEqual([]);
	});

	it('tables: keeps only operations on the selected tables', () => {
		expect(items(fx.modifyRow, { tables: ['wMtQ'] })).toHaveLength(1);
		expect(items(fx.modifyRow, { tables: ['hNbE'] })).toEqual([]);
		expect(items(fx.insertRows, { tables: ['hNbE', 'ric6'] })).toEqual([]);
		expect(items(fx.renameColumn, { tables: ['0000'] })).toEqual([]);
		expect(items(fx.insertTable, { tables: ['D4S8'] })).toHaveLength(1);
		expect(items(fx.archiveRows, { tables: ['wMtQ'] })).toEqual([]);
		expect(items(fx.archiveRows, { tables: ['04Af'] })).toHaveLength(1);
	});

	it('tables: a link passes when either linked table is selected', () => {
		expect(items(fx.updateRowsLinks, { tables: ['ric6'] })).toHaveLength(2);
		expect(items(fx.addLink, { tables: ['ric6'] })).toHaveLength(1);
		expect(items(fx.updateRowsLinks, { tables: ['wMtQ'] })).toEqual([]);
	});

	it('watchColumns: drops updates of unrelated columns, keeps related ones by name or key', () => {
		expect(items(fx.modifyRow, { watchColumns: ['Prio'] })).toEqual([]);
		expect(items(fx.modifyRow, { watchColumns: ['Prio', 'Name'] })).toHaveLength(1);
		expect(items(fx.modifyRow, { watchColumns: ['HkRD'] })).toHaveLength(1);
		expect(items(fx.modifyRowWithOptions, { watchColumns: ['tG5s'] })).toHaveLength(1);
	});

	it('watchColumns: system keys never count as a change', () => {
		expect(items(fx.modifyRow, { watchColumns: ['_last_modifier'] })).toEqual([]);
	});

	it('watchColumns: names still work in raw mode when a schema is given', () => {
		expect(items(fx.modifyRow, { resolveNames: false, watchColumns: ['Name'] })).toHaveLength(1);
		expect(items(fx.modifyRow, { resolveNames: false, watchColumns: ['Email'] })).toEqual([]);
	});

	it('watchColumns: inserts, deletes, links and schema changes pass', () => {
		const watch = { watchColumns: ['Prio'] };
		expect(items(fx.insertRow, watch)).toHaveLength(1);
		expect(items(fx.deleteRows, watch)).toHaveLength(2);
		expect(items(fx.updateRowsLinks, watch)).toHaveLength(2);
		expect(items(fx.renameColumn, watch)).toHaveLength(1);
	});

	it('watchColumns on a batch: keeps only the rows that touch a watched column', () => {
		const op = {
			...fx.modifyRows,
			updated: { ...fx.modifyRows.updated, 'a4MUb9F2Sb6erVSK-WWCkA': { '0000': 'x@example.com', _last_modifier: fx.USER } },
		};
		expect(items(op, { watchColumns: ['Email'] }).map((item) => item.row_id)).toEqual(['a4MUb9F2Sb6erVSK-WWCkA']);
		const unsplit = only(items(op, { watchColumns: ['Email'], splitRows: false }));
		expect(unsplit.row_ids).toEqual(['a4MUb9F2Sb6erVSK-WWCkA']);
		expect(unsplit.changed_columns).toEqual(['Email']);
		expect(items(op, { watchColumns: ['Prio'], splitRows: false })).toEqual([]);
	});

	it('watchColumns does not change event ids', () => {
		const ids = items(fx.modifyRows).map((item) => item.eventId);
		expect(items(fx.modifyRows, { watchColumns: ['Name'] }).map((item) => item.eventId)).toEqual(ids);
	});
});

describe('raw mode and includeRaw', () => {
	it('resolveNames off: raw keys, no table_name, changed_columns as keys, and the operation', () => {
		const item = only(items(fx.modifyRowWithOptions, { resolveNames: false }));
		expect(item).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'modify_row',
			table_id: 'wMtQ',
			row_id: 'FPFMs5blRR-SpLV1sk676g',
			row: fx.modifyRowWithOptions.updated,
			old_row: fx.modifyRowWithOptions.old_row,
			changed_columns: ['589r', 'tG5s'],
			modifier: fx.OTHER_USER,
			operation: fx.modifyRowWithOptions,
			received_at: fx.RECEIVED_AT,
		});
	});

	it('resolveNames off: link and schema items carry no names from the schema', () => {
		const link = items(fx.updateRowsLinks, { resolveNames: false })[0];
		expect(link).not.toHaveProperty('table_name');
		expect(link.link).toEqual({ link_id: 't4hs', other_table_id: 'ric6', added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'], removed: [] });
		expect(link.operation).toBe(fx.updateRowsLinks);
		const schema = only(items(fx.modifyHiddenColumns, { resolveNames: false }));
		expect(schema).not.toHaveProperty('table_name');
		expect(schema.schema).toEqual({ change: 'view_hidden_columns_changed', view_id: 'ht2Q', hidden_columns: ['sAd6', 'WD7B'] });
	});

	it('resolveNames on without a schema behaves like raw mode', () => {
		const item = only(operationToItems(fx.input(fx.modifyRow), options()));
		expect(item.row).toEqual(fx.modifyRow.updated);
		expect(item).not.toHaveProperty('table_name');
		expect(item.operation).toBe(fx.modifyRow);
	});

	it('includeRaw: every item carries the raw operation; otherwise readable items do not', () => {
		const withRaw = items(fx.insertRows, { includeRaw: true });
		expect(withRaw).toHaveLength(2);
		for (const item of withRaw) expect(item.operation).toBe(fx.insertRows);
		expect(only(items(fx.renameColumn, { includeRaw: true })).operation).toBe(fx.renameColumn);
		expect(items(fx.insertRows).some((item) => 'operation' in item)).toBe(false);
		expect('operation' in only(items(fx.renameColumn))).toBe(false);
	});
});

describe('event ids', () => {
	it('differ per version and per base, and are identical for identical input', () => {
		const a = operationToItems(fx.input(fx.modifyRow, 7), options(), new BaseSchema(fx.metadata()));
		const b = operationToItems(fx.input(fx.modifyRow, 7), options(), new BaseSchema(fx.metadata()));
		const c = operationToItems(fx.input(fx.modifyRow, 8), options(), new BaseSchema(fx.metadata()));
		const d = operationToItems(fx.input(fx.modifyRow, 7, { dtable_uuid: 'other' }), options());
		expect(a[0].eventId).toBe(`${fx.DTABLE_UUID}:7`);
		expect(b[0].eventId).toBe(a[0].eventId);
		expect(c[0].eventId).toBe(`${fx.DTABLE_UUID}:8`);
		expect(d[0].eventId).toBe('other:7');
	});
});

describe('malformed operations', () => {
	const malformed: Array<[string, unknown]> = [
		['null', null],
		['a string', '{"op_type":"insert_row"}'],
		['an array', []],
		['no op_type', { table_id: 'wMtQ' }],
		['op_type not a string', { op_type: 5 }],
		['insert_row without row_data', { op_type: 'insert_row', table_id: 'wMtQ', row_id: 'anchor' }],
		['insert_rows with junk', { op_type: 'insert_rows', table_id: 'wMtQ', row_datas: [null, 1, 'x'] }],
		['modify_row without anything', { op_type: 'modify_row' }],
		['modify_rows with updated as a string', { op_type: 'modify_rows', row_ids: ['r1'], updated: 'x', old_rows: 3 }],
		['delete_rows with bad lists', { op_type: 'delete_rows', row_ids: 'x', deleted_rows: 'y' }],
		['add_link without fields', { op_type: 'add_link' }],
		['update_rows_links with bad maps', { op_type: 'update_rows_links', row_id_list: [1, 'r1'], other_rows_ids_map: 'x' }],
		['rename_column without names', { op_type: 'rename_column', table_id: 'wMtQ' }],
		['insert_table without table_data', { op_type: 'insert_table' }],
		['modify_filters with bad filters', { op_type: 'modify_filters', table_id: 'wMtQ', filters: [null, 'x'] }],
	];

	it.each(malformed)('%s does not throw, in every mode', (_name, operation) => {
		for (const mode of [options(), options({ resolveNames: false }), options({ splitRows: false, watchColumns: ['Name'], includeRaw: true })]) {
			const result = operationToItems(fx.input(operation as RawOperation), mode, new BaseSchema(fx.metadata()));
			expect(Array.isArray(result)).toBe(true);
		}
	});

	it('a row operation without a readable row still yields one item with the raw operation', () => {
		const op = { op_type: 'insert_row', table_id: 'wMtQ', row_id: 'anchor' };
		expect(only(items(op))).toMatchObject({ op_type: 'insert_row', table_id: 'wMtQ', table_name: 'Contacts', row_id: null, operation: op });
	});

	it('an unreadable update is dropped while columns are watched (it cannot be shown to touch them)', () => {
		const op = { op_type: 'modify_row', table_id: 'wMtQ' };
		expect(items(op, { watchColumns: ['Name'] })).toEqual([]);
		expect(only(items(op)).operation).toBe(op);
		expect(only(items({ op_type: 'delete_row', table_id: 'wMtQ' }, { watchColumns: ['Name'] })).row_id).toBeNull();
	});

	it('a non-object operation is passed through untouched', () => {
		const item = only(items('garbage' as never));
		expect(item.op_type).toBe('');
		expect(item.operation).toBe('garbage');
		expect(item.table_id).toBeNull();
	});
});

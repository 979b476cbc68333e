// Operations to items: filters, raw mode, event ids and malformed operations.
import { describe, expect, it } from '@jest/globals';
import { BaseSchema, operationToItems, type RawOperation } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';
import { BASE_ID, items, only, options } from './toItemsKit';

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

import { describe, expect, it } from '@jest/globals';
import { BaseSchema } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

function schema(): BaseSchema {
	return new BaseSchema(fx.metadata());
}

// Lookups only these tests make, on BaseSchema's public table().
const hasTable = (names: BaseSchema, tableId: string) => names.table(tableId) !== undefined;
function columnKey(names: BaseSchema, tableId: string, nameOrKey: string): string | undefined {
	const table = names.table(tableId);
	return (table?.columnsByName.get(nameOrKey) ?? table?.columnsByKey.get(nameOrKey))?.key;
}
const optionName = (names: BaseSchema, tableId: string, columnKey: string, optionId: string) =>
	names.table(tableId)?.columnsByKey.get(columnKey)?.optionNamesById?.get(optionId);

describe('BaseSchema lookups', () => {
	it('maps table ids, column keys/names, options and views', () => {
		const names = schema();
		expect(names.tableName('wMtQ')).toBe('Contacts');
		expect(names.columnName('wMtQ', 'HkRD')).toBe('Name');
		expect(columnKey(names, 'wMtQ', 'Name')).toBe('HkRD');
		expect(columnKey(names, 'wMtQ', 'HkRD')).toBe('HkRD');
		expect(optionName(names, 'wMtQ', '589r', '381992')).toBe('++');
		expect(names.viewName('wMtQ', 'ht2Q')).toBe('My contacts');
		expect(hasTable(names, 'nope')).toBe(false);
		expect(names.columnName('nope', 'HkRD')).toBeUndefined();
	});

	it('accepts the metadata endpoint body with its metadata wrapper', () => {
		expect(new BaseSchema({ metadata: fx.metadata() }).tableName('hNbE')).toBe('Projects');
	});

	it('finds the link column by link id, or by the other table when the link id is missing', () => {
		const names = schema();
		expect(names.linkColumn('hNbE', 't4hs', null)?.name).toBe('Tasks');
		expect(names.linkColumn('ric6', 't4hs', null)?.name).toBe('Projects');
		expect(names.linkColumn('hNbE', null, 'ric6')?.name).toBe('Tasks');
		expect(names.linkColumn('ric6', null, 'hNbE')?.name).toBe('Projects');
		expect(names.linkColumn('hNbE', null, 'wMtQ')).toBeUndefined();
	});

	it.each([null, undefined, 'x', { tables: 'x' }, { tables: [null, { name: 'no id' }, { _id: 'ok', columns: [null, { name: 'no key' }], views: 5 }] }])(
		'ignores malformed metadata (%p)',
		(metadata) => {
			expect(() => new BaseSchema(metadata)).not.toThrow();
		},
	);

	it('keeps the readable parts of partly malformed metadata', () => {
		const names = new BaseSchema({ tables: [null, { _id: 'ok', name: 'Ok', columns: [null, { key: 'k1', name: 'K' }] }] });
		expect(names.columnName('ok', 'k1')).toBe('K');
	});
});

describe('readableRow', () => {
	it('keys by column name and resolves single- and multiple-select option ids', () => {
		const row = schema().readableRow('wMtQ', fx.insertRowWithValues.row_data);
		expect(row).toEqual({
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
		});
	});

	it('keeps unknown keys and unknown option ids as they are', () => {
		const row = schema().readableRow('wMtQ', { Zz9q: 'new column', '589r': '999999', tG5s: ['102030', 'gone', 7] });
		expect(row).toEqual({ Zz9q: 'new column', Prio: '999999', Tags: ['Red', 'gone', 7] });
	});

	it('keeps system keys even if a column claims the same key', () => {
		const names = new BaseSchema({ tables: [{ _id: 't', name: 'T', columns: [{ key: '_ctime', name: 'Created', type: 'ctime' }] }] });
		expect(names.readableRow('t', { _ctime: 'x' })).toEqual({ _ctime: 'x' });
	});

	it('returns the row unchanged for an unknown table', () => {
		const raw = { HkRD: 'a' };
		expect(schema().readableRow('nope', raw)).toBe(raw);
	});
});

describe('applySchemaOperation', () => {
	it('rename_column renames the column', () => {
		const names = schema();
		expect(names.applySchemaOperation(fx.renameColumn)).toBe(true);
		expect(names.columnName('wMtQ', 'WD7B')).toBe('what');
		expect(columnKey(names, 'wMtQ', 'what')).toBe('WD7B');
		expect(columnKey(names, 'wMtQ', 'guest_added')).toBeUndefined();
	});

	it('insert_column adds column_data (not the anchor column_key)', () => {
		const names = schema();
		expect(names.applySchemaOperation(fx.insertColumn)).toBe(true);
		expect(names.columnName('wMtQ', '4xVF')).toBe('hello');
		expect(names.columnName('wMtQ', '_last_modifier')).toBeUndefined();
	});

	it('delete_column removes the column', () => {
		const names = schema();
		expect(names.applySchemaOperation(fx.deleteColumn)).toBe(true);
		expect(names.columnName('0000', 'iJB4')).toBeUndefined();
		expect(names.readableRow('0000', { iJB4: 1 })).toEqual({ iJB4: 1 });
	});

	it('modify_column_type replaces the definition, including select options', () => {
		const names = schema();
		names.applySchemaOperation(fx.modifyColumnType);
		expect(names.table('wMtQ')?.columnsByKey.get('WD7B')?.type).toBe('email');
		names.applySchemaOperation({
			op_type: 'modify_column_type',
			table_id: 'wMtQ',
			column_key: 'sAd6',
			new_column: { key: 'sAd6', type: 'single-select', name: 'Team', data: { options: [{ id: 'a1', name: 'Ops' }] } },
		});
		expect(names.readableRow('wMtQ', { sAd6: 'a1' })).toEqual({ Team: 'Ops' });
	});

	it('a partial column definition keeps the known name', () => {
		const names = schema();
		names.applySchemaOperation({ op_type: 'future_column_op', table_id: 'wMtQ', column_key: '589r', new_column: { data: { options: [{ id: 'n', name: 'New' }] } } });
		expect(names.readableRow('wMtQ', { '589r': 'n' })).toEqual({ Prio: 'New' });
	});

	it('insert_table, rename_table and delete_table', () => {
		const names = schema();
		names.applySchemaOperation(fx.insertTable);
		expect(names.tableName('D4S8')).toBe('Table3');
		expect(names.columnName('D4S8', '0000')).toBe('Name');
		names.applySchemaOperation(fx.renameTable);
		expect(names.tableName('0000')).toBe('Table_Renamed');
		expect(names.applySchemaOperation(fx.deleteTable)).toBe(true);
		expect(hasTable(names, 'CzsA')).toBe(false);
	});

	it('tracks view names', () => {
		const names = schema();
		names.applySchemaOperation(fx.insertView);
		expect(names.viewName('wMtQ', 'Xy12')).toBe('Gallery');
		names.applySchemaOperation(fx.renameView);
		expect(names.viewName('wMtQ', 'ht2Q')).toBe('Team view');
		names.applySchemaOperation(fx.deleteView);
		expect(names.viewName('wMtQ', 'ht2Q')).toBeUndefined();
	});

	it('reports no change for operations that do not touch names, and never throws', () => {
		const names = schema();
		expect(names.applySchemaOperation(fx.modifyRow)).toBe(false);
		expect(names.applySchemaOperation(fx.modifyFilters)).toBe(false);
		expect(names.applySchemaOperation({ op_type: 'rename_column', table_id: 'nope', column_key: 'x', new_column_name: 'y' })).toBe(false);
		expect(names.applySchemaOperation({ op_type: 'insert_table' })).toBe(false);
		expect(names.applySchemaOperation(null as never)).toBe(false);
		expect(names.tableName('wMtQ')).toBe('Contacts');
	});
});

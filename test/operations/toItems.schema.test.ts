// Operations to items: link changes, schema changes and op_types the node does not know.
import { describe, expect, it } from '@jest/globals';
import { BaseSchema, type EnrichOptions } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';
import { BASE_ID, items, only } from './toItemsKit';

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


import { describe, expect, it } from '@jest/globals';
import { BaseSchema, describeSchemaChange } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

const names = () => new BaseSchema(fx.metadata());

describe('describeSchemaChange with names', () => {
	const cases: Array<[{ op_type: string }, object]> = [
		[fx.insertColumn, { change: 'column_inserted', column_key: '4xVF', name: 'hello', type: 'text' }],
		[fx.deleteColumn, { change: 'column_deleted', column_key: 'iJB4', name: 'Obsolete' }],
		[fx.renameColumn, { change: 'column_renamed', column_key: 'WD7B', old_name: 'guest_added', new_name: 'what' }],
		[fx.modifyColumnType, { change: 'column_type_changed', column_key: 'WD7B', name: 'guest_added', old_type: 'text', new_type: 'email' }],
		[fx.updateColumnDescription, { change: 'column_description_changed', column_key: 'WD7B', name: 'guest_added', description: 'description here' }],
		[
			fx.modifyColumnPermission,
			{
				change: 'column_permission_changed',
				column_key: 'WD7B',
				name: 'guest_added',
				permission: { permission_type: 'admins', permitted_users: [] },
				old_permission: { permission_type: '', permitted_users: [] },
			},
		],
		[fx.modifyColumnMetadataPermission, { change: 'column_metadata_permission_changed', column_key: 'WD7B', name: 'guest_added' }],
		[fx.updateColumnColorbys, { change: 'column_colors_changed', column_key: 'WD7B', colorbys: fx.updateColumnColorbys.colorbys }],
		[fx.insertTable, { change: 'table_inserted', name: 'Table3' }],
		[fx.renameTable, { change: 'table_renamed', old_name: 'Table1', new_name: 'Table_Renamed' }],
		[fx.deleteTable, { change: 'table_deleted', name: 'Table3(copy)' }],
		[fx.modifyHeaderLock, { change: 'header_lock_changed', locked: false }],
		[fx.insertView, { change: 'view_inserted', view_id: 'Xy12', view_name: 'Gallery', view_type: 'table' }],
		[fx.deleteView, { change: 'view_deleted', view_id: 'ht2Q', view_name: 'My contacts' }],
		[fx.renameView, { change: 'view_renamed', view_id: 'ht2Q', old_name: 'My contacts', new_name: 'Team view' }],
		[fx.moveView, { change: 'view_moved', view_id: 'ht2Q', view_name: 'My contacts', target_view_id: '0000', position: 'move_above' }],
		[fx.modifyViewType, { change: 'view_type_changed', view_id: 'ht2Q', view_name: 'My contacts', view_type: 'archive' }],
		[fx.modifyViewLock, { change: 'view_lock_changed', view_id: 'ht2Q', locked: true }],
		[
			fx.modifyFilters,
			{
				change: 'view_filters_changed',
				view_id: 'ht2Q',
				view_name: 'My contacts',
				filters: [{ column_key: '0000', column_name: 'Email', filter_predicate: 'contains', filter_term: 'woojin' }],
				filter_conjunction: 'And',
			},
		],
		[fx.modifySorts, { change: 'view_sorts_changed', sorts: [{ column_key: 'HkRD', column_name: 'Name', sort_type: 'up' }] }],
		[fx.modifyGroupbys, { change: 'view_groupbys_changed', groupbys: [{ column_key: '589r', column_name: 'Prio', sort_type: 'up', count_type: '' }] }],
		[fx.modifyHiddenColumns, { change: 'view_hidden_columns_changed', hidden_columns: ['Team', 'guest_added'] }],
		[fx.modifyRowColor, { change: 'view_row_colors_changed', colorbys: { type: 'by_duplicate_values' } }],
		[fx.modifyRowHeight, { change: 'view_row_height_changed', row_height: 'quadruple' }],
	];
	it.each(cases.map(([op, expected]) => ({ op_type: op.op_type, op, expected })))('$op_type', ({ op, expected }) => {
		expect(describeSchemaChange(op, names())).toMatchObject(expected);
	});

	it('omits the old name when the schema was already patched with the rename', () => {
		const schema = names();
		schema.applySchemaOperation(fx.renameTable);
		expect(describeSchemaChange(fx.renameTable, schema)).toEqual({ change: 'table_renamed', new_name: 'Table_Renamed' });
	});

	it('falls back to { change: op_type } for classified ops without a specific description', () => {
		expect(describeSchemaChange({ op_type: 'freeze_column', table_id: 'wMtQ', column_key: 'HkRD' }, names())).toEqual({
			change: 'column_frozen',
			column_key: 'HkRD',
			name: 'Name',
		});
		expect(describeSchemaChange({ op_type: 'modify_form' })).toEqual({ change: 'modify_form' });
	});
});

describe('describeSchemaChange without names', () => {
	it('reports only what the operation carries, with raw keys', () => {
		expect(describeSchemaChange(fx.modifyHiddenColumns)).toEqual({
			change: 'view_hidden_columns_changed',
			view_id: 'ht2Q',
			hidden_columns: ['sAd6', 'WD7B'],
		});
		expect(describeSchemaChange(fx.renameColumn)).toEqual({ change: 'column_renamed', column_key: 'WD7B', old_name: 'guest_added', new_name: 'what' });
		// old_column.name is null in the real payload, so no name is reported.
		expect(describeSchemaChange(fx.deleteColumn)).toEqual({ change: 'column_deleted', column_key: 'iJB4' });
	});

	it('never throws on malformed schema operations', () => {
		for (const opType of ['insert_column', 'modify_column_type', 'insert_view', 'modify_filters', 'modify_hidden_columns', 'delete_table']) {
			expect(describeSchemaChange({ op_type: opType, filters: 'x', hidden_columns: 3, column_data: null }, names()).change).toEqual(expect.any(String));
		}
		expect(describeSchemaChange(null as never)).toEqual({ change: '' });
	});
});

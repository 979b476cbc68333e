import { describe, expect, it } from '@jest/globals';
import { categoryOf, invalidatesNames, isBatchOperation, tableIdOf } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

describe('categoryOf', () => {
	it.each([
		['insert_row', 'rowCreated'],
		['insert_rows', 'rowCreated'],
		['append_rows', 'rowCreated'],
		['modify_row', 'rowUpdated'],
		['modify_rows', 'rowUpdated'],
		['move_group_rows', 'rowUpdated'],
		['delete_row', 'rowDeleted'],
		['delete_rows', 'rowDeleted'],
		['add_link', 'linkChanged'],
		['remove_link', 'linkChanged'],
		['update_links', 'linkChanged'],
		['update_row_links', 'linkChanged'],
		['update_rows_links', 'linkChanged'],
		['insert_column', 'schemaChanged'],
		['delete_column', 'schemaChanged'],
		['rename_column', 'schemaChanged'],
		['modify_column_type', 'schemaChanged'],
		['update_column_description', 'schemaChanged'],
		['modify_column_permission', 'schemaChanged'],
		['modify_column_metadata_permission', 'schemaChanged'],
		['update_column_colorbys', 'schemaChanged'],
		['resize_column', 'schemaChanged'],
		['freeze_column', 'schemaChanged'],
		['move_column', 'schemaChanged'],
		['insert_table', 'schemaChanged'],
		['rename_table', 'schemaChanged'],
		['delete_table', 'schemaChanged'],
		['modify_header_lock', 'schemaChanged'],
		['insert_view', 'schemaChanged'],
		['delete_view', 'schemaChanged'],
		['rename_view', 'schemaChanged'],
		['move_view', 'schemaChanged'],
		['modify_view_type', 'schemaChanged'],
		['modify_view_lock', 'schemaChanged'],
		['modify_filters', 'schemaChanged'],
		['modify_sorts', 'schemaChanged'],
		['modify_groupbys', 'schemaChanged'],
		['modify_hidden_columns', 'schemaChanged'],
		['modify_row_color', 'schemaChanged'],
		['modify_row_height', 'schemaChanged'],
	])('%s → %s', (opType, category) => {
		expect(categoryOf(opType)).toBe(category);
	});

	it('classifies every op_type named in §4 without a sample', () => {
		for (const opType of fx.NAMED_WITHOUT_SAMPLE) expect(categoryOf(opType)).toBeDefined();
	});

	it('leaves archive_rows, internal and unknown op_types without a category', () => {
		expect(categoryOf(fx.archiveRows.op_type)).toBeUndefined();
		expect(categoryOf('update_default_data')).toBeUndefined();
		expect(categoryOf('modify_form')).toBeUndefined();
		expect(categoryOf('')).toBeUndefined();
		// Inherited object keys must not look like op_types.
		expect(categoryOf('constructor')).toBeUndefined();
	});
});

describe('isBatchOperation', () => {
	it('is true only for the multi-row forms', () => {
		expect(['insert_rows', 'append_rows', 'modify_rows', 'delete_rows', 'update_rows_links'].every(isBatchOperation)).toBe(true);
		expect(['insert_row', 'modify_row', 'delete_row', 'add_link', 'rename_column'].some(isBatchOperation)).toBe(false);
	});
});

describe('invalidatesNames', () => {
	it.each([
		fx.insertColumn,
		fx.deleteColumn,
		fx.renameColumn,
		fx.modifyColumnType,
		fx.insertTable,
		fx.renameTable,
		fx.deleteTable,
	])('is true for $op_type', (op) => {
		expect(invalidatesNames(op)).toBe(true);
	});

	it('is true for an operation carrying a new column definition (e.g. edited options)', () => {
		expect(invalidatesNames({ op_type: 'some_future_column_op', table_id: 'wMtQ', new_column: { key: '589r', data: { options: [] } } })).toBe(
			true,
		);
	});

	it.each([fx.modifyRow, fx.insertRow, fx.deleteRows, fx.updateRowsLinks, fx.modifyFilters, fx.updateColumnDescription, fx.modifyHeaderLock])(
		'is false for $op_type',
		(op) => {
			expect(invalidatesNames(op)).toBe(false);
		},
	);

	it('does not throw on a non-object', () => {
		expect(invalidatesNames(null as never)).toBe(false);
	});
});

describe('tableIdOf', () => {
	it('reads table_id', () => {
		expect(tableIdOf(fx.modifyRow)).toBe('wMtQ');
	});

	it('uses table_data._id for insert_table, which has no table_id', () => {
		expect(tableIdOf(fx.insertTable)).toBe('D4S8');
	});

	it('uses table1_id for add_link payloads without table_id', () => {
		expect(tableIdOf(fx.addLink)).toBe('hNbE');
	});

	it('is undefined when nothing names a table', () => {
		expect(tableIdOf({ op_type: 'x' })).toBeUndefined();
		expect(tableIdOf({ op_type: 'x', table_id: 42 })).toBeUndefined();
	});
});

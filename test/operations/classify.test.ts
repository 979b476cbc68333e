import { describe, expect, it } from '@jest/globals';
import { categoryOf, invalidatesNames, isBatchOperation, tableIdOf } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

/** Every op_type of the protocol notes §4: those with a sample (the fixtures) and those named without one. */
const PROTOCOL_OP_TYPES = [
	...new Set([
		...Object.values(fx).flatMap((value) => (typeof value === 'object' && value !== null && 'op_type' in value ? [String(value.op_type)] : [])),
		...fx.NAMED_WITHOUT_SAMPLE,
	]),
]
	// Archiving has no category (checked below).
	.filter((opType) => opType !== fx.archiveRows.op_type)
	.sort();

// The category an op_type's name implies: links by name, row operations by their verb (anything but
// inserting or deleting rows updates them), and every other operation (columns, tables, views,
// locks) changes the schema.
function categoryByName(opType: string): string {
	if (opType.includes('link')) return 'linkChanged';
	const row = /^([a-z]+)(?:_group)?_rows?$/.exec(opType);
	if (row) return ({ insert: 'rowCreated', append: 'rowCreated', delete: 'rowDeleted' } as Record<string, string>)[row[1]] ?? 'rowUpdated';
	return 'schemaChanged';
}

describe('categoryOf', () => {
	it.each(PROTOCOL_OP_TYPES)('%s → the category its name says', (opType) => {
		expect(categoryOf(opType)).toBe(categoryByName(opType));
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

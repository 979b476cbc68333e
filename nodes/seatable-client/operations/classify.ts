// Maps SeaTable op_types (protocol notes §4) to the categories users filter on.
import { isRecord, recordField, stringField } from './fields';
import type { RawOperation } from './types';

export type OperationCategory = 'rowCreated' | 'rowUpdated' | 'rowDeleted' | 'linkChanged' | 'schemaChanged';

const CATEGORY_BY_OP_TYPE: ReadonlyMap<string, OperationCategory> = new Map<string, OperationCategory>([
	['insert_row', 'rowCreated'],
	['insert_rows', 'rowCreated'],
	['append_rows', 'rowCreated'],
	['modify_row', 'rowUpdated'],
	['modify_rows', 'rowUpdated'],
	// Dragging rows between groups of a grouped view rewrites the grouped column's value;
	// SeaTable's own automations treat it as a row modification too.
	['move_group_rows', 'rowUpdated'],
	['delete_row', 'rowDeleted'],
	['delete_rows', 'rowDeleted'],
	// archive_rows is deliberately NOT here: archived rows move to the big-data backend and can be
	// restored, so calling them deleted would fire destructive "on delete" workflows. Without a
	// category it still passes when no category filter is set, as a raw item.
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
]);

/** Operations that touch several rows at once; split items get a row-specific event id. */
const BATCH_OP_TYPES: ReadonlySet<string> = new Set([
	'insert_rows',
	'append_rows',
	'modify_rows',
	'move_group_rows',
	'delete_rows',
	'update_rows_links',
]);

/** Operations after which cached table/column/option names may be stale. */
const NAME_CHANGING_OP_TYPES: ReadonlySet<string> = new Set([
	'insert_column',
	'delete_column',
	'rename_column',
	'modify_column_type',
	'insert_table',
	'rename_table',
	'delete_table',
]);

/** Fields under which an operation may carry a full column definition (name, type, options). */
const COLUMN_DEFINITION_FIELDS = ['column_data', 'new_column', 'new_column_data'] as const;

export function categoryOf(opType: string): OperationCategory | undefined {
	return CATEGORY_BY_OP_TYPE.get(opType);
}

export function isBatchOperation(opType: string): boolean {
	return BATCH_OP_TYPES.has(opType);
}

export function opTypeOf(op: RawOperation): string {
	return stringField(op, 'op_type') ?? '';
}

/**
 * True when the operation changes table, column or option names, so the caller should refresh
 * its cached metadata. Also true for any operation carrying a column definition (e.g. edited
 * select options), since those may rename options.
 */
export function invalidatesNames(op: RawOperation): boolean {
	if (!isRecord(op)) return false;
	if (NAME_CHANGING_OP_TYPES.has(opTypeOf(op))) return true;
	for (const field of COLUMN_DEFINITION_FIELDS) {
		if (isRecord(op[field])) return true;
	}
	return false;
}

/**
 * The table an operation belongs to. insert_table has no top-level table_id (the new id is
 * `table_data._id`); the 2020 add_link/remove_link payloads only name `table1_id`.
 */
export function tableIdOf(op: RawOperation): string | undefined {
	if (!isRecord(op)) return undefined;
	const direct = stringField(op, 'table_id');
	if (direct !== undefined) return direct;
	const tableData = recordField(op, 'table_data');
	if (tableData !== undefined) return stringField(tableData, '_id');
	return stringField(op, 'table1_id');
}

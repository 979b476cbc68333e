// Maps SeaTable op_types (their kinds: opKinds.ts) to the categories users filter on.
import { asRecord, asString, isRecord } from './fields';
import { kindOf, type OperationKind } from './opKinds';
import type { JsonObject, RawOperation } from './types';

export type OperationCategory = 'rowCreated' | 'rowUpdated' | 'rowDeleted' | 'linkChanged' | 'schemaChanged';

const CATEGORY_BY_KIND: Readonly<Record<OperationKind, OperationCategory | undefined>> = {
	rowCreated: 'rowCreated',
	rowUpdated: 'rowUpdated',
	rowDeleted: 'rowDeleted',
	// The trigger's five filter values are a saved contract; moves and "other" pass only when no filter is set.
	rowMoved: undefined,
	linkChanged: 'linkChanged',
	columnChanged: 'schemaChanged',
	tableChanged: 'schemaChanged',
	viewChanged: 'schemaChanged',
	other: undefined,
};

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
	'insert_columns',
	'delete_column',
	'restore_column',
	'rename_column',
	'modify_column_data',
	'modify_column_type',
	'restore_column_type',
	'modify_columns',
	'insert_table',
	'update_table',
	'rename_table',
	'delete_table',
	'duplicate_table',
]);

/** Operations that change view names (tracked by the schema as well). */
const VIEW_NAME_OP_TYPES: ReadonlySet<string> = new Set(['insert_view', 'rename_view', 'delete_view']);

export function categoryOf(opType: string): OperationCategory | undefined {
	const kind = kindOf(opType);
	return kind === undefined ? undefined : CATEGORY_BY_KIND[kind];
}

export function isBatchOperation(opType: string): boolean {
	return BATCH_OP_TYPES.has(opType);
}

export function opTypeOf(op: RawOperation): string {
	return asString(op.op_type) ?? '';
}

/**
 * True when the operation changes table, column or option names, so the caller should refresh
 * its cached metadata. Also true for any operation carrying a column definition (e.g. edited
 * select options), since those may rename options.
 */
export function invalidatesNames(op: RawOperation): boolean {
	return isRecord(op) && namesChangedBy(op, opTypeOf(op));
}

/** True when the operation changes anything the cached schema knows: table, column, option or view names. */
export function changesSchema(op: RawOperation): boolean {
	if (!isRecord(op)) return false;
	const opType = opTypeOf(op);
	return namesChangedBy(op, opType) || VIEW_NAME_OP_TYPES.has(opType);
}

/** A name-changing op_type, or a full column definition (name, type, options) under one of its three fields. */
function namesChangedBy(op: JsonObject, opType: string): boolean {
	return NAME_CHANGING_OP_TYPES.has(opType) || isRecord(op.column_data) || isRecord(op.new_column) || isRecord(op.new_column_data);
}

/**
 * The table an operation belongs to. insert_table has no top-level table_id (the new id is
 * `table_data._id`); the 2020 add_link/remove_link payloads only name `table1_id`.
 */
export function tableIdOf(op: RawOperation): string | undefined {
	if (!isRecord(op)) return undefined;
	const direct = asString(op.table_id);
	if (direct !== undefined) return direct;
	const tableData = asRecord(op.table_data);
	if (tableData !== undefined) return asString(tableData._id);
	// move_table names the moved table only so.
	return asString(op.table1_id) ?? asString(op.moved_table_id);
}

// Turns schema operations (columns, tables, views) into a small readable `schema` object.
import { opTypeOf, tableIdOf } from './classify';
import { asRecord, asString, isRecord, toStringArray } from './fields';
import type { BaseSchema } from './schema';
import { COLUMN_AND_TABLE_DESCRIBERS, compact, type Describe, type DescribeContext } from './schemaColumnChanges';
import type { JsonObject, RawOperation, SchemaChange } from './types';

const DESCRIBERS: ReadonlyMap<string, Describe> = new Map<string, Describe>([
	...COLUMN_AND_TABLE_DESCRIBERS,
	['rename_column', describeRenameColumn],
	['modify_column_type', describeColumnTypeChange],
	[
		'update_column_description',
		(op, context) => withColumn('column_description_changed', op, context, { description: op.column_description }),
	],
	['modify_column_permission', describeColumnPermission('column_permission_changed')],
	['modify_column_metadata_permission', describeColumnPermission('column_metadata_permission_changed')],
	['update_column_colorbys', (op, context) => withColumn('column_colors_changed', op, context, { colorbys: op.colorbys })],
	['resize_column', (op, context) => withColumn('column_resized', op, context, {})],
	['freeze_column', (op, context) => withColumn('column_frozen', op, context, {})],
	['insert_table', (op) => compact({ change: 'table_inserted', name: insertedTableName(op) })],
	['rename_table', describeRenameTable],
	['delete_table', (op, context) => compact({ change: 'table_deleted', name: deletedTableName(op, context.names) })],
	['modify_header_lock', (op) => compact({ change: 'header_lock_changed', locked: op.is_header_locked })],
	['insert_view', describeInsertView],
	['delete_view', (op, context) => withView('view_deleted', op, context, {})],
	['rename_view', describeRenameView],
	['move_view', describeMoveView],
	['modify_view_type', (op, context) => withView('view_type_changed', op, context, { view_type: op.view_type })],
	['modify_view_lock', (op, context) => withView('view_lock_changed', op, context, { locked: op.is_locked })],
	[
		'modify_filters',
		(op, context) =>
			withView('view_filters_changed', op, context, {
				filters: withColumnNames(op.filters, context),
				filter_conjunction: op.filter_conjunction,
			}),
	],
	['modify_sorts', (op, context) => withView('view_sorts_changed', op, context, { sorts: withColumnNames(op.sorts, context) })],
	[
		'modify_groupbys',
		(op, context) => withView('view_groupbys_changed', op, context, { groupbys: withColumnNames(op.groupbys, context) }),
	],
	['modify_hidden_columns', describeHiddenColumns],
	['modify_row_color', (op, context) => withView('view_row_colors_changed', op, context, { colorbys: op.colorbys })],
	['modify_row_height', (op, context) => withView('view_row_height_changed', op, context, { row_height: op.row_height })],
]);

/** Never throws; an operation without a specific description yields `{ change: <op_type> }`. */
export function describeSchemaChange(op: RawOperation, names?: BaseSchema): SchemaChange {
	if (!isRecord(op)) return { change: '' };
	const opType = opTypeOf(op);
	const describe = DESCRIBERS.get(opType);
	if (describe === undefined) return { change: opType };
	return describe(op, { tableId: tableIdOf(op), names });
}

/**
 * The table name to report for a schema operation: the new name for insert_table/rename_table
 * (and duplicate_table/update_table, whose table_data carries it),
 * the deleted table's name for delete_table (carried by the operation, so it survives the table
 * already being gone from the schema), else the current name.
 */
export function schemaTableName(op: RawOperation, names: BaseSchema): string | undefined {
	switch (opTypeOf(op)) {
		case 'insert_table':
		case 'duplicate_table':
		case 'update_table':
			return insertedTableName(op);
		case 'rename_table':
			return asString(op.table_name);
		case 'delete_table':
			return deletedTableName(op, names);
		default: {
			const tableId = tableIdOf(op);
			return tableId === undefined ? undefined : names.tableName(tableId);
		}
	}
}

function describeRenameColumn(op: JsonObject, context: DescribeContext): SchemaChange {
	const newName = asString(op.new_column_name);
	// If the caller already applied the rename to the schema, its name is the new one: skip it.
	const known = columnNameOf(op, context);
	const oldName = asString(op.old_column_name) ?? (known !== newName ? known : undefined);
	return compact({ change: 'column_renamed', column_key: asString(op.column_key), old_name: oldName, new_name: newName });
}

function describeColumnTypeChange(op: JsonObject, context: DescribeContext): SchemaChange {
	const oldColumn = asRecord(op.old_column) ?? {};
	const newColumn = asRecord(op.new_column) ?? {};
	return withColumn('column_type_changed', op, context, {
		name: asString(newColumn.name) ?? columnNameOf(op, context),
		old_type: asString(oldColumn.type),
		new_type: asString(newColumn.type),
	});
}

function describeColumnPermission(change: string): Describe {
	return (op, context) =>
		withColumn(change, op, context, { permission: op.new_column_permission, old_permission: op.old_column_permission });
}

function describeRenameTable(op: JsonObject, context: DescribeContext): SchemaChange {
	const newName = asString(op.table_name);
	const known = context.names && context.tableId !== undefined ? context.names.tableName(context.tableId) : undefined;
	return compact({ change: 'table_renamed', old_name: known !== newName ? known : undefined, new_name: newName });
}

function describeInsertView(op: JsonObject): SchemaChange {
	const view = asRecord(op.view_data) ?? {};
	return compact({
		change: 'view_inserted',
		view_id: asString(view._id),
		view_name: asString(view.name),
		view_type: asString(view.type),
	});
}

function describeRenameView(op: JsonObject, context: DescribeContext): SchemaChange {
	const viewId = asString(op.view_id);
	const newName = asString(op.view_name);
	const known = viewNameOf(viewId, context);
	return compact({ change: 'view_renamed', view_id: viewId, old_name: known !== newName ? known : undefined, new_name: newName });
}

function describeMoveView(op: JsonObject, context: DescribeContext): SchemaChange {
	const viewId = asString(op.moved_view_id);
	return compact({
		change: 'view_moved',
		view_id: viewId,
		view_name: asString(op.moved_view_name) ?? viewNameOf(viewId, context),
		target_view_id: asString(op.target_view_id),
		position: asString(op.move_position),
	});
}

function describeHiddenColumns(op: JsonObject, context: DescribeContext): SchemaChange {
	const keys = toStringArray(op.hidden_columns);
	const { names, tableId } = context;
	const hidden = keys && names && tableId !== undefined ? keys.map((key) => names.columnName(tableId, key) ?? key) : keys;
	return withView('view_hidden_columns_changed', op, context, { hidden_columns: hidden });
}

function withColumn(change: string, op: JsonObject, context: DescribeContext, details: JsonObject): SchemaChange {
	return compact({ change, column_key: asString(op.column_key), name: columnNameOf(op, context), ...details });
}

function withView(change: string, op: JsonObject, context: DescribeContext, details: JsonObject): SchemaChange {
	const viewId = asString(op.view_id);
	return compact({ change, view_id: viewId, view_name: asString(op.view_name) ?? viewNameOf(viewId, context), ...details });
}

function columnNameOf(op: JsonObject, context: DescribeContext): string | undefined {
	const key = asString(op.column_key);
	if (key === undefined || context.names === undefined || context.tableId === undefined) return undefined;
	return context.names.columnName(context.tableId, key);
}

function viewNameOf(viewId: string | undefined, context: DescribeContext): string | undefined {
	if (viewId === undefined || context.names === undefined || context.tableId === undefined) return undefined;
	return context.names.viewName(context.tableId, viewId);
}

function insertedTableName(op: JsonObject): string | undefined {
	const tableData = asRecord(op.table_data);
	return tableData && asString(tableData.name);
}

function deletedTableName(op: JsonObject, names: BaseSchema | undefined): string | undefined {
	const deleted = asRecord(op.deleted_table);
	const tableId = tableIdOf(op);
	return (
		asString(op.table_name) ??
		(deleted && asString(deleted.name)) ??
		(names && tableId !== undefined ? names.tableName(tableId) : undefined)
	);
}

/** Filter/sort/group entries with a `column_name` next to their `column_key` (names mode only). */
function withColumnNames(entries: unknown, context: DescribeContext): unknown {
	const { names, tableId } = context;
	if (!Array.isArray(entries) || names === undefined || tableId === undefined) return entries;
	return entries.map((entry: unknown) => {
		if (!isRecord(entry)) return entry;
		const key = asString(entry.column_key);
		const name = key === undefined ? undefined : names.columnName(tableId, key);
		return name === undefined ? entry : { ...entry, column_name: name };
	});
}

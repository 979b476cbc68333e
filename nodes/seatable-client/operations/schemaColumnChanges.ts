// Readable descriptions of the column and table operations whose fields dtable-store 7.0.4 settles
// (OPERATION_ATTRIBUTES): moves, option edits, batch inserts, link columns and duplicated tables.
import { asRecord, asString, isRecord, recordField } from './fields';
import type { BaseSchema } from './schema';
import type { JsonObject, SchemaChange } from './types';

export type DescribeContext = {
	tableId: string | undefined;
	/** Present only when names are resolved; raw mode reports what the operation itself carries. */
	names: BaseSchema | undefined;
};

export type Describe = (op: JsonObject, context: DescribeContext) => SchemaChange;

/** Drops undefined details so items only carry what is known. */
export function compact(change: { change: string; [detail: string]: unknown }): SchemaChange {
	for (const key of Object.keys(change)) {
		if (change[key] === undefined) delete change[key];
	}
	return change;
}

function columnName(context: DescribeContext, key: string | undefined, tableId = context.tableId): string | undefined {
	if (key === undefined || context.names === undefined || tableId === undefined) return undefined;
	return context.names.columnName(tableId, key);
}

function tableName(context: DescribeContext, tableId: string | undefined): string | undefined {
	return tableId === undefined ? undefined : context.names?.tableName(tableId);
}

function columnSummary(definition: JsonObject): JsonObject {
	return compact({ change: '', column_key: asString(definition.key), name: asString(definition.name), type: asString(definition.type) });
}

function summaries(list: unknown): JsonObject[] {
	if (!Array.isArray(list)) return [];
	return (list as unknown[]).filter(isRecord).map((definition) => {
		const { change: _unused, ...summary } = columnSummary(definition);
		return summary;
	});
}

/** The reverse column SeaTable adds to (or removes from) the other table of a link column. */
function linkedColumn(op: JsonObject, context: DescribeContext, definitionField: string): JsonObject | undefined {
	const info = asRecord(op.linked_column_info);
	if (info === undefined) return undefined;
	const otherTableId = asString(info.table_id);
	const definition = recordField(info, definitionField);
	// insert_column's column_key here is the anchor in the other table; the new column is column_data.
	const key = definition ? asString(definition.key) : asString(info.column_key);
	return compact({
		change: '',
		table_id: otherTableId,
		table_name: tableName(context, otherTableId),
		column_key: key,
		name: (definition && asString(definition.name)) ?? columnName(context, key, otherTableId),
	});
}

function withoutChange(value: JsonObject | undefined): JsonObject | undefined {
	if (value === undefined) return undefined;
	const { change: _unused, ...rest } = value;
	return rest;
}

/** A column the operation carries whole (`field`), with the reverse column of a link column. */
function describeColumnDefinition(change: string, field: string): Describe {
	return (op, context) => {
		const column = recordField(op, field) ?? {};
		return compact({
			change,
			column_key: asString(column.key),
			name: asString(column.name),
			type: asString(column.type),
			linked_column: withoutChange(linkedColumn(op, context, field)),
		});
	};
}

// column_key of insert_column is the anchor column; the new column is column_data.
const describeInsertColumn = describeColumnDefinition('column_inserted', 'column_data');

function describeDeleteColumn(op: JsonObject, context: DescribeContext): SchemaChange {
	const key = asString(op.column_key);
	const oldColumn = asRecord(op.old_column);
	return compact({
		change: 'column_deleted',
		column_key: key,
		name: columnName(context, key) ?? (oldColumn && asString(oldColumn.name)),
		linked_column: withoutChange(linkedColumn(op, context, 'old_column')),
	});
}

const describeInsertColumns: Describe = (op) => compact({ change: 'columns_inserted', columns: summaries(op.insert_columns) });

const describeModifyColumns: Describe = (op) => compact({ change: 'columns_changed', columns: summaries(op.new_columns) });

const describeRestoreColumn = describeColumnDefinition('column_restored', 'new_column');

/** move_column: which column moved, and left or right of which column (dtable-store: move_left / move_right). */
const describeMoveColumn: Describe = (op, context) => {
	const moved = asString(op.moved_column_key);
	const target = asString(op.target_column_key);
	return compact({
		change: 'column_moved',
		column_key: moved,
		name: columnName(context, moved),
		position: asString(op.move_position),
		target_column_key: target,
		target_name: columnName(context, target),
	});
};

type Option = { id: string; name: string | undefined };

function optionsOf(data: JsonObject | undefined): Option[] | undefined {
	const options = data?.options;
	if (!Array.isArray(options)) return undefined;
	return (options as unknown[]).filter(isRecord).map((o) => ({ id: String(o.id), name: asString(o.name) }));
}

/**
 * modify_column_data: `column_data` is the column's new data. With the schema known before the
 * change, the item says which options were added, removed or renamed, by name.
 */
const describeModifyColumnData: Describe = (op, context) => {
	const key = asString(op.column_key);
	const after = optionsOf(asRecord(op.column_data));
	const known = key !== undefined && context.tableId !== undefined ? context.names?.table(context.tableId)?.columnsByKey.get(key) : undefined;
	const change: SchemaChange = { change: 'column_data_changed', column_key: key, name: known?.name };
	const before = known?.optionNamesById;
	if (after !== undefined && before !== undefined) {
		const added = after.filter((o) => !before.has(o.id)).map((o) => o.name);
		const removed = [...before].filter(([id]) => !after.some((o) => o.id === id)).map(([, name]) => name);
		const renamed = after
			.filter((o) => before.has(o.id) && before.get(o.id) !== o.name)
			.map((o) => ({ old_name: before.get(o.id), new_name: o.name }));
		if (added.length > 0) change.options_added = added;
		if (removed.length > 0) change.options_removed = removed;
		if (renamed.length > 0) change.options_renamed = renamed;
	} else if (after !== undefined) {
		change.options = after.map((o) => o.name);
	}
	return compact(change);
};

/** duplicate_table: the copy's id and name are table_data's; source_table_id names the original. */
const describeDuplicateTable: Describe = (op, context) => {
	const data = asRecord(op.table_data) ?? {};
	const sourceId = asString(op.source_table_id);
	return compact({
		change: 'table_duplicated',
		table_id: asString(data._id),
		name: asString(data.name),
		source_table_id: sourceId,
		source_name: tableName(context, sourceId),
		with_rows: op.is_duplicate_records === true,
	});
};

const describeUpdateTable: Describe = (op) => {
	const data = asRecord(op.table_data) ?? {};
	return compact({ change: 'table_updated', name: asString(data.name) });
};

const describeMoveTable: Describe = (op, context) => {
	const target = asString(op.target_table_id);
	return compact({
		change: 'table_moved',
		name: asString(op.moved_table_name) ?? tableName(context, asString(op.moved_table_id)),
		position: asString(op.move_position),
		target_table_id: target,
		target_name: tableName(context, target),
	});
};

export const COLUMN_AND_TABLE_DESCRIBERS: ReadonlyArray<[string, Describe]> = [
	['insert_column', describeInsertColumn],
	['delete_column', describeDeleteColumn],
	['insert_columns', describeInsertColumns],
	['modify_columns', describeModifyColumns],
	['restore_column', describeRestoreColumn],
	['move_column', describeMoveColumn],
	['modify_column_data', describeModifyColumnData],
	['duplicate_table', describeDuplicateTable],
	['update_table', describeUpdateTable],
	['move_table', describeMoveTable],
];

// Schema operations applied to the cached schema the way dtable-store 7.0.4 applies them to its base
// (its Operation.apply), so names are right on the very next event without a metadata call.
import { opTypeOf, tableIdOf } from './classify';
import { asRecord, asString, isRecord } from './fields';
import { addColumn, columnFromDefinition, removeColumn, tableFromDefinition, type ColumnSchema, type TableSchema } from './schemaModel';
import type { JsonObject } from './types';

type Tables = Map<string, TableSchema>;
type Patch = (table: TableSchema, op: JsonObject, tables: Tables) => boolean;

const TABLE_PATCHES: ReadonlyMap<string, Patch> = new Map<string, Patch>([
	['rename_table', renameTable],
	['insert_column', insertColumn],
	['insert_columns', insertColumns],
	['delete_column', deleteColumn],
	['restore_column', restoreColumn],
	['rename_column', renameColumn],
	['modify_column_data', modifyColumnData],
	['modify_columns', modifyColumns],
	['insert_view', insertView],
	['rename_view', renameView],
	['delete_view', deleteView],
]);

/** Returns true when the operation was applied (false: nothing to apply, or it did not say enough). */
export function patchSchema(tables: Tables, op: JsonObject): boolean {
	const opType = opTypeOf(op);
	if (opType === 'insert_table') return putTable(tables, asRecord(op.table_data));
	if (opType === 'duplicate_table') return duplicateTable(tables, op);
	const tableId = tableIdOf(op);
	if (tableId === undefined) return false;
	if (opType === 'delete_table') return tables.delete(tableId);
	// update_table replaces the whole table with table_data (dtable-store TableUtils.updateTable).
	if (opType === 'update_table') return tables.has(tableId) && putTable(tables, asRecord(op.table_data), tableId);
	const table = tables.get(tableId);
	if (table === undefined) return false;
	const patch = TABLE_PATCHES.get(opType);
	// modify_column_type, restore_column_type and any other operation that carries the column's new definition.
	return patch === undefined ? replaceColumnDefinition(table, op) : patch(table, op, tables);
}

function putTable(tables: Tables, definition: JsonObject | undefined, id?: string): boolean {
	const table = definition && tableFromDefinition(id === undefined ? definition : { ...definition, _id: id });
	if (table === undefined) return false;
	tables.set(table.id, table);
	return true;
}

/** duplicate_table: the copy is table_data with the source's views; linked tables gain new_linked_table_columns. */
function duplicateTable(tables: Tables, op: JsonObject): boolean {
	const data = asRecord(op.table_data);
	const copy = data && tableFromDefinition(data);
	if (copy === undefined) return false;
	const source = tables.get(asString(op.source_table_id) ?? '');
	if (source !== undefined) for (const [id, name] of source.viewNamesById) copy.viewNamesById.set(id, name);
	tables.set(copy.id, copy);
	const linked = op.new_linked_table_columns;
	if (!Array.isArray(linked)) return true;
	for (const entry of linked as unknown[]) {
		if (!isRecord(entry)) continue;
		const table = tables.get(asString(entry.table_id) ?? '');
		const column = asRecord(entry.column);
		const schema = column && columnFromDefinition(column);
		if (table !== undefined && schema !== undefined) addColumn(table, schema);
	}
	return true;
}

function renameTable(table: TableSchema, op: JsonObject): boolean {
	const name = asString(op.table_name);
	if (name === undefined) return false;
	table.name = name;
	return true;
}

function addDefinition(table: TableSchema | undefined, definition: JsonObject | undefined): boolean {
	const column = definition && columnFromDefinition(definition);
	if (table === undefined || column === undefined) return false;
	addColumn(table, column);
	return true;
}

// column_key of insert_column is the anchor column; the new column is column_data. A link column
// brings its reverse column in the other table as linked_column_info.column_data.
function insertColumn(table: TableSchema, op: JsonObject, tables: Tables): boolean {
	if (!addDefinition(table, asRecord(op.column_data))) return false;
	const linked = asRecord(op.linked_column_info);
	if (linked === undefined) return true;
	return addDefinition(tables.get(asString(linked.table_id) ?? ''), asRecord(linked.column_data));
}

function insertColumns(table: TableSchema, op: JsonObject): boolean {
	const columns = op.insert_columns;
	if (!Array.isArray(columns)) return false;
	let all = true;
	for (const column of columns as unknown[]) all = addDefinition(table, isRecord(column) ? column : undefined) && all;
	return all;
}

function restoreColumn(table: TableSchema, op: JsonObject, tables: Tables): boolean {
	if (!addDefinition(table, asRecord(op.new_column))) return false;
	const linked = asRecord(op.linked_column_info);
	if (linked === undefined) return true;
	return addDefinition(tables.get(asString(linked.table_id) ?? ''), asRecord(linked.new_column));
}

// A link column's delete takes the reverse column too (linked_column_info {table_id, column_key}).
function deleteColumn(table: TableSchema, op: JsonObject, tables: Tables): boolean {
	const key = asString(op.column_key);
	if (key === undefined || !removeColumn(table, key)) return false;
	const linked = asRecord(op.linked_column_info);
	const other = linked && tables.get(asString(linked.table_id) ?? '');
	const otherKey = linked && asString(linked.column_key);
	if (other !== undefined && otherKey !== undefined) removeColumn(other, otherKey);
	return true;
}

function renameColumn(table: TableSchema, op: JsonObject): boolean {
	const key = asString(op.column_key);
	const name = asString(op.new_column_name);
	if (key === undefined || name === undefined) return false;
	const existing = table.columnsByKey.get(key);
	const renamed: ColumnSchema =
		existing === undefined
			? { key, name, type: undefined, optionNamesById: undefined, link: undefined }
			: { key, name, type: existing.type, optionNamesById: existing.optionNamesById, link: existing.link };
	addColumn(table, renamed);
	// A column we never saw: its name is known now, its type and options need the metadata.
	return existing !== undefined;
}

/** modify_column_data: `column_data` is the column's new `data` (e.g. its options), not a column definition. */
function modifyColumnData(table: TableSchema, op: JsonObject): boolean {
	const key = asString(op.column_key);
	const data = asRecord(op.column_data);
	const existing = key === undefined ? undefined : table.columnsByKey.get(key);
	if (existing === undefined || data === undefined) return false;
	const column = columnFromDefinition({ key: existing.key, name: existing.name, type: existing.type, data });
	if (column === undefined) return false;
	addColumn(table, column);
	return true;
}

/** modify_columns: each of new_columns replaces the column with its key (unknown keys are ignored, as dtable-store does). */
function modifyColumns(table: TableSchema, op: JsonObject): boolean {
	const columns = op.new_columns;
	if (!Array.isArray(columns)) return false;
	for (const definition of columns as unknown[]) {
		const column = isRecord(definition) ? columnFromDefinition(definition) : undefined;
		if (column !== undefined && table.columnsByKey.has(column.key)) addColumn(table, column);
	}
	return true;
}

function replaceColumnDefinition(table: TableSchema, op: JsonObject): boolean {
	const key = asString(op.column_key);
	const definition = asRecord(op.new_column) ?? asRecord(op.new_column_data) ?? asRecord(op.column_data);
	const column = definition && columnFromDefinition(definition, key);
	if (column === undefined) return false;
	// A partial definition must not erase what we already know about the column.
	const existing = table.columnsByKey.get(column.key);
	if (existing !== undefined) {
		if (asString((definition as JsonObject).name) === undefined) column.name = existing.name;
		column.type ??= existing.type;
	}
	addColumn(table, column);
	return true;
}

function insertView(table: TableSchema, op: JsonObject): boolean {
	const view = asRecord(op.view_data);
	const viewId = view && asString(view._id);
	const viewName = view && asString(view.name);
	if (viewId === undefined || viewName === undefined) return false;
	table.viewNamesById.set(viewId, viewName);
	return true;
}

function renameView(table: TableSchema, op: JsonObject): boolean {
	const viewId = asString(op.view_id);
	const viewName = asString(op.view_name);
	if (viewId === undefined || viewName === undefined) return false;
	table.viewNamesById.set(viewId, viewName);
	return true;
}

function deleteView(table: TableSchema, op: JsonObject): boolean {
	const viewId = asString(op.view_id);
	return viewId !== undefined && table.viewNamesById.delete(viewId);
}

// Name lookups for one base, built once per metadata fetch and patched by schema operations.
import { opTypeOf, tableIdOf } from './classify';
import { isRecord, recordField, setField, stringField } from './fields';
import { isSystemRowKey } from './systemKeys';
import type { BaseMetadata, JsonObject, RawOperation } from './types';

export type LinkColumnData = { link_id: string; table_id?: string; other_table_id?: string };

export type ColumnSchema = {
	key: string;
	name: string;
	type: string | undefined;
	/** Option id → option name; only for columns with `data.options` (single/multiple select). */
	optionNamesById: Map<string, string> | undefined;
	/** Only for link columns. */
	link: LinkColumnData | undefined;
};

export type TableSchema = {
	id: string;
	name: string;
	columnsByKey: Map<string, ColumnSchema>;
	columnsByName: Map<string, ColumnSchema>;
	linkColumnsByLinkId: Map<string, ColumnSchema>;
	viewNamesById: Map<string, string>;
};

export class BaseSchema {
	private readonly tables = new Map<string, TableSchema>();

	/** Accepts the `GET …/metadata/` body, with or without its `metadata` wrapper; ignores malformed parts. */
	constructor(metadata: BaseMetadata | unknown) {
		const body = isRecord(metadata) && isRecord(metadata.metadata) ? metadata.metadata : metadata;
		const tables = isRecord(body) ? body.tables : undefined;
		if (!Array.isArray(tables)) return;
		for (const table of tables as unknown[]) {
			const schema = isRecord(table) ? tableFromDefinition(table) : undefined;
			if (schema !== undefined) this.tables.set(schema.id, schema);
		}
	}

	hasTable(tableId: string): boolean {
		return this.tables.has(tableId);
	}

	table(tableId: string): TableSchema | undefined {
		return this.tables.get(tableId);
	}

	tableName(tableId: string): string | undefined {
		return this.tables.get(tableId)?.name;
	}

	columnName(tableId: string, columnKey: string): string | undefined {
		return this.tables.get(tableId)?.columnsByKey.get(columnKey)?.name;
	}

	/** The key of a column given its name or its key (names win, as users type names). */
	columnKey(tableId: string, nameOrKey: string): string | undefined {
		const table = this.tables.get(tableId);
		if (table === undefined) return undefined;
		return (table.columnsByName.get(nameOrKey) ?? table.columnsByKey.get(nameOrKey))?.key;
	}

	optionName(tableId: string, columnKey: string, optionId: string): string | undefined {
		return this.tables.get(tableId)?.columnsByKey.get(columnKey)?.optionNamesById?.get(optionId);
	}

	viewName(tableId: string, viewId: string): string | undefined {
		return this.tables.get(tableId)?.viewNamesById.get(viewId);
	}

	/**
	 * The link column of `tableId` for a link. Without a link id (older add_link payloads) the
	 * column is only returned when it is the table's single link to `otherTableId`.
	 */
	linkColumn(tableId: string, linkId: string | null, otherTableId: string | null): ColumnSchema | undefined {
		const table = this.tables.get(tableId);
		if (table === undefined) return undefined;
		if (linkId !== null) return table.linkColumnsByLinkId.get(linkId);
		if (otherTableId === null) return undefined;
		let found: ColumnSchema | undefined;
		for (const column of table.linkColumnsByLinkId.values()) {
			const link = column.link;
			if (link === undefined || otherTableOf(link, tableId) !== otherTableId) continue;
			if (found !== undefined) return undefined;
			found = column;
		}
		return found;
	}

	/**
	 * The row keyed by column names, select option ids replaced by option names. System keys and
	 * keys the schema does not know (e.g. a column added after the metadata fetch) stay as they are.
	 */
	readableRow(tableId: string, rawRow: JsonObject): JsonObject {
		const table = this.tables.get(tableId);
		if (table === undefined) return rawRow;
		const readable: JsonObject = {};
		for (const key in rawRow) {
			const value = rawRow[key];
			const column = isSystemRowKey(key) ? undefined : table.columnsByKey.get(key);
			if (column === undefined) {
				setField(readable, key, value);
				continue;
			}
			const options = column.optionNamesById;
			setField(readable, column.name, options === undefined ? value : optionNames(options, value));
		}
		return readable;
	}

	/**
	 * Patches names after a schema operation so the next events read right before the caller's
	 * metadata refetch. Returns true when anything changed.
	 */
	applySchemaOperation(op: RawOperation): boolean {
		if (!isRecord(op)) return false;
		const opType = opTypeOf(op);
		if (opType === 'insert_table') return this.insertTable(op);
		const tableId = tableIdOf(op);
		if (tableId === undefined) return false;
		if (opType === 'delete_table') return this.tables.delete(tableId);
		const table = this.tables.get(tableId);
		if (table === undefined) return false;
		switch (opType) {
			case 'rename_table':
				return renameTable(table, op);
			case 'insert_column':
				return insertColumn(table, op);
			case 'delete_column':
				return deleteColumn(table, op);
			case 'rename_column':
				return renameColumn(table, op);
			case 'insert_view':
				return insertView(table, op);
			case 'rename_view':
				return renameView(table, op);
			case 'delete_view':
				return deleteView(table, op);
			default:
				// modify_column_type and any other operation that carries the column's new definition.
				return replaceColumnDefinition(table, op);
		}
	}

	private insertTable(op: JsonObject): boolean {
		const tableData = recordField(op, 'table_data');
		const table = tableData && tableFromDefinition(tableData);
		if (table === undefined) return false;
		this.tables.set(table.id, table);
		return true;
	}
}

function tableFromDefinition(definition: JsonObject): TableSchema | undefined {
	const id = stringField(definition, '_id');
	if (id === undefined) return undefined;
	const table: TableSchema = {
		id,
		name: stringField(definition, 'name') ?? id,
		columnsByKey: new Map(),
		columnsByName: new Map(),
		linkColumnsByLinkId: new Map(),
		viewNamesById: new Map(),
	};
	const columns = definition.columns;
	if (Array.isArray(columns)) {
		for (const column of columns as unknown[]) {
			const schema = isRecord(column) ? columnFromDefinition(column) : undefined;
			if (schema !== undefined) addColumn(table, schema);
		}
	}
	const views = definition.views;
	if (Array.isArray(views)) {
		for (const view of views as unknown[]) {
			if (!isRecord(view)) continue;
			const viewId = stringField(view, '_id');
			const viewName = stringField(view, 'name');
			if (viewId !== undefined && viewName !== undefined) table.viewNamesById.set(viewId, viewName);
		}
	}
	return table;
}

function columnFromDefinition(definition: JsonObject, fallbackKey?: string): ColumnSchema | undefined {
	const key = stringField(definition, 'key') ?? fallbackKey;
	if (key === undefined) return undefined;
	// Every column gets the same fields in the same order, so lookups in readableRow stay monomorphic.
	const column: ColumnSchema = {
		key,
		name: stringField(definition, 'name') ?? key,
		type: stringField(definition, 'type'),
		optionNamesById: undefined,
		link: undefined,
	};
	const data = recordField(definition, 'data');
	if (data === undefined) return column;
	if (Array.isArray(data.options)) {
		const names = new Map<string, string>();
		for (const option of data.options as unknown[]) {
			if (!isRecord(option)) continue;
			const optionId = option.id;
			const optionName = stringField(option, 'name');
			// Option ids are usually strings, but older bases stored some as numbers.
			if (optionName !== undefined && (typeof optionId === 'string' || typeof optionId === 'number')) {
				names.set(String(optionId), optionName);
			}
		}
		column.optionNamesById = names;
	}
	const linkId = stringField(data, 'link_id');
	if (linkId !== undefined) {
		column.link = {
			link_id: linkId,
			table_id: stringField(data, 'table_id'),
			other_table_id: stringField(data, 'other_table_id'),
		};
	}
	return column;
}

function addColumn(table: TableSchema, column: ColumnSchema): void {
	removeColumn(table, column.key);
	table.columnsByKey.set(column.key, column);
	table.columnsByName.set(column.name, column);
	if (column.link !== undefined) table.linkColumnsByLinkId.set(column.link.link_id, column);
}

function removeColumn(table: TableSchema, key: string): boolean {
	const existing = table.columnsByKey.get(key);
	if (existing === undefined) return false;
	table.columnsByKey.delete(key);
	if (table.columnsByName.get(existing.name) === existing) table.columnsByName.delete(existing.name);
	if (existing.link !== undefined) table.linkColumnsByLinkId.delete(existing.link.link_id);
	return true;
}

/** Link column data names the table it was created in; the other side is whichever id is not ours. */
export function otherTableOf(link: LinkColumnData, tableId: string): string | undefined {
	return link.table_id === tableId ? link.other_table_id : link.table_id;
}

function optionNames(names: Map<string, string>, value: unknown): unknown {
	if (typeof value === 'string') return names.get(value) ?? value;
	if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'string' ? (names.get(entry) ?? entry) : entry));
	return value;
}

function renameTable(table: TableSchema, op: JsonObject): boolean {
	const name = stringField(op, 'table_name');
	if (name === undefined) return false;
	table.name = name;
	return true;
}

// column_key of insert_column is the anchor column; the new column is column_data.
function insertColumn(table: TableSchema, op: JsonObject): boolean {
	const definition = recordField(op, 'column_data');
	const column = definition && columnFromDefinition(definition);
	if (column === undefined) return false;
	addColumn(table, column);
	return true;
}

function deleteColumn(table: TableSchema, op: JsonObject): boolean {
	const key = stringField(op, 'column_key');
	return key !== undefined && removeColumn(table, key);
}

function renameColumn(table: TableSchema, op: JsonObject): boolean {
	const key = stringField(op, 'column_key');
	const name = stringField(op, 'new_column_name');
	if (key === undefined || name === undefined) return false;
	const existing = table.columnsByKey.get(key);
	const renamed: ColumnSchema =
		existing === undefined
			? { key, name, type: undefined, optionNamesById: undefined, link: undefined }
			: { key, name, type: existing.type, optionNamesById: existing.optionNamesById, link: existing.link };
	addColumn(table, renamed);
	return true;
}

function replaceColumnDefinition(table: TableSchema, op: JsonObject): boolean {
	const key = stringField(op, 'column_key');
	const definition = recordField(op, 'new_column') ?? recordField(op, 'new_column_data') ?? recordField(op, 'column_data');
	const column = definition && columnFromDefinition(definition, key);
	if (column === undefined) return false;
	// A partial definition must not erase what we already know about the column.
	const existing = table.columnsByKey.get(column.key);
	if (existing !== undefined) {
		if (stringField(definition as JsonObject, 'name') === undefined) column.name = existing.name;
		column.type ??= existing.type;
	}
	addColumn(table, column);
	return true;
}

function insertView(table: TableSchema, op: JsonObject): boolean {
	const view = recordField(op, 'view_data');
	const viewId = view && stringField(view, '_id');
	const viewName = view && stringField(view, 'name');
	if (viewId === undefined || viewName === undefined) return false;
	table.viewNamesById.set(viewId, viewName);
	return true;
}

function renameView(table: TableSchema, op: JsonObject): boolean {
	const viewId = stringField(op, 'view_id');
	const viewName = stringField(op, 'view_name');
	if (viewId === undefined || viewName === undefined) return false;
	table.viewNamesById.set(viewId, viewName);
	return true;
}

function deleteView(table: TableSchema, op: JsonObject): boolean {
	const viewId = stringField(op, 'view_id');
	return viewId !== undefined && table.viewNamesById.delete(viewId);
}

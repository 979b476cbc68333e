// The schema's data: tables with columns (names, types, options, links) and view names, built from
// metadata or from the definitions operations carry.
import { asRecord, asString, isRecord } from './fields';
import type { JsonObject } from './types';

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

export function tableFromDefinition(definition: JsonObject): TableSchema | undefined {
	const id = asString(definition._id);
	if (id === undefined) return undefined;
	const table: TableSchema = {
		id,
		name: asString(definition.name) ?? id,
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
			const viewId = asString(view._id);
			const viewName = asString(view.name);
			if (viewId !== undefined && viewName !== undefined) table.viewNamesById.set(viewId, viewName);
		}
	}
	return table;
}

export function columnFromDefinition(definition: JsonObject, fallbackKey?: string): ColumnSchema | undefined {
	const key = asString(definition.key) ?? fallbackKey;
	if (key === undefined) return undefined;
	// Every column gets the same fields in the same order, so lookups in readableRow stay monomorphic.
	const column: ColumnSchema = {
		key,
		name: asString(definition.name) ?? key,
		type: asString(definition.type),
		optionNamesById: undefined,
		link: undefined,
	};
	const data = asRecord(definition.data);
	if (data === undefined) return column;
	if (Array.isArray(data.options)) {
		const names = new Map<string, string>();
		for (const option of data.options as unknown[]) {
			if (!isRecord(option)) continue;
			const optionId = option.id;
			const optionName = asString(option.name);
			// Option ids are usually strings, but older bases stored some as numbers.
			if (optionName !== undefined && (typeof optionId === 'string' || typeof optionId === 'number')) {
				names.set(String(optionId), optionName);
			}
		}
		column.optionNamesById = names;
	}
	const linkId = asString(data.link_id);
	if (linkId !== undefined) {
		column.link = {
			link_id: linkId,
			table_id: asString(data.table_id),
			other_table_id: asString(data.other_table_id),
		};
	}
	return column;
}

export function addColumn(table: TableSchema, column: ColumnSchema): void {
	removeColumn(table, column.key);
	table.columnsByKey.set(column.key, column);
	table.columnsByName.set(column.name, column);
	if (column.link !== undefined) table.linkColumnsByLinkId.set(column.link.link_id, column);
}

export function removeColumn(table: TableSchema, key: string): boolean {
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

export function optionNames(names: Map<string, string>, value: unknown): unknown {
	if (typeof value === 'string') return names.get(value) ?? value;
	if (Array.isArray(value)) return value.map((entry) => (typeof entry === 'string' ? (names.get(entry) ?? entry) : entry));
	return value;
}


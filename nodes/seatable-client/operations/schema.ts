// Name lookups for one base, built once per metadata fetch and patched by schema operations (schemaPatch.ts).
import { isRecord, setField } from './fields';
import { optionNames, otherTableOf, tableFromDefinition, type ColumnSchema, type TableSchema } from './schemaModel';
import { patchSchema } from './schemaPatch';
import { isSystemRowKey } from './systemKeys';
import type { BaseMetadata, JsonObject, RawOperation } from './types';

export { otherTableOf, type ColumnSchema, type LinkColumnData, type TableSchema } from './schemaModel';

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

	table(tableId: string): TableSchema | undefined {
		return this.tables.get(tableId);
	}

	tableName(tableId: string): string | undefined {
		return this.tables.get(tableId)?.name;
	}

	columnName(tableId: string, columnKey: string): string | undefined {
		return this.tables.get(tableId)?.columnsByKey.get(columnKey)?.name;
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
	 * Applies a schema operation as dtable-store applies it to its base, so the next events read right
	 * without a metadata call. Returns true when the operation said everything needed (false: refetch).
	 */
	applySchemaOperation(op: RawOperation): boolean {
		return isRecord(op) && patchSchema(this.tables, op);
	}
}

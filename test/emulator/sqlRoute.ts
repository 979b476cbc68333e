// SeaTable's SQL endpoint, for the one query form the trigger sends:
//   SELECT * FROM `<table name>` WHERE _id IN ('<row id>', …) LIMIT <n>
// Gateway (>= 5.3): POST /api-gateway/api/v2/dtables/:uuid/sql/; before: dtable-db's
// POST /dtable-db/api/v1/query/:uuid/. Body `{sql, convert_keys}`; answer `{metadata, results, success}`.
// Rows come keyed by column keys (convert_keys false) or names (true); link cells as
// `[{row_id, display_value}]`, the linked row's first column being its display value.
import type { BaseState, ColumnState, RowState, TableState } from './baseState';

export class SqlError extends Error {}

const QUERY = /^\s*SELECT\s+\*\s+FROM\s+`([^`]+)`\s+WHERE\s+_id\s+IN\s*\(([^)]*)\)\s*(?:LIMIT\s+(\d+))?\s*;?\s*$/i;
// SeaTable answers at most 10,000 rows per query (100 without LIMIT).
const MAX_LIMIT = 10_000;
const DEFAULT_LIMIT = 100;

export function sqlPath(path: string, useApiGateway: boolean): string | undefined {
	const pattern = useApiGateway ? /^\/api-gateway\/api\/v2\/dtables\/([^/]+)\/sql\/?$/ : /^\/dtable-db\/api\/v1\/query\/([^/]+)\/?$/;
	const match = pattern.exec(path);
	return match ? decodeURIComponent(match[1]) : undefined;
}

export function runSql(base: BaseState, body: unknown): Record<string, unknown> {
	const { sql, convert_keys: convertKeys } = (body ?? {}) as { sql?: unknown; convert_keys?: unknown };
	if (typeof sql !== 'string') throw new SqlError('sql invalid.');
	const match = QUERY.exec(sql);
	if (!match) throw new SqlError('The emulator only answers SELECT * FROM `table` WHERE _id IN (…) [LIMIT n].');
	const table = base.tables.find((t) => t.name === match[1]);
	if (!table) throw new SqlError(`Table ${match[1]} not found`);
	const ids = new Set(
		match[2]
			.split(',')
			.map((part) => part.trim().replace(/^'(.*)'$/, '$1'))
			.filter(Boolean),
	);
	const limit = Math.min(MAX_LIMIT, match[3] ? Number(match[3]) : DEFAULT_LIMIT);
	const rows = table.rows.filter((row) => ids.has(row._id)).slice(0, limit);
	return {
		metadata: table.columns.map((c) => ({ key: c.key, name: c.name, type: c.type, data: c.data })),
		results: rows.map((row) => sqlRow(base, table, row, convertKeys === true)),
		success: true,
	};
}

function sqlRow(base: BaseState, table: TableState, row: RowState, byName: boolean): Record<string, unknown> {
	const out: Record<string, unknown> = {};
	for (const key of Object.keys(row)) if (key.startsWith('_')) out[key] = row[key];
	for (const column of table.columns) {
		const value = column.type === 'link' ? linkCell(base, table, column, row._id) : row[column.key];
		if (value !== undefined) out[byName ? column.name : column.key] = structuredClone(value);
	}
	return out;
}

function linkCell(base: BaseState, table: TableState, column: ColumnState, rowId: string): { row_id: string; display_value: unknown }[] {
	const data = (column.data ?? {}) as { link_id?: string; table_id?: string; other_table_id?: string };
	const otherTableId = data.table_id === table._id ? data.other_table_id : data.table_id;
	const other = base.tables.find((t) => t._id === otherTableId);
	// dtable-store keeps links as maps of row ids, one per direction.
	const link = base.links.find((l) => l._id === data.link_id);
	const map = link === undefined ? undefined : link.table1_id === table._id ? link.table1_table2_map : link.table2_table1_map;
	const linked = map?.[rowId] ?? [];
	const displayKey = other?.columns[0]?.key;
	return linked.map((id) => ({
		row_id: id,
		display_value: displayKey === undefined ? null : (other?.rows.find((r) => r._id === id)?.[displayKey] ?? null),
	}));
}

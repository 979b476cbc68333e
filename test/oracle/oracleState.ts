// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-jest compiles with the root tsconfig, which has no test/types
/// <reference path="../types/dtable-store.d.ts" />
// Reading a dtable-store base value (DTableStore.value) the way a person sees it: rows by column and
// option names, linked row ids, view names. The oracle's answers come from here.
import { LinksUtils, type DTableValue } from 'dtable-store';

export type Row = Record<string, unknown> & { _id: string };
export type Column = { key: string; name: string; type: string; data?: Record<string, unknown> | null };
export type View = { _id: string; name: string; filters?: unknown; sorts?: unknown };
export type Table = { _id: string; name: string; columns: Column[]; rows: Row[]; views: View[] };

const SYSTEM_KEYS = new Set(['_id', '_creator', '_last_modifier', '_ctime', '_mtime', '_participants']);
// dtable-store's apply stamps _ctime/_mtime with the applying client's own clock, so two stores
// never agree on them; everything else must be equal.
const CLOCK_KEYS = new Set(['_ctime', '_mtime']);

export function tables(value: DTableValue): Table[] {
	return value.tables as unknown as Table[];
}

export function table(value: DTableValue, tableId: string): Table | undefined {
	return tables(value).find((t) => t._id === tableId);
}

export function column(t: Table | undefined, key: string): Column | undefined {
	return t?.columns.find((c) => c.key === key);
}

export function row(t: Table | undefined, rowId: string): Row | undefined {
	return t?.rows.find((r) => r._id === rowId);
}

function optionName(c: Column, value: unknown): unknown {
	const options = Array.isArray(c.data?.options) ? (c.data.options as { id: unknown; name: string }[]) : [];
	const name = (id: unknown) => options.find((o) => String(o.id) === id)?.name ?? id;
	if (c.type === 'single-select' && typeof value === 'string') return name(value);
	if (c.type === 'multiple-select' && Array.isArray(value)) return value.map(name);
	return value;
}

/**
 * The row keyed by column names with option names, clock keys left out. Cells of columns the table
 * no longer has are left out too: the server drops them, dtable-store's apply keeps them.
 */
export function readable(t: Table, raw: Record<string, unknown>): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(raw)) {
		if (CLOCK_KEYS.has(key)) continue;
		if (SYSTEM_KEYS.has(key)) result[key] = value;
		const c = column(t, key);
		if (c !== undefined) result[c.name] = optionName(c, value);
	}
	return result;
}

export function withoutClock(item: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
	if (item === undefined) return undefined;
	return Object.fromEntries(Object.entries(item).filter(([key]) => !CLOCK_KEYS.has(key)));
}

/** The link column of `t` for a link id. */
export function linkColumn(t: Table | undefined, linkId: string): Column | undefined {
	return t?.columns.find((c) => c.type === 'link' && c.data?.link_id === linkId);
}

/** Linked row ids of `rowId` in table `t` through the link `linkId`, as dtable-store reads them. */
export function linkedIds(value: DTableValue, tableId: string, linkId: string, rowId: string): string[] {
	const link = (value.links as { _id: string; table1_id: string; table2_id: string }[]).find((l) => l._id === linkId);
	if (link === undefined) return [];
	const other = link.table1_id === tableId ? link.table2_id : link.table1_id;
	return [...LinksUtils.getLinkedRowIDs({ links: value.links, link_id: linkId, table_id: tableId, other_table_id: other, row_id: rowId })];
}

/** A base reduced to what both stores must agree on (columns, current cells, views, links). */
export function comparableBase(value: DTableValue): unknown {
	return {
		tables: tables(value).map((t) => {
			const keys = new Set(t.columns.map((c) => c.key));
			return {
				_id: t._id,
				name: t.name,
				columns: t.columns.map((c) => ({ key: c.key, name: c.name, type: c.type, data: c.data ?? null })),
				// Cells of deleted columns: the server drops them, dtable-store's apply only drops the column.
				rows: t.rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !CLOCK_KEYS.has(k) && (SYSTEM_KEYS.has(k) || keys.has(k))))),
				views: t.views.map((v) => ({ _id: v._id, name: v.name, filters: v.filters ?? [], sorts: v.sorts ?? [] })),
			};
		}),
		links: (value.links as Record<string, unknown>[])
			.map((l) => ({ _id: l._id, table1_id: l.table1_id, table2_id: l.table2_id, table1_table2_map: sortedMap(l.table1_table2_map) }))
			.sort((a, b) => String(a._id).localeCompare(String(b._id))),
	};
}

function sortedMap(map: unknown): Record<string, string[]> {
	const result: Record<string, string[]> = {};
	for (const [key, ids] of Object.entries((map ?? {}) as Record<string, string[]>).sort(([a], [b]) => a.localeCompare(b))) {
		if (ids.length > 0) result[key] = [...ids].sort();
	}
	return result;
}

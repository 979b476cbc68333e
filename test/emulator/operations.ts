// Row and link changes, made through dtable-store as the web editor makes them (editor.ts). Validation
// happens before dtable-store runs, so a thrown error leaves the state untouched.
import { BaseState, ColumnState, linkInfo, RowState, TableState } from './baseState';
import { toStoredValues } from './cellValues';
import type { Op } from './editor';

export type { Op } from './editor';
export * from './schemaOps';

export interface OpResult {
	op: Op;
}
export type WithRow = OpResult & { row: RowState };
export type WithRows = OpResult & { rows: RowState[] };

/** Who makes the change, in which base. */
export interface Change {
	base: BaseState;
	author: string;
}

// A JSON copy, not structuredClone: dtable-store's deep-copy only knows arrays of its own realm (jest runs tests in a vm).
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function tableIndex(base: BaseState, table: TableState): number {
	return base.tables.indexOf(table);
}

/** Cell values (link columns included, as lists of linked row ids) → row data and the links dtable-store sends in links_data. */
function newRowData(base: BaseState, table: TableState, values: Record<string, unknown>, taken: Set<string>) {
	const cells: Record<string, unknown> = {};
	const links: { column: ColumnState; rowIds: string[] }[] = [];
	for (const [name, value] of Object.entries(values)) {
		const column = name.startsWith('_') ? undefined : base.findColumn(table, name);
		if (column?.type === 'link') links.push({ column, rowIds: Array.isArray(value) ? value.map(String) : [] });
		else cells[name] = value;
	}
	const stored = toStoredValues(base, table, cells);
	if (typeof stored._id === 'string') {
		if (taken.has(stored._id)) throw new Error(`Row id "${stored._id}" already exists in table "${table.name}"`);
		taken.add(stored._id);
	}
	for (const link of links) {
		const other = base.table(linkInfo(base, table, link.column).other_table_id);
		for (const id of link.rowIds) base.row(other, id);
	}
	return { stored, links };
}

// Above 1,000 rows dtable-store sends a batch as several operations, one every few milliseconds.
const MAX_BATCH = 1000;

function checkBatch(count: number): void {
	if (count > MAX_BATCH) throw new Error(`At most ${MAX_BATCH} rows at once: dtable-store splits larger batches into several operations`);
}

function anchorOf(base: BaseState, table: TableState, anchorRowId: string | undefined): string | null {
	if (anchorRowId !== undefined) return base.row(table, anchorRowId)._id;
	// An empty table has no anchor row; dtable-store then appends (row_id null).
	return table.rows.at(-1)?._id ?? null;
}

/** insert_row: `row_id` is the ANCHOR row (default: the last row); the new row's id is `row_data._id`. Link values go to links_data. */
export function insertRow({ base, author }: Change, tableRef: string, values: Record<string, unknown>, anchorRowId?: string): WithRow {
	const table = base.table(tableRef);
	const { stored, links } = newRowData(base, table, values, new Set(table.rows.map((r) => r._id)));
	const anchor = anchorOf(base, table, anchorRowId);
	// insertRowWithLinksData is what the editor calls when it duplicates a row or inserts one with links.
	const linksData = links.map(({ column, rowIds }) => {
		const info = linkInfo(base, table, column);
		return { link_id: info.link_id, link_table_id: table._id, linked_table_id: info.other_table_id, is_linked_back: info.is_linked_back, linked_rows_ids: rowIds };
	});
	const op = base.editor.one(author, 'insert_row', (s) => s.insertRowWithLinksData(tableIndex(base, table), anchor, 'insert_below', stored, linksData));
	const rowId = (op.row_data as RowState)._id;
	return { op, row: clone(base.row(table, rowId)) };
}

/** insert_rows: the first anchor is given (default: the last row), each further row is anchored below the previous one. */
export function insertRows({ base, author }: Change, tableRef: string, valuesList: Record<string, unknown>[], anchorRowId?: string): WithRows {
	const table = base.table(tableRef);
	checkBatch(valuesList.length);
	const taken = new Set(table.rows.map((r) => r._id));
	const prepared = valuesList.map((values) => newRowData(base, table, values, taken));
	if (prepared.some((p) => p.links.length > 0)) throw new Error('insertRows takes no link values; use insertRow or addLink');
	const anchor = anchorOf(base, table, anchorRowId);
	const op = base.editor.one(author, 'insert_rows', (s) =>
		s.insertRows(tableIndex(base, table), [anchor], 'insert_below', prepared.map((p) => p.stored), []),
	);
	return { op, rows: (op.row_datas as RowState[]).map((r) => clone(base.row(table, r._id))) };
}

/** append_rows: the REST batch append; no anchors. */
export function appendRows({ base, author }: Change, tableRef: string, valuesList: Record<string, unknown>[]): WithRows {
	const table = base.table(tableRef);
	checkBatch(valuesList.length);
	const taken = new Set(table.rows.map((r) => r._id));
	const prepared = valuesList.map((values) => newRowData(base, table, values, taken));
	if (prepared.some((p) => p.links.length > 0)) throw new Error('appendRows takes no link values; use addLink');
	const op = base.editor.one(author, 'append_rows', (s) => s.appendRows(tableIndex(base, table), prepared.map((p) => p.stored)));
	return { op, rows: (op.row_datas as RowState[]).map((r) => clone(base.row(table, r._id))) };
}

function storedUpdate(base: BaseState, table: TableState, values: Record<string, unknown>): Record<string, unknown> {
	const stored = toStoredValues(base, table, values);
	delete stored._id;
	return stored;
}

/** modify_row: `old_row` = previous values of the changed keys (unset keys left out), as the editor passes it. */
export function modifyRow({ base, author }: Change, tableRef: string, rowId: string, values: Record<string, unknown>): WithRow {
	const table = base.table(tableRef);
	const row = base.row(table, rowId);
	const updated = storedUpdate(base, table, values);
	const oldRow: Record<string, unknown> = {};
	for (const key of Object.keys(updated)) if (row[key] !== undefined) oldRow[key] = clone(row[key]);
	const op = base.editor.one(author, 'modify_row', (s) => s.modifyRow(tableIndex(base, table), rowId, updated, oldRow));
	return { op, row: clone(base.row(table, rowId)) };
}

/** modify_rows: per-row `updated` and `old_rows` maps; unset previous values are null, as in the captured sample. */
export function modifyRows({ base, author }: Change, tableRef: string, updates: { rowId: string; values: Record<string, unknown> }[]): WithRows {
	checkBatch(updates.length);
	const table = base.table(tableRef);
	const updated: Record<string, Record<string, unknown>> = {};
	const oldRows: Record<string, Record<string, unknown>> = {};
	for (const { rowId, values } of updates) {
		const row = base.row(table, rowId);
		updated[rowId] = storedUpdate(base, table, values);
		oldRows[rowId] = {};
		for (const key of Object.keys(updated[rowId])) oldRows[rowId][key] = row[key] === undefined ? null : clone(row[key]);
	}
	const rowIds = updates.map((u) => u.rowId);
	const op = base.editor.one(author, 'modify_rows', (s) => s.modifyRows(tableIndex(base, table), rowIds, updated, oldRows));
	return { op, rows: rowIds.map((id) => clone(base.row(table, id))) };
}

export function deleteRow({ base, author }: Change, tableRef: string, rowId: string): WithRow {
	const table = base.table(tableRef);
	const row = clone(base.row(table, rowId));
	const op = base.editor.one(author, 'delete_row', (s) => s.deleteRowById(table._id, rowId));
	return { op, row };
}

/** delete_rows: above RECORD_DELETED_ROWS_LIMIT (2,000) rows dtable-store sends `deleted_rows: []`. */
export function deleteRows({ base, author }: Change, tableRef: string, rowIds: string[]): WithRows {
	const table = base.table(tableRef);
	const rows = rowIds.map((id) => clone(base.row(table, id)));
	// The row above each deleted row in the table as it was; null for the first row.
	const uppers = rows.map((row) => table.rows[table.rows.findIndex((r) => r._id === row._id) - 1]?._id ?? null);
	const op = base.editor.one(author, 'delete_rows', (s) => s.deleteRows(tableIndex(base, table), rowIds, rows, uppers));
	return { op, rows };
}

/** move_rows: rows dragged above or below a target row (one target per moved row). */
export function moveRows({ base, author }: Change, tableRef: string, rowIds: string[], targetRowId: string, position: 'move_above' | 'move_below'): OpResult {
	const table = base.table(tableRef);
	base.row(table, targetRowId);
	const moved = rowIds.map((id) => clone(base.row(table, id)));
	const uppers = moved.map((row) => table.rows[table.rows.findIndex((r) => r._id === row._id) - 1]?._id ?? null);
	const op = base.editor.one(author, 'move_rows', (s) =>
		s.moveRows(tableIndex(base, table), rowIds.map(() => targetRowId), position, moved, uppers),
	);
	return { op };
}

// ---- links ----

function linkContext(base: BaseState, tableRef: string, linkColumn: string) {
	const table = base.table(tableRef);
	const info = linkInfo(base, table, base.column(table, linkColumn));
	return { table, other: base.table(info.other_table_id), info };
}

/** add_link / remove_link: dtable-store names the tables table1/table2 with the smaller table id first. */
export function changeLink(
	{ base, author }: Change,
	kind: 'add_link' | 'remove_link',
	tableRef: string,
	linkColumn: string,
	rowId: string,
	otherRowId: string,
): OpResult {
	const { table, other, info } = linkContext(base, tableRef, linkColumn);
	base.row(table, rowId);
	base.row(other, otherRowId);
	const op = base.editor.one(author, kind, (s) =>
		(kind === 'add_link' ? s.addLink : s.removeLink).call(s, info.link_id, table._id, other._id, info.is_linked_back, rowId, otherRowId),
	);
	return { op };
}

/** update_rows_links: replaces the linked rows of each row in `map`. */
export function updateRowsLinks({ base, author }: Change, tableRef: string, linkColumn: string, map: Record<string, string[]>): OpResult {
	const { table, other, info } = linkContext(base, tableRef, linkColumn);
	for (const [rowId, others] of Object.entries(map)) {
		base.row(table, rowId);
		for (const o of others) base.row(other, o);
	}
	const oldMap: Record<string, string[]> = {};
	for (const rowId of Object.keys(map)) oldMap[rowId] = base.linkedRowIds(table._id, linkColumn, rowId);
	const op = base.editor.one(author, 'update_rows_links', (s) =>
		s.updateRowsLinks(info.link_id, table._id, other._id, info.is_linked_back, Object.keys(map), clone(map), oldMap),
	);
	return { op };
}

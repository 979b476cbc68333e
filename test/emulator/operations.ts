// Each change: validate, apply to the base state, and build the op payload SeaTable would broadcast (protocol doc §4).
// Validation happens before any mutation so a thrown error leaves the state untouched.
import {
	BaseState,
	ColumnState,
	linkInfo,
	makeColumn,
	makeTable,
	makeView,
	RowState,
	systemFields,
	TableState,
	ViewState,
} from './baseState';
import { toStoredValues } from './cellValues';
import { newOptionId, newRowId, newShortKey, seaTableTime } from './ids';

export type Op = Record<string, unknown>;

export interface OpResult {
	op: Op;
}
export type WithRow = OpResult & { row: RowState };
export type WithRows = OpResult & { rows: RowState[] };
export type WithColumn = OpResult & { column: ColumnState };
export type WithTable = OpResult & { table: TableState };
export type WithView = OpResult & { view: ViewState };

export interface ColumnInput {
	key?: string;
	name: string;
	type: string;
	data?: Record<string, unknown> | null;
}

const clone = <T>(value: T): T => structuredClone(value);

function newRow(base: BaseState, table: TableState, values: Record<string, unknown>, author: string, taken: Set<string>): RowState {
	const stored = toStoredValues(base, table, values);
	const id = typeof stored._id === 'string' ? stored._id : newRowId();
	if (taken.has(id)) throw new Error(`Row id "${id}" already exists in table "${table.name}"`);
	taken.add(id);
	return { ...systemFields(id, author), ...stored, _id: id };
}

function anchorIndex(base: BaseState, table: TableState, anchorRowId: string | undefined): number {
	if (anchorRowId === undefined) return table.rows.length - 1;
	return table.rows.indexOf(base.row(table, anchorRowId));
}

// ---- rows ----

/** insert_row: `row_id` is the ANCHOR row (default: the last row), the new row's id is `row_data._id`. */
export function insertRow(base: BaseState, tableRef: string, values: Record<string, unknown>, author: string, anchorRowId?: string): WithRow {
	const { table, anchors, rows } = insertBelow(base, tableRef, [values], author, anchorRowId);
	const op: Op = {
		op_type: 'insert_row',
		table_id: table._id,
		row_id: anchors[0],
		row_insert_position: 'insert_below',
		row_data: clone(rows[0]),
		links_data: {},
		key_auto_number_config: {},
	};
	return { op, row: clone(rows[0]) };
}

/** insert_rows: `row_ids[i]` is the anchor of `row_datas[i]`; each new row is anchored below the previous one. */
export function insertRows(
	base: BaseState,
	tableRef: string,
	valuesList: Record<string, unknown>[],
	author: string,
	anchorRowId?: string,
): WithRows {
	const { table, anchors, rows } = insertBelow(base, tableRef, valuesList, author, anchorRowId);
	const op: Op = {
		op_type: 'insert_rows',
		table_id: table._id,
		row_ids: anchors,
		row_insert_position: 'insert_below',
		row_datas: clone(rows),
		links_data: {},
		key_auto_number_config: {},
	};
	return { op, rows: clone(rows) };
}

function insertBelow(
	base: BaseState,
	tableRef: string,
	valuesList: Record<string, unknown>[],
	author: string,
	anchorRowId: string | undefined,
): { table: TableState; anchors: (string | null)[]; rows: RowState[] } {
	const table = base.table(tableRef);
	const index = anchorIndex(base, table, anchorRowId);
	const taken = new Set(table.rows.map((r) => r._id));
	const rows = valuesList.map((values) => newRow(base, table, values, author, taken));
	// An empty table has no anchor row; what SeaTable sends then is not documented, null is our choice.
	const anchors = rows.map((_, i) => (i === 0 ? (table.rows[index]?._id ?? null) : rows[i - 1]._id));
	table.rows.splice(index + 1, 0, ...rows);
	return { table, anchors, rows };
}

/** append_rows: the REST batch append; no anchors. */
export function appendRows(base: BaseState, tableRef: string, valuesList: Record<string, unknown>[], author: string): WithRows {
	const table = base.table(tableRef);
	const taken = new Set(table.rows.map((r) => r._id));
	const rows = valuesList.map((values) => newRow(base, table, values, author, taken));
	table.rows.push(...rows);
	return { op: { op_type: 'append_rows', table_id: table._id, row_datas: clone(rows), key_auto_number_config: {} }, rows: clone(rows) };
}

interface PreparedModification {
	row: RowState;
	stored: Record<string, unknown>;
}

function prepareModification(base: BaseState, table: TableState, rowId: string, values: Record<string, unknown>): PreparedModification {
	const row = base.row(table, rowId);
	const stored = toStoredValues(base, table, values);
	delete stored._id;
	return { row, stored };
}

function applyModification({ row, stored }: PreparedModification, author: string, time: string): void {
	Object.assign(row, clone(stored), { _last_modifier: author, _mtime: time });
}

/** modify_row: `updated` = changed keys + `_last_modifier`; `old_row` = previous values of the changed keys (unset keys left out). */
export function modifyRow(base: BaseState, tableRef: string, rowId: string, values: Record<string, unknown>, author: string): WithRow {
	const table = base.table(tableRef);
	const prepared = prepareModification(base, table, rowId, values);
	const oldRow: Record<string, unknown> = {};
	for (const key of Object.keys(prepared.stored)) {
		if (prepared.row[key] !== undefined) oldRow[key] = clone(prepared.row[key]);
	}
	const op: Op = {
		op_type: 'modify_row',
		table_id: table._id,
		row_id: rowId,
		updated: { ...clone(prepared.stored), _last_modifier: author },
		old_row: oldRow,
	};
	applyModification(prepared, author, seaTableTime());
	return { op, row: clone(prepared.row) };
}

/** modify_rows: per-row `updated` and `old_rows` maps; unset previous values are null, as in the captured sample. */
export function modifyRows(
	base: BaseState,
	tableRef: string,
	updates: { rowId: string; values: Record<string, unknown> }[],
	author: string,
): WithRows {
	const table = base.table(tableRef);
	const prepared = updates.map((u) => prepareModification(base, table, u.rowId, u.values));
	const updated: Record<string, unknown> = {};
	const oldRows: Record<string, unknown> = {};
	for (const p of prepared) {
		updated[p.row._id] = { ...clone(p.stored), _last_modifier: author };
		const old: Record<string, unknown> = {};
		for (const key of Object.keys(p.stored)) old[key] = p.row[key] === undefined ? null : clone(p.row[key]);
		oldRows[p.row._id] = old;
	}
	const op: Op = { op_type: 'modify_rows', table_id: table._id, row_ids: prepared.map((p) => p.row._id), updated, old_rows: oldRows };
	const time = seaTableTime();
	for (const p of prepared) applyModification(p, author, time);
	return { op, rows: prepared.map((p) => clone(p.row)) };
}

function removeRows(base: BaseState, table: TableState, rowIds: string[]): { deleted: RowState[]; uppers: (string | null)[] } {
	const deleted = rowIds.map((id) => base.row(table, id));
	// The row above each deleted row in the table as it was; null for the first row (our choice, undocumented).
	const uppers = deleted.map((row) => table.rows[table.rows.indexOf(row) - 1]?._id ?? null);
	const ids = new Set(rowIds);
	table.rows.splice(0, table.rows.length, ...table.rows.filter((r) => !ids.has(r._id)));
	base.removeLinksWhere(
		(l) => (l.table1_id === table._id && ids.has(l.table1_row_id)) || (l.table2_id === table._id && ids.has(l.table2_row_id)),
	);
	return { deleted: clone(deleted), uppers };
}

export function deleteRow(base: BaseState, tableRef: string, rowId: string): WithRow {
	const table = base.table(tableRef);
	const { deleted, uppers } = removeRows(base, table, [rowId]);
	const op: Op = {
		op_type: 'delete_row',
		table_id: table._id,
		row_id: rowId,
		deleted_row: deleted[0],
		upper_row_id: uppers[0],
		deleted_links_data: {},
	};
	return { op, row: clone(deleted[0]) };
}

export function deleteRows(base: BaseState, tableRef: string, rowIds: string[]): WithRows {
	const table = base.table(tableRef);
	const { deleted, uppers } = removeRows(base, table, rowIds);
	const op: Op = {
		op_type: 'delete_rows',
		table_id: table._id,
		row_ids: [...rowIds],
		deleted_rows: deleted,
		upper_row_ids: uppers,
		deleted_links_data: {},
	};
	return { op, rows: clone(deleted) };
}

// ---- links ----

function linkContext(base: BaseState, tableRef: string, linkColumn: string) {
	const table = base.table(tableRef);
	const info = linkInfo(base.column(table, linkColumn));
	const other = base.table(info.other_table_id);
	return { table, other, linkId: info.link_id };
}

/** add_link / remove_link with the 2020 fields (table1_id, table2_id, table1_row_id, table2_row_id) plus link_id. */
export function changeLink(
	base: BaseState,
	kind: 'add_link' | 'remove_link',
	tableRef: string,
	linkColumn: string,
	rowId: string,
	otherRowId: string,
): OpResult {
	const { table, other, linkId } = linkContext(base, tableRef, linkColumn);
	base.row(table, rowId);
	base.row(other, otherRowId);
	if (kind === 'add_link') {
		if (!base.hasLink(linkId, table._id, rowId, otherRowId)) {
			base.links.push({ link_id: linkId, table1_id: table._id, table2_id: other._id, table1_row_id: rowId, table2_row_id: otherRowId });
		}
	} else {
		base.removeLinksWhere(
			(l) =>
				l.link_id === linkId &&
				((l.table1_id === table._id && l.table1_row_id === rowId && l.table2_row_id === otherRowId) ||
					(l.table2_id === table._id && l.table2_row_id === rowId && l.table1_row_id === otherRowId)),
		);
	}
	const op: Op = {
		op_type: kind,
		link_id: linkId,
		table1_id: table._id,
		table2_id: other._id,
		table1_row_id: rowId,
		table2_row_id: otherRowId,
	};
	return { op };
}

/** update_rows_links: replaces the linked rows of each row in `map`. */
export function updateRowsLinks(base: BaseState, tableRef: string, linkColumn: string, map: Record<string, string[]>): OpResult {
	const { table, other, linkId } = linkContext(base, tableRef, linkColumn);
	for (const [rowId, others] of Object.entries(map)) {
		base.row(table, rowId);
		for (const o of others) base.row(other, o);
	}
	const oldMap: Record<string, string[]> = {};
	for (const rowId of Object.keys(map)) oldMap[rowId] = base.linkedRowIds(table._id, linkColumn, rowId);
	for (const [rowId, others] of Object.entries(map)) {
		base.removeLinksWhere(
			(l) =>
				l.link_id === linkId &&
				((l.table1_id === table._id && l.table1_row_id === rowId) || (l.table2_id === table._id && l.table2_row_id === rowId)),
		);
		for (const o of others) {
			base.links.push({ link_id: linkId, table1_id: table._id, table2_id: other._id, table1_row_id: rowId, table2_row_id: o });
		}
	}
	const op: Op = {
		op_type: 'update_rows_links',
		link_id: linkId,
		table_id: table._id,
		other_table_id: other._id,
		row_id_list: Object.keys(map),
		other_rows_ids_map: clone(map),
		old_other_rows_ids_map: oldMap,
	};
	return { op };
}

// ---- columns ----

/** Fills option ids/colors and link ids the caller left out. */
function completeColumnData(table: TableState, input: ColumnInput): Record<string, unknown> | null {
	const data = input.data ? clone(input.data) : null;
	if ((input.type === 'single-select' || input.type === 'multiple-select') && data && Array.isArray(data.options)) {
		const taken: string[] = [];
		data.options = (data.options as Record<string, unknown>[]).map((o) => {
			const id = typeof o.id === 'string' ? o.id : newOptionId(taken);
			taken.push(id);
			return { color: '#FBD44A', textColor: '#202428', ...o, id };
		});
	}
	if (input.type === 'link') {
		const linkData = data ?? {};
		if (typeof linkData.other_table_id !== 'string') throw new Error('A link column needs data.other_table_id');
		return { ...linkData, link_id: linkData.link_id ?? newShortKey([]), table_id: linkData.table_id ?? table._id };
	}
	return data;
}

/** insert_column: `column_key` is the ANCHOR column (default: the last one); the new key is `column_data.key`. */
export function insertColumn(base: BaseState, tableRef: string, input: ColumnInput, anchorColumn?: string): WithColumn {
	const table = base.table(tableRef);
	if (table.columns.some((c) => c.name === input.name)) throw new Error(`Column "${input.name}" already exists in table "${table.name}"`);
	const anchor = anchorColumn === undefined ? table.columns[table.columns.length - 1] : base.column(table, anchorColumn);
	const key = input.key ?? newShortKey(table.columns.map((c) => c.key));
	if (table.columns.some((c) => c.key === key)) throw new Error(`Column key "${key}" already exists in table "${table.name}"`);
	const column = makeColumn({ key, name: input.name, type: input.type, data: completeColumnData(table, input) });
	table.columns.splice(table.columns.indexOf(anchor) + 1, 0, column);
	const op: Op = {
		op_type: 'insert_column',
		table_id: table._id,
		column_key: anchor?.key ?? null,
		column_data: clone(column),
		view_id: table.views[0]?._id ?? null,
		rows_datas: [],
	};
	return { op, column: clone(column) };
}

export function renameColumn(base: BaseState, tableRef: string, columnRef: string, newName: string): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	if (table.columns.some((c) => c !== column && c.name === newName)) throw new Error(`Column "${newName}" already exists in table "${table.name}"`);
	const oldName = column.name;
	column.name = newName;
	const op: Op = { op_type: 'rename_column', table_id: table._id, column_key: column.key, new_column_name: newName, old_column_name: oldName };
	return { op, column: clone(column) };
}

export function deleteColumn(base: BaseState, tableRef: string, columnRef: string): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	// SeaTable never lets the primary column be deleted.
	if (column.key === '0000') throw new Error('The primary column "0000" cannot be deleted');
	const index = table.columns.indexOf(column);
	const upper = table.columns[index - 1]?.key ?? null;
	table.columns.splice(index, 1);
	for (const row of table.rows) delete row[column.key];
	if (column.type === 'link') {
		const linkId = linkInfo(column).link_id;
		base.removeLinksWhere((l) => l.link_id === linkId);
	}
	const op: Op = { op_type: 'delete_column', table_id: table._id, column_key: column.key, old_column: clone(column), upper_column_key: upper };
	return { op, column: clone(column) };
}

/** modify_column_type: values are kept as they are (no conversion), listed for every row like the captured sample. */
export function modifyColumnType(base: BaseState, tableRef: string, columnRef: string, newType: string): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	const oldColumn = clone(column);
	column.type = newType;
	const rowsData = table.rows.map((r) => ({ _id: r._id, [column.key]: r[column.key] ?? null }));
	const op: Op = {
		op_type: 'modify_column_type',
		table_id: table._id,
		column_key: column.key,
		new_column: clone(column),
		old_column: oldColumn,
		new_rows_data: rowsData,
		old_rows_data: clone(rowsData),
	};
	return { op, column: clone(column) };
}

// ---- tables ----

/** insert_table: no top-level table_id; the id is `table_data._id`. */
export function insertTable(base: BaseState, name: string, columns?: ColumnInput[]): WithTable {
	if (base.tables.some((t) => t.name === name)) throw new Error(`Table "${name}" already exists`);
	const id = newShortKey(base.tables.map((t) => t._id));
	const inputs = columns?.length ? columns : [{ key: '0000', name: 'Name', type: 'text' }];
	const keys: string[] = [];
	const seeds = inputs.map((c, i) => {
		const key = c.key ?? (i === 0 ? '0000' : newShortKey(keys));
		keys.push(key);
		return { key, name: c.name, type: c.type, data: c.data ?? null };
	});
	const table = makeTable(id, name, seeds);
	for (let i = 0; i < inputs.length; i++) table.columns[i].data = completeColumnData(table, { ...inputs[i], data: seeds[i].data });
	base.tables.push(table);
	const op: Op = {
		op_type: 'insert_table',
		table_data: {
			_id: table._id,
			name: table.name,
			is_header_locked: false,
			header_settings: {},
			summary_configs: {},
			columns: clone(table.columns),
			rows: [],
			view_structure: { folders: [], view_ids: table.views.map((v) => v._id) },
			views: clone(table.views),
			id_row_map: {},
		},
	};
	return { op, table: clone(table) };
}

/** rename_table: `table_name` is the NEW name. */
export function renameTable(base: BaseState, tableRef: string, newName: string): WithTable {
	const table = base.table(tableRef);
	if (base.tables.some((t) => t !== table && t.name === newName)) throw new Error(`Table "${newName}" already exists`);
	table.name = newName;
	return { op: { op_type: 'rename_table', table_id: table._id, table_name: newName }, table: clone(table) };
}

export function deleteTable(base: BaseState, tableRef: string): WithTable {
	const table = base.table(tableRef);
	base.tables.splice(base.tables.indexOf(table), 1);
	base.removeLinksWhere((l) => l.table1_id === table._id || l.table2_id === table._id);
	const op: Op = { op_type: 'delete_table', table_id: table._id, table_name: table.name, deleted_table: clone(table) };
	return { op, table: clone(table) };
}

// ---- views ----

/** insert_view: `view_folder_id` is null for a view outside folders (our choice, undocumented). */
export function insertView(base: BaseState, tableRef: string, name: string): WithView {
	const table = base.table(tableRef);
	const view = makeView(newShortKey(table.views.map((v) => v._id)), name);
	table.views.push(view);
	return { op: { op_type: 'insert_view', table_id: table._id, view_data: clone(view), view_folder_id: null }, view: clone(view) };
}

/** rename_view: `view_name` is the NEW name. */
export function renameView(base: BaseState, tableRef: string, viewId: string, name: string): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	view.name = name;
	return { op: { op_type: 'rename_view', table_id: table._id, view_id: view._id, view_name: name }, view: clone(view) };
}

export function deleteView(base: BaseState, tableRef: string, viewId: string): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	if (table.views.length === 1) throw new Error('The last view of a table cannot be deleted');
	table.views.splice(table.views.indexOf(view), 1);
	const op: Op = { op_type: 'delete_view', table_id: table._id, view_id: view._id, view_folder_id: null, view_name: view.name };
	return { op, view: clone(view) };
}

export function modifyFilters(base: BaseState, tableRef: string, viewId: string, filters: unknown[], conjunction: string): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	view.filters = clone(filters);
	view.filter_conjunction = conjunction;
	const op: Op = { op_type: 'modify_filters', table_id: table._id, view_id: view._id, filters: clone(filters), filter_conjunction: conjunction };
	return { op, view: clone(view) };
}

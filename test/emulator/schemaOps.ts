// Column, table and view changes, made through dtable-store as the web editor makes them (editor.ts).
import type { BaseState, ColumnState, TableState, ViewState } from './baseState';
import type { Op } from './editor';
import { newOptionId } from './ids';

interface Change {
	base: BaseState;
	author: string;
}

export type WithColumn = { op: Op; column: ColumnState };
export type WithTable = { op: Op; table: TableState };
export type WithView = { op: Op; view: ViewState };

export interface ColumnInput {
	name: string;
	type: string;
	/** single/multiple-select: `{options:[{name}]}` (ids and colours filled in); link: `{other_table_id}`. */
	data?: Record<string, unknown> | null;
}

// A JSON copy, not structuredClone: dtable-store's deep-copy only knows arrays of its own realm (jest runs tests in a vm).
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function tableIndex(base: BaseState, table: TableState): number {
	return base.tables.indexOf(table);
}

/** Option ids and colours the caller left out, as the editor's option editor fills them. */
function completeOptions(data: Record<string, unknown> | null | undefined): Record<string, unknown> | null {
	if (!data) return null;
	const copy = clone(data);
	if (Array.isArray(copy.options)) {
		const taken: string[] = [];
		copy.options = (copy.options as Record<string, unknown>[]).map((o) => {
			const id = typeof o.id === 'string' ? o.id : newOptionId(taken);
			taken.push(id);
			return { color: '#FBD44A', textColor: '#202428', ...o, id };
		});
	}
	return copy;
}

function columnByName(base: BaseState, table: TableState, name: string): ColumnState {
	return clone(base.column(table, name));
}

/**
 * insert_column: `column_key` is the ANCHOR column (default: the last one); the new key is `column_data.key`.
 * A link column comes with `linked_column_info`, the reverse column dtable-store adds to the other table.
 */
export function insertColumn({ base, author }: Change, tableRef: string, input: ColumnInput, anchorColumn?: string): WithColumn {
	const table = base.table(tableRef);
	if (table.columns.some((c) => c.name === input.name)) throw new Error(`Column "${input.name}" already exists in table "${table.name}"`);
	const anchor = anchorColumn === undefined ? table.columns.length - 1 : table.columns.indexOf(base.column(table, anchorColumn));
	const index = tableIndex(base, table);
	const view = table.views[0]?._id;
	let op: Op;
	if (input.type === 'link') {
		const otherId = input.data?.other_table_id;
		if (typeof otherId !== 'string') throw new Error('A link column needs data.other_table_id');
		const other = base.table(otherId);
		// The editor's link dialog names both tables; SeaTable stores them in the column data.
		const data = { display_column_key: '0000', table_id: table._id, other_table_id: other._id };
		op = base.editor.one(author, 'insert_column', (s) => s.addLinkColumn(input.name, index, tableIndex(base, other), anchor, data, view));
	} else {
		op = base.editor.one(author, 'insert_column', (s) => s.insertColumn(index, input.name, input.type, anchor, completeOptions(input.data), view));
	}
	return { op, column: columnByName(base, table, input.name) };
}

/** insert_columns: several columns appended at once (e.g. an import). */
export function insertColumns({ base, author }: Change, tableRef: string, inputs: ColumnInput[]): { op: Op; columns: ColumnState[] } {
	const table = base.table(tableRef);
	for (const input of inputs) {
		if (input.type === 'link') throw new Error('insertColumns takes no link columns; use insertColumn');
		if (table.columns.some((c) => c.name === input.name)) throw new Error(`Column "${input.name}" already exists in table "${table.name}"`);
	}
	const columns = inputs.map((c) => ({ name: c.name, type: c.type, data: completeOptions(c.data) }));
	const op = base.editor.one(author, 'insert_columns', (s) => s.insertColumns(tableIndex(base, table), columns, table.views[0]?._id));
	return { op, columns: inputs.map((c) => columnByName(base, table, c.name)) };
}

export function renameColumn({ base, author }: Change, tableRef: string, columnRef: string, newName: string): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	if (table.columns.some((c) => c !== column && c.name === newName)) throw new Error(`Column "${newName}" already exists in table "${table.name}"`);
	const op = base.editor.one(author, 'rename_column', (s) => s.renameColumn(tableIndex(base, table), column.key, newName));
	return { op, column: columnByName(base, table, newName) };
}

/** delete_column; a link column also takes its reverse column in the other table (linked_column_info). */
export function deleteColumn({ base, author }: Change, tableRef: string, columnRef: string): WithColumn {
	const table = base.table(tableRef);
	const column = clone(base.column(table, columnRef));
	// SeaTable never lets the primary column be deleted.
	if (column.key === '0000') throw new Error('The primary column "0000" cannot be deleted');
	const position = table.columns.findIndex((c) => c.key === column.key);
	const upper = table.columns[position - 1]?.key ?? null;
	const index = tableIndex(base, table);
	const op = base.editor.one(author, 'delete_column', (s) =>
		column.type === 'link' ? s.deleteLinkColumn(index, column.key, column, upper) : s.deleteColumn(index, column.key, column, upper),
	);
	// dtable-store only drops the column; the server drops its cells too.
	for (const row of table.rows) delete row[column.key];
	return { op, column };
}

/** modify_column_data: what the editor sends when someone adds, renames or recolours a select option. */
export function setColumnData({ base, author }: Change, tableRef: string, columnRef: string, data: Record<string, unknown>): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	const op = base.editor.one(author, 'modify_column_data', (s) => s.setColumnData(tableIndex(base, table), column.key, completeOptions(data) ?? {}));
	return { op, column: clone(base.column(table, column.key)) };
}

/** An option added to a select column, as the editor's "add option" does (a modify_column_data). */
export function addSelectOption(change: Change, tableRef: string, columnRef: string, name: string): WithColumn {
	const column = change.base.column(change.base.table(tableRef), columnRef);
	const options = Array.isArray(column.data?.options) ? (column.data.options as Record<string, unknown>[]) : [];
	const taken = options.map((o) => String(o.id));
	const option = { name, color: '#46A1FD', textColor: '#FFFFFF', id: newOptionId(taken) };
	return setColumnData(change, tableRef, columnRef, { ...(column.data ?? {}), options: [...options, option] });
}

/** modify_column_type: dtable-store converts the cells (new_rows_data) as the editor does. */
export function modifyColumnType({ base, author }: Change, tableRef: string, columnRef: string, newType: string): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	const op = base.editor.one(author, 'modify_column_type', (s) => s.modifyColumnType(tableIndex(base, table), column.key, { type: newType, name: column.name, data: null }, undefined));
	return { op, column: clone(base.column(table, column.key)) };
}

/** move_column: `position` is move_left / move_right of the target column. */
export function moveColumn({ base, author }: Change, tableRef: string, columnRef: string, targetRef: string, position: 'move_left' | 'move_right'): WithColumn {
	const table = base.table(tableRef);
	const column = base.column(table, columnRef);
	const target = base.column(table, targetRef);
	const upper = table.columns[table.columns.indexOf(column) - 1]?.key ?? null;
	const op = base.editor.one(author, 'move_column', (s) => s.moveColumn(tableIndex(base, table), position, column.key, target.key, upper));
	return { op, column: clone(base.column(table, column.key)) };
}

// ---- tables ----

/** insert_table: no top-level table_id; the id is `table_data._id`. Columns as the editor's import builds them. */
export function insertTable({ base, author }: Change, name: string, columns?: ColumnInput[]): WithTable {
	if (base.tables.some((t) => t.name === name)) throw new Error(`Table "${name}" already exists`);
	const inputs = (columns?.length ? columns : [{ name: 'Name', type: 'text' }]).map((c) => ({ ...c, data: completeOptions(c.data) }));
	const op = base.editor.one(author, 'insert_table', (s) => s.importDataIntoNewTable(name, inputs, []));
	return { op, table: clone(base.table((op.table_data as { _id: string })._id)) };
}

/** rename_table: `table_name` is the NEW name. */
export function renameTable({ base, author }: Change, tableRef: string, newName: string): WithTable {
	const table = base.table(tableRef);
	if (base.tables.some((t) => t !== table && t.name === newName)) throw new Error(`Table "${newName}" already exists`);
	const op = base.editor.one(author, 'rename_table', (s) => s.renameTable(tableIndex(base, table), newName));
	return { op, table: clone(table) };
}

export function deleteTable({ base, author }: Change, tableRef: string): WithTable {
	const table = clone(base.table(tableRef));
	const op = base.editor.one(author, 'delete_table', (s) => s.deleteTable(base.tables.findIndex((t) => t._id === table._id)));
	return { op, table };
}

/** duplicate_table: the copy's name and columns are in `table_data`; linked tables gain a column (new_linked_table_columns). */
export function duplicateTable({ base, author }: Change, tableRef: string, withRecords: boolean): WithTable {
	const table = base.table(tableRef);
	const op = base.editor.one(author, 'duplicate_table', (s) => s.duplicateTable(table._id, withRecords));
	return { op, table: clone(base.table((op.table_data as { _id: string })._id)) };
}

// ---- views ----

/** insert_view: `view_folder_id` null = outside folders. */
export function insertView({ base, author }: Change, tableRef: string, name: string): WithView {
	const table = base.table(tableRef);
	const op = base.editor.one(author, 'insert_view', (s) => s.insertView(tableIndex(base, table), { name, type: 'table' }, null));
	return { op, view: clone(base.view(table, (op.view_data as { _id: string })._id)) };
}

/** rename_view: `view_name` is the NEW name. */
export function renameView({ base, author }: Change, tableRef: string, viewId: string, name: string): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	const op = base.editor.one(author, 'rename_view', (s) => s.renameView(tableIndex(base, table), view._id, name));
	return { op, view: clone(base.view(table, view._id)) };
}

export function deleteView({ base, author }: Change, tableRef: string, viewId: string): WithView {
	const table = base.table(tableRef);
	const view = clone(base.view(table, viewId));
	if (table.views.length === 1) throw new Error('The last view of a table cannot be deleted');
	const op = base.editor.one(author, 'delete_view', (s) => s.deleteView(tableIndex(base, table), view._id, null));
	return { op, view };
}

export function moveView({ base, author }: Change, tableRef: string, viewId: string, targetViewId: string, position: 'move_above' | 'move_below'): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	const target = base.view(table, targetViewId);
	const op = base.editor.one(author, 'move_view', (s) => s.moveView(tableIndex(base, table), view._id, target._id, null, null, position));
	return { op, view: clone(base.view(table, view._id)) };
}

export function modifyFilters({ base, author }: Change, tableRef: string, viewId: string, filters: unknown[], conjunction: string): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	const op = base.editor.one(author, 'modify_filters', (s) => s.updateFilters(tableIndex(base, table), clone(filters), conjunction), view._id);
	return { op, view: clone(base.view(table, view._id)) };
}

export function modifySorts({ base, author }: Change, tableRef: string, viewId: string, sorts: unknown[]): WithView {
	const table = base.table(tableRef);
	const view = base.view(table, viewId);
	const op = base.editor.one(author, 'modify_sorts', (s) => s.updateSorts(tableIndex(base, table), clone(sorts)), view._id);
	return { op, view: clone(base.view(table, view._id)) };
}

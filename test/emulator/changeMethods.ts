// The emulator's data-change methods, one per editor action; each is made through dtable-store (operations.ts).
import { EventEmitter } from 'node:events';
import type { ColumnState, RowState, TableState, ViewState } from './baseState';
import * as ops from './operations';
import type { ChangeOptions } from './types';

export interface ChangeResult {
	version: number;
	op: Record<string, unknown>;
}

export abstract class ChangeMethods extends EventEmitter {
	/** Makes one change in the base of `opts.uuid`, records it and broadcasts it. */
	protected abstract change<R extends ops.OpResult>(opts: ChangeOptions, build: (change: ops.Change) => R): ChangeResult & Omit<R, 'op'>;

	insertRow(table: string, values: Record<string, unknown>, opts: ChangeOptions & { anchorRowId?: string } = {}): ChangeResult & { row: RowState } {
		return this.change(opts, (c) => ops.insertRow(c, table, values, opts.anchorRowId));
	}

	insertRows(table: string, valuesList: Record<string, unknown>[], opts: ChangeOptions & { anchorRowId?: string } = {}): ChangeResult & { rows: RowState[] } {
		return this.change(opts, (c) => ops.insertRows(c, table, valuesList, opts.anchorRowId));
	}

	appendRows(table: string, valuesList: Record<string, unknown>[], opts: ChangeOptions = {}): ChangeResult & { rows: RowState[] } {
		return this.change(opts, (c) => ops.appendRows(c, table, valuesList));
	}

	modifyRow(table: string, rowId: string, values: Record<string, unknown>, opts: ChangeOptions = {}): ChangeResult & { row: RowState } {
		return this.change(opts, (c) => ops.modifyRow(c, table, rowId, values));
	}

	modifyRows(
		table: string,
		updates: { rowId: string; values: Record<string, unknown> }[],
		opts: ChangeOptions = {},
	): ChangeResult & { rows: RowState[] } {
		return this.change(opts, (c) => ops.modifyRows(c, table, updates));
	}

	deleteRow(table: string, rowId: string, opts: ChangeOptions = {}): ChangeResult & { row: RowState } {
		return this.change(opts, (c) => ops.deleteRow(c, table, rowId));
	}

	deleteRows(table: string, rowIds: string[], opts: ChangeOptions = {}): ChangeResult & { rows: RowState[] } {
		return this.change(opts, (c) => ops.deleteRows(c, table, rowIds));
	}

	addLink(table: string, linkColumn: string, rowId: string, otherRowId: string, opts: ChangeOptions = {}): ChangeResult {
		return this.change(opts, (c) => ops.changeLink(c, 'add_link', table, linkColumn, rowId, otherRowId));
	}

	removeLink(table: string, linkColumn: string, rowId: string, otherRowId: string, opts: ChangeOptions = {}): ChangeResult {
		return this.change(opts, (c) => ops.changeLink(c, 'remove_link', table, linkColumn, rowId, otherRowId));
	}

	updateRowsLinks(table: string, linkColumn: string, map: Record<string, string[]>, opts: ChangeOptions = {}): ChangeResult {
		return this.change(opts, (c) => ops.updateRowsLinks(c, table, linkColumn, map));
	}

	insertColumn(
		table: string,
		column: ops.ColumnInput,
		opts: ChangeOptions & { anchorColumn?: string } = {},
	): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.insertColumn(c, table, column, opts.anchorColumn));
	}

	renameColumn(table: string, column: string, newName: string, opts: ChangeOptions = {}): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.renameColumn(c, table, column, newName));
	}

	deleteColumn(table: string, column: string, opts: ChangeOptions = {}): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.deleteColumn(c, table, column));
	}

	modifyColumnType(table: string, column: string, newType: string, opts: ChangeOptions = {}): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.modifyColumnType(c, table, column, newType));
	}

	insertTable(name: string, columns?: ops.ColumnInput[], opts: ChangeOptions = {}): ChangeResult & { table: TableState } {
		return this.change(opts, (c) => ops.insertTable(c, name, columns));
	}

	renameTable(table: string, newName: string, opts: ChangeOptions = {}): ChangeResult & { table: TableState } {
		return this.change(opts, (c) => ops.renameTable(c, table, newName));
	}

	deleteTable(table: string, opts: ChangeOptions = {}): ChangeResult & { table: TableState } {
		return this.change(opts, (c) => ops.deleteTable(c, table));
	}

	insertView(table: string, name: string, opts: ChangeOptions = {}): ChangeResult & { view: ViewState } {
		return this.change(opts, (c) => ops.insertView(c, table, name));
	}

	renameView(table: string, viewId: string, name: string, opts: ChangeOptions = {}): ChangeResult & { view: ViewState } {
		return this.change(opts, (c) => ops.renameView(c, table, viewId, name));
	}

	deleteView(table: string, viewId: string, opts: ChangeOptions = {}): ChangeResult & { view: ViewState } {
		return this.change(opts, (c) => ops.deleteView(c, table, viewId));
	}

	modifyFilters(
		table: string,
		viewId: string,
		filters: unknown[],
		opts: ChangeOptions & { conjunction?: string } = {},
	): ChangeResult & { view: ViewState } {
		return this.change(opts, (c) => ops.modifyFilters(c, table, viewId, filters, opts.conjunction ?? 'And'));
	}

	moveRows(table: string, rowIds: string[], targetRowId: string, opts: ChangeOptions & { position?: 'move_above' | 'move_below' } = {}): ChangeResult {
		return this.change(opts, (c) => ops.moveRows(c, table, rowIds, targetRowId, opts.position ?? 'move_below'));
	}

	insertColumns(table: string, columns: ops.ColumnInput[], opts: ChangeOptions = {}): ChangeResult & { columns: ColumnState[] } {
		return this.change(opts, (c) => ops.insertColumns(c, table, columns));
	}

	/** modify_column_data with new column data (e.g. edited select options). */
	setColumnData(table: string, column: string, data: Record<string, unknown>, opts: ChangeOptions = {}): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.setColumnData(c, table, column, data));
	}

	addSelectOption(table: string, column: string, name: string, opts: ChangeOptions = {}): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.addSelectOption(c, table, column, name));
	}

	moveColumn(table: string, column: string, target: string, opts: ChangeOptions & { position?: 'move_left' | 'move_right' } = {}): ChangeResult & { column: ColumnState } {
		return this.change(opts, (c) => ops.moveColumn(c, table, column, target, opts.position ?? 'move_right'));
	}

	duplicateTable(table: string, opts: ChangeOptions & { withRecords?: boolean } = {}): ChangeResult & { table: TableState } {
		return this.change(opts, (c) => ops.duplicateTable(c, table, opts.withRecords ?? true));
	}

	moveView(table: string, viewId: string, targetViewId: string, opts: ChangeOptions & { position?: 'move_above' | 'move_below' } = {}): ChangeResult & { view: ViewState } {
		return this.change(opts, (c) => ops.moveView(c, table, viewId, targetViewId, opts.position ?? 'move_below'));
	}

	modifySorts(table: string, viewId: string, sorts: unknown[], opts: ChangeOptions = {}): ChangeResult & { view: ViewState } {
		return this.change(opts, (c) => ops.modifySorts(c, table, viewId, sorts));
	}
}

// The SeaTable web editor's own store (dtable-store) making each change: it builds the operation the
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-jest compiles with the root tsconfig, which has no test/types
/// <reference path="../types/dtable-store.d.ts" />
// editor would send and applies it to the base's value, so state and broadcast follow SeaTable's semantics.
import { DTableStore, type DTableValue } from 'dtable-store';
import type { BaseState, ColumnState, RowState } from './baseState';

export type Op = Record<string, unknown>;

type LinkData = { link_id: string; link_table_id: string; linked_table_id: string; is_linked_back?: boolean; linked_rows_ids: string[] };

/** The DTableStore methods the emulator calls; table arguments are table indexes. */
export interface EditorActions {
	insertRowWithLinksData(table: number, anchorRowId: string | null, position: string, rowData: Op, linksData: LinkData[]): RowState | undefined;
	insertRows(table: number, anchorRowIds: (string | null)[], position: string, rowDatas: Op[], linkColumns: ColumnState[]): RowState[] | undefined;
	appendRows(table: number, rowDatas: Op[]): unknown;
	modifyRow(table: number, rowId: string, updated: Op, oldRow: Op): unknown;
	modifyRows(table: number, rowIds: string[], updated: Record<string, Op>, oldRows: Record<string, Op>): unknown;
	deleteRowById(tableId: string, rowId: string): unknown;
	deleteRows(table: number, rowIds: string[], deletedRows: RowState[], upperRowIds: (string | null)[]): unknown;
	moveRows(table: number, targetIds: string[], position: string, movedRows: RowState[], upperRowIds: (string | null)[]): unknown;
	addLink(linkId: string, tableId: string, otherTableId: string, isLinkedBack: boolean | undefined, rowId: string, otherRowId: string): unknown;
	removeLink(linkId: string, tableId: string, otherTableId: string, isLinkedBack: boolean | undefined, rowId: string, otherRowId: string): unknown;
	updateRowsLinks(
		linkId: string,
		tableId: string,
		otherTableId: string,
		isLinkedBack: boolean | undefined,
		rowIds: string[],
		map: Record<string, string[]>,
		oldMap: Record<string, string[]>,
	): unknown;
	insertColumn(table: number, name: string, type: string, anchorIndex: number, data: Op | null | undefined, viewId: string | undefined): unknown;
	addLinkColumn(name: string, table: number, otherTable: number, anchorIndex: number, data: Op, viewId: string | undefined): unknown;
	insertColumns(table: number, columns: { name: string; type: string; data?: Op | null }[], viewId: string | undefined): unknown;
	renameColumn(table: number, key: string, name: string): unknown;
	deleteColumn(table: number, key: string, oldColumn: ColumnState, upperKey: string | null, linkedColumnInfo?: Op): unknown;
	deleteLinkColumn(table: number, key: string, oldColumn: ColumnState, upperKey: string | null): unknown;
	setColumnData(table: number, key: string, data: Op): unknown;
	modifyColumnType(table: number, key: string, newColumn: { type: string; name: string; data: Op | null }, options: undefined): unknown;
	moveColumn(table: number, position: string, movedKey: string, targetKey: string, upperKey: string | null): unknown;
	resizeColumn(table: number, key: string, width: number): unknown;
	importDataIntoNewTable(name: string, columns: { name: string; type: string; data?: Op | null }[], rows: Op[]): unknown;
	renameTable(table: number, name: string): unknown;
	deleteTable(table: number): unknown;
	duplicateTable(tableId: string, withRecords: boolean): unknown;
	moveTable(targetTableId: string, position: string, movedTableId: string, movedTableName: string): unknown;
	insertView(table: number, view: Op, folderId: string | null): Op;
	renameView(table: number, viewId: string, name: string): unknown;
	deleteView(table: number, viewId: string, folderId: string | null): unknown;
	moveView(table: number, viewId: string, targetViewId: string, sourceFolder: string | null, targetFolder: string | null, position: string): unknown;
	updateFilters(table: number, filters: unknown[], conjunction: string): unknown;
	updateSorts(table: number, sorts: unknown[]): unknown;
}

export class Editor {
	private readonly store: DTableStore;

	constructor(base: BaseState) {
		// No server settings: nothing is sent anywhere; we take the built operations ourselves.
		this.store = new DTableStore({ lang: 'en' });
		this.store.deserializeDTable(base.value as unknown as DTableValue);
	}

	/**
	 * One editor action by `username` (on view `viewId`, for view operations). Returns the operations
	 * dtable-store built, serialized as the editor sends them (`JSON.stringify(operation)`).
	 */
	run(username: string, action: (store: EditorActions) => unknown, viewId = ''): Op[] {
		this.store.dtableSettings.username = username;
		this.store.view_id = viewId;
		action(this.store as unknown as EditorActions);
		const built = this.store.pendingOperations.splice(0);
		// The editor keeps sent operations for undo; a server does not need them.
		this.store.operations.length = 0;
		this.store.undos.length = 0;
		return built.map((op) => JSON.parse(JSON.stringify(op)) as Op);
	}

	/** Exactly one operation, or an error saying dtable-store refused the change. */
	one(username: string, what: string, action: (store: EditorActions) => unknown, viewId = ''): Op {
		const ops = this.run(username, action, viewId);
		if (ops.length !== 1) throw new Error(`dtable-store built ${ops.length} operations for ${what} (expected 1)`);
		return ops[0];
	}
}

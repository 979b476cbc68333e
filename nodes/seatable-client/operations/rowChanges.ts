// Splits row operations (single and batch forms) into one change per affected row.
import { asRecord, asString, isRecord, recordField, toStringArray } from './fields';
import { opTypeOf, tableIdOf } from './classify';
import { isSystemRowKey } from './systemKeys';
import type { JsonObject, RawOperation } from './types';

export type RowChangeKind = 'rowCreated' | 'rowUpdated' | 'rowDeleted';

export type RowChange = {
	kind: RowChangeKind;
	table_id: string | null;
	row_id: string;
	/** New row (inserts), changed values (updates) or deleted row (deletes), keyed by column key. */
	row: JsonObject;
	/** Previous values of the changed keys (updates only, when the operation carries them). */
	old_row?: JsonObject;
	/** Position of the row within the operation (0 for single-row operations). */
	index: number;
	/** A delete whose row content SeaTable left out (more than 2,000 rows: `deleted_rows: []`); `row` is `{_id}`. */
	content_omitted?: true;
};

/**
 * Reads every row change an operation carries. Never throws: a malformed operation yields the
 * changes that can be identified (possibly none). Non-row operations yield [].
 */
export function splitRowChanges(op: RawOperation): RowChange[] {
	if (!isRecord(op)) return [];
	const tableId = tableIdOf(op) ?? null;
	switch (opTypeOf(op)) {
		case 'insert_row':
			return insertedRow(op, tableId);
		case 'insert_rows':
		case 'append_rows':
			return insertedRows(op, tableId);
		case 'modify_row':
			return modifiedRow(op, tableId);
		case 'modify_rows':
		case 'move_group_rows':
			return modifiedRows(op, tableId);
		case 'delete_row':
			return deletedRow(op, tableId);
		case 'delete_rows':
			return deletedRows(op, tableId);
		default:
			return [];
	}
}

// The top-level row_id of insert_row is the ANCHOR row the new row was placed next to;
// the new row's own id is row_data._id.
function insertedRow(op: JsonObject, tableId: string | null): RowChange[] {
	const row = asRecord(op.row_data);
	const rowId = row === undefined ? undefined : asString(row._id);
	if (row === undefined || rowId === undefined) return [];
	return [{ kind: 'rowCreated', table_id: tableId, row_id: rowId, row, index: 0 }];
}

// insert_rows' row_ids are anchors too, so ids come from each row_datas[i]._id.
function insertedRows(op: JsonObject, tableId: string | null): RowChange[] {
	const rows = op.row_datas;
	if (!Array.isArray(rows)) return [];
	const changes: RowChange[] = [];
	for (let index = 0; index < rows.length; index++) {
		const row: unknown = rows[index];
		if (!isRecord(row)) continue;
		const rowId = asString(row._id);
		if (rowId !== undefined) changes.push({ kind: 'rowCreated', table_id: tableId, row_id: rowId, row, index });
	}
	return changes;
}

function modifiedRow(op: JsonObject, tableId: string | null): RowChange[] {
	const rowId = asString(op.row_id);
	if (rowId === undefined) return [];
	const change: RowChange = {
		kind: 'rowUpdated',
		table_id: tableId,
		row_id: rowId,
		row: asRecord(op.updated) ?? {},
		index: 0,
	};
	const oldRow = asRecord(op.old_row);
	if (oldRow !== undefined) change.old_row = oldRow;
	return [change];
}

function modifiedRows(op: JsonObject, tableId: string | null): RowChange[] {
	const updated = asRecord(op.updated);
	const oldRows = asRecord(op.old_rows);
	const rowIds = toStringArray(op.row_ids) ?? (updated === undefined ? [] : Object.keys(updated));
	const changes: RowChange[] = [];
	for (let index = 0; index < rowIds.length; index++) {
		const rowId = rowIds[index];
		const change: RowChange = {
			kind: 'rowUpdated',
			table_id: tableId,
			row_id: rowId,
			row: (updated && recordField(updated, rowId)) ?? {},
			index,
		};
		const oldRow = oldRows && recordField(oldRows, rowId);
		if (oldRow !== undefined) change.old_row = oldRow;
		changes.push(change);
	}
	return changes;
}

function deletedRow(op: JsonObject, tableId: string | null): RowChange[] {
	const deleted = asRecord(op.deleted_row);
	const rowId = asString(op.row_id) ?? (deleted && asString(deleted._id));
	if (rowId === undefined) return [];
	return [{ kind: 'rowDeleted', table_id: tableId, row_id: rowId, row: deleted ?? { _id: rowId }, index: 0 }];
}

function deletedRows(op: JsonObject, tableId: string | null): RowChange[] {
	const deletedById = new Map<string, JsonObject>();
	const deletedRows = op.deleted_rows;
	if (Array.isArray(deletedRows)) {
		for (const row of deletedRows as unknown[]) {
			if (!isRecord(row)) continue;
			const rowId = asString(row._id);
			if (rowId !== undefined) deletedById.set(rowId, row);
		}
	}
	const rowIds = toStringArray(op.row_ids) ?? Array.from(deletedById.keys());
	const changes: RowChange[] = [];
	for (let index = 0; index < rowIds.length; index++) {
		const rowId = rowIds[index];
		const row = deletedById.get(rowId);
		// dtable-store sends deleted_rows: [] above RECORD_DELETED_ROWS_LIMIT (2,000) rows.
		if (row !== undefined) changes.push({ kind: 'rowDeleted', table_id: tableId, row_id: rowId, row, index });
		else changes.push({ kind: 'rowDeleted', table_id: tableId, row_id: rowId, row: { _id: rowId }, index, content_omitted: true });
	}
	return changes;
}

/** Keys of the user columns an update changed (system keys such as `_last_modifier`/`_mtime` left out). */
export function changedColumnKeys(change: RowChange): string[] {
	const keys: string[] = [];
	for (const key in change.row) {
		if (!isSystemRowKey(key)) keys.push(key);
	}
	return keys;
}

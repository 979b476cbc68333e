import { describe, expect, it } from '@jest/globals';
import { changedColumnKeys, splitRowChanges } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

describe('splitRowChanges', () => {
	it('insert_row: the new row id is row_data._id, not the anchor row_id', () => {
		const [change, ...rest] = splitRowChanges(fx.insertRow);
		expect(rest).toHaveLength(0);
		expect(change.kind).toBe('rowCreated');
		expect(change.row_id).toBe('FPFMs5blRR-SpLV1sk676g');
		expect(change.row_id).not.toBe(fx.insertRow.row_id);
		expect(change.row).toBe(fx.insertRow.row_data);
		expect(change.table_id).toBe('wMtQ');
		expect(change.index).toBe(0);
	});

	it('insert_row (dev-docs sample) reads the same way', () => {
		expect(splitRowChanges(fx.insertRowDocs).map((change) => change.row_id)).toEqual(['RngJuRa0SMGXyiA-SHDiAw']);
	});

	it('insert_rows: ids come from each row_datas[i]._id, never from the anchor row_ids', () => {
		const changes = splitRowChanges(fx.insertRows);
		expect(changes.map((change) => change.row_id)).toEqual(['NLEm269CSaO3gy7Cm2ZrvQ', 'I0n3PtjORke3ubWq5B54GQ']);
		expect(changes.map((change) => change.index)).toEqual([0, 1]);
		expect(changes[1].row).toBe(fx.insertRows.row_datas[1]);
		expect(changes.every((change) => change.kind === 'rowCreated')).toBe(true);
	});

	it('append_rows: one created row per row_datas entry', () => {
		const changes = splitRowChanges(fx.appendRows);
		expect(changes).toHaveLength(1);
		expect(changes[0]).toMatchObject({ kind: 'rowCreated', row_id: 'F7ze485HTAKfrZmCZYqb1g', table_id: 'wMtQ' });
	});

	it('modify_row: updated values and old_row', () => {
		const [change] = splitRowChanges(fx.modifyRowWithOptions);
		expect(change.kind).toBe('rowUpdated');
		expect(change.row_id).toBe('FPFMs5blRR-SpLV1sk676g');
		expect(change.row).toBe(fx.modifyRowWithOptions.updated);
		expect(change.old_row).toBe(fx.modifyRowWithOptions.old_row);
	});

	it('modify_rows: pairs row_ids with updated[row_id] and old_rows[row_id]', () => {
		const changes = splitRowChanges(fx.modifyRows);
		expect(changes.map((change) => change.row_id)).toEqual(fx.modifyRows.row_ids);
		expect(changes[1].row).toBe(fx.modifyRows.updated['a4MUb9F2Sb6erVSK-WWCkA']);
		expect(changes[1].old_row).toEqual({ HkRD: null });
		expect(changes[1].index).toBe(1);
	});

	it('modify_rows without row_ids falls back to the keys of updated', () => {
		const { row_ids: _ignored, ...withoutIds } = fx.modifyRows;
		expect(splitRowChanges(withoutIds).map((change) => change.row_id)).toEqual(fx.modifyRows.row_ids);
	});

	it('delete_row: the deleted row, or {_id} when deleted_row is missing', () => {
		expect(splitRowChanges(fx.deleteRow)[0]).toMatchObject({ kind: 'rowDeleted', row_id: 'bH1cdZboS7WOg_qpjUkOXw', row: fx.deleteRow.deleted_row });
		const { deleted_row: _ignored, ...bare } = fx.deleteRow;
		expect(splitRowChanges(bare)[0].row).toEqual({ _id: 'bH1cdZboS7WOg_qpjUkOXw' });
	});

	it('delete_rows: deleted rows matched by _id, falling back to row_ids', () => {
		const op = { ...fx.deleteRows, deleted_rows: [fx.deleteRows.deleted_rows[1]] };
		const changes = splitRowChanges(op);
		expect(changes.map((change) => change.row_id)).toEqual(['NwkAMFWgTzO6A8ugLyMzMQ', 'JmsWPdqgT4irjvxAyKBxlA']);
		expect(changes[0].row).toEqual({ _id: 'NwkAMFWgTzO6A8ugLyMzMQ' });
		expect(changes[1].row).toBe(fx.deleteRows.deleted_rows[1]);
	});

	it('delete_rows without row_ids uses the deleted rows', () => {
		const { row_ids: _ignored, ...withoutIds } = fx.deleteRows;
		expect(splitRowChanges(withoutIds).map((change) => change.row_id)).toEqual(['NwkAMFWgTzO6A8ugLyMzMQ', 'JmsWPdqgT4irjvxAyKBxlA']);
	});

	it('yields nothing for non-row operations', () => {
		expect(splitRowChanges(fx.renameColumn)).toEqual([]);
		expect(splitRowChanges(fx.updateRowsLinks)).toEqual([]);
	});

	it.each([
		['insert_row without row_data', { op_type: 'insert_row', table_id: 'wMtQ', row_id: 'anchor' }, []],
		['insert_rows with junk entries', { op_type: 'insert_rows', row_datas: [null, 5, { no: 'id' }, { _id: 'ok' }] }, ['ok']],
		['insert_rows with row_datas not an array', { op_type: 'insert_rows', row_datas: 'x' }, []],
		['modify_row without row_id', { op_type: 'modify_row', updated: { HkRD: 'a' } }, []],
		['modify_row with updated not an object', { op_type: 'modify_row', row_id: 'r1', updated: 'x' }, ['r1']],
		['modify_rows with everything missing', { op_type: 'modify_rows' }, []],
		['modify_rows with mixed row_ids', { op_type: 'modify_rows', row_ids: ['r1', 7, null], updated: null }, ['r1']],
		['delete_rows with deleted_rows not an array', { op_type: 'delete_rows', deleted_rows: {} }, []],
	])('never throws on a malformed op: %s', (_name, op, ids) => {
		expect(splitRowChanges(op as never).map((change) => change.row_id)).toEqual(ids);
	});

	it('never throws on a non-object', () => {
		expect(splitRowChanges(null as never)).toEqual([]);
		expect(splitRowChanges('insert_row' as never)).toEqual([]);
	});
});

describe('changedColumnKeys', () => {
	it('leaves out system keys such as _last_modifier and _mtime', () => {
		expect(changedColumnKeys(splitRowChanges(fx.modifyRowWithOptions)[0])).toEqual(['589r', 'tG5s']);
	});
});

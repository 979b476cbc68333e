// Operations to items: rows created, updated and deleted, and who changed them.
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_ENRICH_OPTIONS } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';
import { BASE_ID, items, only } from './toItemsKit';

describe('defaults', () => {
	it('resolve names, split rows, no raw operation, no filters', () => {
		expect(DEFAULT_ENRICH_OPTIONS).toEqual({ resolveNames: true, splitRows: true, includeRaw: false, watchColumns: [], operations: [], tables: [] });
	});
});

describe('row created', () => {
	it('insert_row: readable item with column names, option names and the creator', () => {
		expect(only(items(fx.insertRowWithValues))).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'insert_row',
			table_id: 'wMtQ',
			table_name: 'Contacts',
			row_id: 'FPFMs5blRR-SpLV1sk676g',
			row: {
				_id: 'FPFMs5blRR-SpLV1sk676g',
				_participants: [],
				_creator: fx.USER,
				_ctime: '2023-08-20T04:59:21.673+00:00',
				_last_modifier: fx.USER,
				_mtime: '2023-08-20T04:59:21.673+00:00',
				Email: 'w.cho@cj.net',
				Name: 'Woojin',
				Prio: '+',
				Tags: ['Red', 'Blue'],
				Owner: [fx.OTHER_USER],
			},
			modifier: fx.USER,
			received_at: fx.RECEIVED_AT,
		});
	});

	it('insert_row: row_id is the new row (row_data._id), not the anchor row_id', () => {
		const item = only(items(fx.insertRow));
		expect(item.row_id).toBe(fx.insertRow.row_data._id);
		expect(item.row_id).not.toBe(fx.insertRow.row_id);
		expect(only(items(fx.insertRowDocs)).row_id).toBe('RngJuRa0SMGXyiA-SHDiAw');
	});

	it('insert_rows: one item per new row with stable 3-part event ids', () => {
		const first = items(fx.insertRows);
		const second = items(fx.insertRows);
		expect(first.map((item) => item.eventId)).toEqual([`${BASE_ID}:NLEm269CSaO3gy7Cm2ZrvQ`, `${BASE_ID}:I0n3PtjORke3ubWq5B54GQ`]);
		expect(second.map((item) => item.eventId)).toEqual(first.map((item) => item.eventId));
		expect(first.map((item) => item.row_id)).toEqual(['NLEm269CSaO3gy7Cm2ZrvQ', 'I0n3PtjORke3ubWq5B54GQ']);
		expect(first[0].row).toMatchObject({ Email: '' });
	});

	it('append_rows: a batch form, so even one row gets a 3-part id', () => {
		const item = only(items(fx.appendRows));
		expect(item.eventId).toBe(`${BASE_ID}:F7ze485HTAKfrZmCZYqb1g`);
		expect(item.row).toMatchObject({ Email: 'w.cho@cj.net', Name: '조우진', Team: 'DT플랫폼팀', guest_added: '' });
		expect(item.modifier).toBe(fx.USER);
	});

	it('splitRows off: one item with row_ids and rows, row_id null and a 2-part id', () => {
		const item = only(items(fx.insertRows, { splitRows: false }));
		expect(item.eventId).toBe(BASE_ID);
		expect(item.row_id).toBeNull();
		expect(item.row_ids).toEqual(['NLEm269CSaO3gy7Cm2ZrvQ', 'I0n3PtjORke3ubWq5B54GQ']);
		expect(item.rows).toHaveLength(2);
		expect(item.rows?.[1]).toMatchObject({ _id: 'I0n3PtjORke3ubWq5B54GQ', Email: '' });
		expect(item).not.toHaveProperty('row');
		expect(item).not.toHaveProperty('old_rows');
	});
});

describe('row updated', () => {
	it('modify_row: changed values, old values and changed column names resolved', () => {
		expect(only(items(fx.modifyRowWithOptions))).toEqual({
			event: 'update-dtable',
			eventId: BASE_ID,
			version: 1235,
			op_type: 'modify_row',
			table_id: 'wMtQ',
			table_name: 'Contacts',
			row_id: 'FPFMs5blRR-SpLV1sk676g',
			row: { Prio: '++', Tags: ['Red'], _last_modifier: fx.OTHER_USER, _mtime: '2023-08-20T05:01:00.000+00:00' },
			old_row: { Prio: '+', Tags: [] },
			changed_columns: ['Prio', 'Tags'],
			modifier: fx.OTHER_USER,
			received_at: fx.RECEIVED_AT,
		});
	});

	it('modify_row (captured sample): empty old_row kept, _last_modifier not a changed column', () => {
		const item = only(items(fx.modifyRow));
		expect(item.row).toEqual({ Name: 'a', _last_modifier: fx.USER });
		expect(item.old_row).toEqual({});
		expect(item.changed_columns).toEqual(['Name']);
		expect(item.eventId).toBe(BASE_ID);
	});

	it('modify_rows: split per row with old values', () => {
		const list = items(fx.modifyRows);
		expect(list.map((item) => [item.row_id, item.eventId])).toEqual([
			['X-jLvmZQRq-lMgp6X1zPgw', `${BASE_ID}:X-jLvmZQRq-lMgp6X1zPgw`],
			['a4MUb9F2Sb6erVSK-WWCkA', `${BASE_ID}:a4MUb9F2Sb6erVSK-WWCkA`],
		]);
		expect(list[1]).toMatchObject({ row: { Name: 'a' }, old_row: { Name: null }, changed_columns: ['Name'], modifier: fx.USER });
	});

	it('modify_rows with splitRows off: old_rows aligned with row_ids, union of changed columns', () => {
		const op = {
			...fx.modifyRows,
			updated: { ...fx.modifyRows.updated, 'a4MUb9F2Sb6erVSK-WWCkA': { '589r': '381992', _last_modifier: fx.USER } },
			old_rows: { 'X-jLvmZQRq-lMgp6X1zPgw': { HkRD: null } },
		};
		const item = only(items(op, { splitRows: false }));
		expect(item.row_ids).toEqual(fx.modifyRows.row_ids);
		expect(item.rows).toEqual([
			{ Name: 'a', _last_modifier: fx.USER },
			{ Prio: '++', _last_modifier: fx.USER },
		]);
		expect(item.old_rows).toEqual([{ Name: null }, {}]);
		expect(item.changed_columns).toEqual(['Name', 'Prio']);
		expect(item.row_id).toBeNull();
	});

	it('a single-row op is unaffected by splitRows off', () => {
		expect(items(fx.modifyRow, { splitRows: false })).toEqual(items(fx.modifyRow));
	});
});

describe('row deleted', () => {
	it('delete_row: the deleted row, readable; no modifier without an author', () => {
		const item = only(items(fx.deleteRow));
		expect(item).toMatchObject({ row_id: 'bH1cdZboS7WOg_qpjUkOXw', row: { Email: '', _id: 'bH1cdZboS7WOg_qpjUkOXw' }, table_name: 'Contacts' });
		expect(item).not.toHaveProperty('modifier');
		expect(item).not.toHaveProperty('old_row');
		expect(item).not.toHaveProperty('changed_columns');
	});

	it('delete_rows: split per deleted row, options resolved', () => {
		const list = items(fx.deleteRows);
		expect(list.map((item) => item.eventId)).toEqual([`${BASE_ID}:NwkAMFWgTzO6A8ugLyMzMQ`, `${BASE_ID}:JmsWPdqgT4irjvxAyKBxlA`]);
		expect(list[0].row).toEqual({ _id: 'NwkAMFWgTzO6A8ugLyMzMQ', _creator: fx.USER, Email: 'a@example.com', Prio: '++' });
	});

	it('delete_rows with splitRows off: one item with the deleted rows', () => {
		const item = only(items(fx.deleteRows, { splitRows: false }));
		expect(item.row_ids).toEqual(fx.deleteRows.row_ids);
		expect(item.rows?.map((row) => row.Email)).toEqual(['a@example.com', 'b@example.com']);
	});
});

describe('modifier', () => {
	it('insert: _creator of the new row', () => {
		expect(only(items(fx.insertRowDocs)).modifier).toBe('seatable@seatable.com');
	});

	it('update: _last_modifier of the updated values, else the log author', () => {
		expect(only(items(fx.modifyRowWithOptions)).modifier).toBe(fx.OTHER_USER);
		const withoutModifier = { ...fx.modifyRow, updated: { HkRD: 'b' } };
		expect(only(items(withoutModifier)).modifier).toBeUndefined();
		expect(only(items(withoutModifier, {}, { replayed: true, author: fx.OTHER_USER })).modifier).toBe(fx.OTHER_USER);
	});

	it('replay: replayed flag, and the log author for deletes, links and schema changes', () => {
		const replay = { replayed: true, author: fx.OTHER_USER };
		const deleted = only(items(fx.deleteRow, {}, replay));
		expect(deleted.replayed).toBe(true);
		expect(deleted.modifier).toBe(fx.OTHER_USER);
		expect(items(fx.updateRowsLinks, {}, replay).map((item) => item.modifier)).toEqual([fx.OTHER_USER, fx.OTHER_USER]);
		expect(only(items(fx.renameColumn, {}, replay))).toMatchObject({ modifier: fx.OTHER_USER, replayed: true });
	});

	it('live events carry no replayed key at all', () => {
		expect(only(items(fx.insertRow))).not.toHaveProperty('replayed');
		expect(only(items(fx.insertRow, {}, { replayed: false }))).not.toHaveProperty('replayed');
	});
});


// Readable items for each op_type a base webhook carries (protocol notes §2.4.3), and the filters.
import { afterEach, describe, expect, it } from '@jest/globals';

import { clearDeliveries, receiveWebhook, type ReceiveSettings, type WebhookItem } from '../../nodes/seatable-client/webhookReceive';
import * as payloads from './payloads';
import { pythonJsonDumps } from './seaTableSender';

const RECEIVED_AT = '2026-12-01T08:00:00.000Z';

function settingsFor(overrides: Partial<ReceiveSettings> = {}): ReceiveSettings {
	return { source: 'baseWebhook', allowUnsigned: false, tables: [], operations: [], watchColumns: [], actions: [], ...overrides };
}

function receive(body: unknown, overrides: Partial<ReceiveSettings> = {}) {
	const rawBody = Buffer.from(pythonJsonDumps(body));
	return receiveWebhook({ contentType: 'application/json', rawBody, signature: undefined }, settingsFor(overrides), RECEIVED_AT);
}

function itemOf(body: unknown): WebhookItem {
	const result = receive(body);
	expect(result.status).toBe(200);
	expect(result.items).toHaveLength(1);
	return (result.items as WebhookItem[])[0];
}

afterEach(() => clearDeliveries());

describe('§2.4.3 documented examples', () => {
	it('insert_row: the new row, who made it, a stable event id', () => {
		expect(itemOf(payloads.insertRow)).toEqual({
			event: 'update',
			eventId: 'fae0a3a42ba94df88e8303fd385e37de:Fk-i7xZGS5iA5aSvaG5HAA:insert_row:1649922777.279',
			op_type: 'insert_row',
			table_id: '9g8f',
			table_name: 'Opportunities',
			row_id: 'Fk-i7xZGS5iA5aSvaG5HAA',
			row: {},
			modifier: payloads.OP_USER,
			op_time: 1649922777.279,
			received_at: RECEIVED_AT,
			source: 'baseWebhook',
		});
	});

	it('modify_row: option ids become option names from column_data, without any API call', () => {
		expect(itemOf(payloads.modifyRow)).toMatchObject({
			op_type: 'modify_row',
			row_id: 'QoNno3QiTF26sxmG1sl3_g',
			row: { Prio: '++' },
			old_row: { Prio: '' },
			changed_columns: ['Prio'],
			modifier: payloads.OP_USER,
		});
	});

	it('delete_row: the row id, no old_row', () => {
		const item = itemOf(payloads.deleteRow);
		expect(item).toMatchObject({ op_type: 'delete_row', row_id: 'QoNno3QiTF26sxmG1sl3_g', row: {} });
		expect(item.old_row).toBeUndefined();
		expect(item.changed_columns).toBeUndefined();
	});
});

describe('the other op_types of the channel', () => {
	it('insert_row with row_data: names, single and multiple select options, the row name', () => {
		expect(itemOf(payloads.insertRowWithData)).toMatchObject({
			row_id: 'Nw1row000000000000000A',
			row_name: 'Acme deal',
			row: { Name: 'Acme deal', Prio: '+', Tags: ['urgent', 'later'] },
		});
	});

	it.each([
		['append_rows', payloads.appendRows, 'Appended'],
		['insert_rows', payloads.insertRows, 'Inserted'],
	])('%s', (opType, body, name) => {
		expect(itemOf(body)).toMatchObject({ op_type: opType, row: { Name: name } });
	});

	it('modify_rows: every changed column with its old value', () => {
		expect(itemOf(payloads.modifyRows)).toMatchObject({
			op_type: 'modify_rows',
			row_name: 'Big deal',
			row: { Prio: '+', Tags: ['later'] },
			old_row: { Prio: '++', Tags: ['urgent'] },
			changed_columns: ['Prio', 'Tags'],
		});
	});

	it('delete_rows: the deleted row as SeaTable sent it', () => {
		expect(itemOf(payloads.deleteRows)).toMatchObject({ op_type: 'delete_rows', row_name: 'Old deal', row: { Name: 'Old deal' } });
	});

	it.each([
		['add_link', payloads.addLink, { added: ['Ct1row000000000000000A'] }],
		['remove_link', payloads.removeLink, { removed: ['Ct1row000000000000000A'] }],
	])('%s: both rows with their names', (opType, body, change) => {
		const item = itemOf(body);
		expect(item).toMatchObject({ op_type: opType, row_id: 'Lk1row000000000000000A' });
		expect(item.link).toEqual({
			row_name: 'Acme deal',
			other_row_id: 'Ct1row000000000000000A',
			other_row_name: 'Ada Lovelace',
			...change,
		});
	});

	it('update_links: added and removed rows from the link cell, with their names', () => {
		expect(itemOf(payloads.updateLinks).link).toEqual({
			column: 'Contacts',
			added: ['Ct2row000000000000000A'],
			removed: ['Ct3row000000000000000A'],
			row_names: {
				Ct1row000000000000000A: 'Ada Lovelace',
				Ct2row000000000000000A: 'Alan Turing',
				Ct3row000000000000000A: 'Grace Hopper',
			},
		});
	});

	it('update_rows_links', () => {
		expect(itemOf(payloads.updateRowsLinks)).toMatchObject({
			row_id: 'Lk2row000000000000000A',
			link: { column: 'Contacts', added: ['Ct3row000000000000000A'], row_names: { Ct3row000000000000000A: 'Grace Hopper' } },
		});
	});

	it('an op_type this node does not know passes as it came', () => {
		const body = { event: 'update', data: { ...(payloads.insertRow.data as object), op_type: 'archive_rows' } };
		expect(itemOf(body)).toMatchObject({ op_type: 'archive_rows', row_id: 'Fk-i7xZGS5iA5aSvaG5HAA' });
	});
});

describe('filters, from the realtime trigger\'s code', () => {
	const filtered = { status: 200, answer: { received: true, ignored: 'filtered out by the node' }, items: [] };

	it('operations: only the chosen kinds; unknown kinds only when none is chosen', () => {
		expect(receive(payloads.modifyRow, { operations: ['rowCreated'] })).toEqual(filtered);
		expect(receive(payloads.insertRow, { operations: ['rowCreated'] }).items).toHaveLength(1);
		expect(receive(payloads.addLink, { operations: ['linkChanged'] }).items).toHaveLength(1);
		const unknown = { event: 'update', data: { ...(payloads.insertRow.data as object), op_type: 'archive_rows' } };
		expect(receive(unknown, { operations: ['rowDeleted'] })).toEqual(filtered);
	});

	it('tables: by id or by name', () => {
		expect(receive(payloads.modifyRow, { tables: ['0000'] })).toEqual(filtered);
		expect(receive(payloads.modifyRow, { tables: ['9g8f'] }).items).toHaveLength(1);
		expect(receive(payloads.modifyRow, { tables: ['Opportunities'] }).items).toHaveLength(1);
	});

	it('watched columns: updates touching none are dropped; by name or key; other kinds pass', () => {
		expect(receive(payloads.modifyRow, { watchColumns: ['Status'] })).toEqual(filtered);
		expect(receive(payloads.modifyRow, { watchColumns: ['Prio'] }).items).toHaveLength(1);
		expect(receive(payloads.modifyRow, { watchColumns: ['589r'] }).items).toHaveLength(1);
		expect(receive(payloads.insertRow, { watchColumns: ['Status'] }).items).toHaveLength(1);
	});
});

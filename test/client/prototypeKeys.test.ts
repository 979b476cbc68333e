// Row ids, column names and cell keys are anyone's choice in a base: `__proto__`, `constructor` and
// `prototype` must be ordinary keys of the items, and never reach Object.prototype.
import { afterEach, describe, expect, test } from '@jest/globals';

import { BaseSchema, DEFAULT_ENRICH_OPTIONS, operationToItems, type BaseMetadata, type EnrichOptions, type EventItem, type JsonObject } from '../../nodes/seatable-client/operations';

const UUID = '650d8a0d-7e27-46a8-8b18-6cc6f3db2057';
const SPECIAL = ['__proto__', 'constructor', 'prototype'] as const;

afterEach(() => {
	// A test that wrote through a prototype would leave this behind for every object.
	expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

// As the operation arrives from SeaTable: JSON text, parsed.
function items(operationJson: string, options: Partial<EnrichOptions>, schema?: BaseSchema): EventItem[] {
	const input = { dtable_uuid: UUID, version: 7, operation: JSON.parse(operationJson) as JsonObject, receivedAt: '2026-01-01T00:00:00.000Z' };
	return operationToItems(input, { ...DEFAULT_ENRICH_OPTIONS, ...options }, schema);
}

function metadataWithColumns(names: readonly string[]): BaseMetadata {
	return {
		tables: [
			{
				_id: 'T1',
				name: 'Tasks',
				columns: [{ key: '0000', name: 'Name', type: 'text' }, ...names.map((name, i) => ({ key: `k${i}`, name, type: 'text' }))],
			},
		],
	};
}

function expectPlain(row: unknown): asserts row is Record<string, unknown> {
	expect(row).not.toBe(Object.prototype);
	expect(Object.getPrototypeOf(row)).toBe(Object.prototype);
}

describe.each([false, true])('resolveNames %p', (resolveNames) => {
	const schema = new BaseSchema(metadataWithColumns([]));

	test.each(SPECIAL)('modify_rows with row_ids ["%s"] and no such entry: an empty own row, not Object.prototype', (rowId) => {
		const op = `{"op_type":"modify_rows","table_id":"T1","row_ids":["${rowId}"],"updated":{},"old_rows":{}}`;
		const [item] = items(op, { resolveNames }, schema);
		expect(item.row_id).toBe(rowId);
		expectPlain(item.row);
		expect(item.row).toEqual({});
		expect(item.old_row).toBeUndefined();
		(item.row as Record<string, unknown>).polluted = true;
	});

	test.each(SPECIAL)('modify_rows with row id "%s" and its values: read as an ordinary key', (rowId) => {
		const op = `{"op_type":"modify_rows","table_id":"T1","row_ids":["${rowId}"],"updated":{"${rowId}":{"0000":"new"}},"old_rows":{"${rowId}":{"0000":"old"}}}`;
		const [item] = items(op, { resolveNames }, schema);
		expectPlain(item.row);
		expectPlain(item.old_row);
		expect(JSON.stringify(item.row)).toBe(resolveNames ? '{"Name":"new"}' : '{"0000":"new"}');
		expect(JSON.stringify(item.old_row)).toBe(resolveNames ? '{"Name":"old"}' : '{"0000":"old"}');
	});

	test.each(SPECIAL)('insert_row whose row is "%s"', (rowId) => {
		const [item] = items(`{"op_type":"insert_row","table_id":"T1","row_id":"anchor","row_data":{"_id":"${rowId}","0000":"x"}}`, { resolveNames }, schema);
		expect(item.row_id).toBe(rowId);
		expectPlain(item.row);
	});

	test.each(SPECIAL)('delete_rows of row "%s" without its data', (rowId) => {
		const [item] = items(`{"op_type":"delete_rows","table_id":"T1","row_ids":["${rowId}"],"deleted_rows":[]}`, { resolveNames }, schema);
		expect(item.row_id).toBe(rowId);
		expectPlain(item.row);
		expect(item.row).toEqual({ _id: rowId });
	});

	test.each(SPECIAL)('a cell key "%s" the schema does not know stays an own key with its value', (key) => {
		const [item] = items(`{"op_type":"modify_row","table_id":"T1","row_id":"r1","updated":{"${key}":{"a":1},"0000":"n"},"old_row":{}}`, { resolveNames }, schema);
		expectPlain(item.row);
		expect(Object.keys(item.row)).toContain(key);
		expect(JSON.stringify(item.row)).toContain(`"${key}":{"a":1}`);
		expect(item.changed_columns).toContain(key);
	});
});

describe('a column named __proto__, constructor or prototype (resolveNames on)', () => {
	const schema = new BaseSchema(metadataWithColumns(SPECIAL));

	test('each is an own key of the row, with its value, and the row keeps its prototype', () => {
		const op = '{"op_type":"modify_row","table_id":"T1","row_id":"r1","updated":{"k0":{"evil":true},"k1":"c","k2":"p","0000":"n"},"old_row":{"k0":"before"}}';
		const [item] = items(op, { resolveNames: true }, schema);
		expectPlain(item.row);
		expect(Object.keys(item.row).sort()).toEqual(['Name', '__proto__', 'constructor', 'prototype']);
		expect(JSON.parse(JSON.stringify(item.row))).toEqual(JSON.parse('{"__proto__":{"evil":true},"constructor":"c","prototype":"p","Name":"n"}'));
		expect((item.row as { evil?: unknown }).evil).toBeUndefined();
		expectPlain(item.old_row);
		expect(JSON.stringify(item.old_row)).toBe('{"__proto__":"before"}');
		expect(item.changed_columns).toEqual(['__proto__', 'constructor', 'prototype', 'Name']);
	});

	test('an inserted row and a batch keep them too', () => {
		const op = '{"op_type":"insert_rows","table_id":"T1","row_ids":["a"],"row_datas":[{"_id":"r1","k0":"x"},{"_id":"r2","k0":"y"}]}';
		const [batch] = items(op, { resolveNames: true, splitRows: false }, schema);
		expect(batch.rows?.map((row) => JSON.stringify(row))).toEqual(['{"_id":"r1","__proto__":"x"}', '{"_id":"r2","__proto__":"y"}']);
	});
});

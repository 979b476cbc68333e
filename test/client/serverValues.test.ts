// The depth check every change passes through: exact at the limit, for objects and arrays alike,
// and safe on payloads far deeper than the limit.
import { describe, expect, it } from '@jest/globals';

import { MAX_PAYLOAD_DEPTH, nestedDeeperThan, readUpdate } from '../../nodes/seatable-client/serverValues';

function nested(levels: number, kind: 'object' | 'array'): unknown {
	let value: unknown = 'leaf';
	for (let level = 0; level < levels; level++) value = kind === 'object' ? { child: value } : [value];
	return value;
}

describe('nestedDeeperThan', () => {
	it.each(['object', 'array'] as const)('accepts %s nesting up to the limit and refuses one level more', (kind) => {
		expect(nestedDeeperThan(nested(MAX_PAYLOAD_DEPTH, kind))).toBe(false);
		expect(nestedDeeperThan(nested(MAX_PAYLOAD_DEPTH + 1, kind))).toBe(true);
	});

	it('finds the deep branch among shallow siblings, and counts mixed objects and arrays', () => {
		const deep = { a: 1, b: [{ c: 2 }], d: { e: nested(MAX_PAYLOAD_DEPTH, 'array') } };
		expect(nestedDeeperThan(deep)).toBe(true);
		expect(nestedDeeperThan({ a: 1, b: [{ c: 2 }], d: { e: nested(MAX_PAYLOAD_DEPTH - 2, 'object') } })).toBe(false);
	});

	it('stops early on a payload a million levels deep (no stack overflow)', () => {
		expect(nestedDeeperThan(nested(1_000_000, 'object'))).toBe(true);
	});

	it('treats scalars and null as flat, and counts __proto__ as an ordinary key', () => {
		expect(nestedDeeperThan('text')).toBe(false);
		expect(nestedDeeperThan(null)).toBe(false);
		const parsed = JSON.parse(`{"__proto__": ${JSON.stringify(nested(MAX_PAYLOAD_DEPTH, 'object'))}}`) as unknown;
		expect(nestedDeeperThan(parsed)).toBe(true);
	});
});

describe('readUpdate depth check on JSON text (brackets counted before any walk)', () => {
	const payload = (levels: number, kind: 'object' | 'array') => JSON.stringify({ op_type: 'modify_row', deep: nested(levels - 1, kind) });

	it.each(['object', 'array'] as const)('accepts %s text nested up to the limit and refuses one level more', (kind) => {
		expect(readUpdate(payload(MAX_PAYLOAD_DEPTH, kind), 7)).toEqual({ operation: JSON.parse(payload(MAX_PAYLOAD_DEPTH, kind)), version: 7 });
		expect(readUpdate(payload(MAX_PAYLOAD_DEPTH + 1, kind), 7)).toEqual({ invalid: expect.stringContaining('nested deeper') });
	});

	it('walks the value when the text has many brackets, and accepts a flat one (brackets inside strings)', () => {
		const manyInStrings = JSON.stringify({ op_type: 'modify_row', text: '{['.repeat(MAX_PAYLOAD_DEPTH) });
		expect(readUpdate(manyInStrings, 1)).toEqual({ operation: JSON.parse(manyInStrings), version: 1 });
		const wide = JSON.stringify({ op_type: 'modify_rows', rows: Array.from({ length: MAX_PAYLOAD_DEPTH * 2 }, (_, index) => ({ index })) });
		expect(readUpdate(wide, 2)).toEqual({ operation: JSON.parse(wide), version: 2 });
	});
});

// The depth check every change passes through: exact at the limit, for objects and arrays alike,
// and safe on payloads far deeper than the limit.
import { describe, expect, it } from '@jest/globals';

import { MAX_PAYLOAD_DEPTH, nestedDeeperThan } from '../../nodes/seatable-client/serverValues';

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

// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-jest compiles with the root tsconfig, which has no test/types
/// <reference path="../types/dtable-store.d.ts" />
// Every operation type SeaTable's own editor store (dtable-store) knows has a kind, so none is read by guesswork.
import { describe, expect, it } from '@jest/globals';
import { OPERATION_TYPE } from 'dtable-store';
import { categoryOf } from '../../nodes/seatable-client/operations';
import { KIND_BY_OP_TYPE, kindOf } from '../../nodes/seatable-client/operations/opKinds';

const opTypes = Object.values(OPERATION_TYPE);

describe('operation kinds', () => {
	it("dtable-store 7.0.4 lists 86 operation types", () => {
		expect(new Set(opTypes).size).toBe(86);
	});

	it('classifies every dtable-store operation type', () => {
		const unclassified = opTypes.filter((opType) => kindOf(opType) === undefined);
		expect(unclassified).toEqual([]);
	});

	it('knows no op_type dtable-store does not, except the legacy update_row_links', () => {
		const extra = [...KIND_BY_OP_TYPE.keys()].filter((opType) => !opTypes.includes(opType));
		expect(extra).toEqual(['update_row_links']);
	});

	it('maps kinds to the five filter categories; moves and "other" have none', () => {
		expect(categoryOf('move_rows')).toBeUndefined();
		expect(categoryOf('modify_column_data')).toBe('schemaChanged');
		expect(categoryOf('duplicate_table')).toBe('schemaChanged');
		expect(categoryOf('add_view_folder')).toBe('schemaChanged');
		expect(categoryOf('add_plugin')).toBeUndefined();
		for (const opType of opTypes) {
			const kind = kindOf(opType);
			const category = categoryOf(opType);
			if (kind === 'rowMoved' || kind === 'other') expect(category).toBeUndefined();
			else expect(category).toBeDefined();
		}
	});
});

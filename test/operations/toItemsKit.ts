// Shared by the toItems tests: the items one operation becomes, against the fixtures' base.
import { expect } from '@jest/globals';
import {
	BaseSchema,
	DEFAULT_ENRICH_OPTIONS,
	operationToItems,
	type EnrichOptions,
	type EventItem,
	type OperationInput,
	type RawOperation,
} from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

export const BASE_ID = `${fx.DTABLE_UUID}:1235`;

export function options(overrides: Partial<EnrichOptions> = {}): EnrichOptions {
	return { ...DEFAULT_ENRICH_OPTIONS, ...overrides };
}

export function items(
	op: RawOperation,
	overrides: Partial<EnrichOptions> = {},
	extra: Partial<OperationInput> = {},
	schema: BaseSchema = new BaseSchema(fx.metadata()),
): EventItem[] {
	return operationToItems(fx.input(op, 1235, extra), options(overrides), schema);
}

export function only(list: EventItem[]): EventItem {
	expect(list).toHaveLength(1);
	return list[0];
}

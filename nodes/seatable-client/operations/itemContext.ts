// Per-operation state shared by the item builders, and the fields every item carries.
import type { BaseSchema } from './schema';
import type { EnrichOptions, EventItem, OperationInput, RawOperation } from './types';

export type ItemContext = {
	input: OperationInput;
	/** The operation as an object (an empty one when the input was not an object). */
	op: RawOperation;
	opType: string;
	options: EnrichOptions;
	/** Set only when names are resolved (resolveNames on and a schema given). */
	names: BaseSchema | undefined;
	/** The schema whatever resolveNames says; watchColumns may name columns even in raw mode. */
	schema: BaseSchema | undefined;
	/** `<dtable_uuid>:<version>`. */
	eventId: string;
	/** Raw mode (or no schema to resolve with) always carries the raw operation. */
	includeOperation: boolean;
};

/** An item being assembled; fields are added in display order (table_name before row_id, received_at last). */
export type ItemDraft = Omit<EventItem, 'row_id' | 'received_at'> & { row_id?: string | null; received_at?: string };

export function startItem(
	context: ItemContext,
	tableId: string | null,
	tableName: string | undefined,
	rowId: string | null,
	eventId: string,
): ItemDraft {
	const item: ItemDraft = {
		event: 'update-dtable',
		eventId,
		version: context.input.version,
		op_type: context.opType,
		table_id: tableId,
	};
	if (tableName !== undefined) item.table_name = tableName;
	item.row_id = rowId;
	return item;
}

export function finishItem(
	context: ItemContext,
	item: ItemDraft,
	modifier: string | undefined,
	alwaysIncludeOperation = false,
): EventItem {
	if (modifier !== undefined) item.modifier = modifier;
	if (alwaysIncludeOperation || context.includeOperation) item.operation = context.input.operation;
	item.received_at = context.input.receivedAt;
	if (context.input.replayed === true) item.replayed = true;
	return item as EventItem;
}

/** `<dtable_uuid>:<version>:<row_id>`: stable, so replays and retries dedupe per row. */
export function rowEventId(context: ItemContext, rowId: string): string {
	return context.eventId + ':' + rowId;
}

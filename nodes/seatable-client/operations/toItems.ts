// Entry point: one raw update-dtable operation in, the workflow items the user asked for out.
import { categoryOf, opTypeOf, tableIdOf } from './classify';
import { isRecord } from './fields';
import { passesCategory, passesTable } from './filters';
import { finishItem, startItem, type ItemContext } from './itemContext';
import { insertedLinks } from './linkChanges';
import { linkItems } from './linkItems';
import { rowItems } from './rowItems';
import type { BaseSchema } from './schema';
import { describeSchemaChange, schemaTableName } from './schemaChanges';
import type { EnrichOptions, EventItem, OperationInput } from './types';

export const DEFAULT_ENRICH_OPTIONS: Readonly<EnrichOptions> = Object.freeze({
	resolveNames: true,
	splitRows: true,
	includeRaw: false,
	watchColumns: Object.freeze([]),
	operations: Object.freeze([]),
	tables: Object.freeze([]),
});

/**
 * Turns one operation into items. Names are resolved only when `options.resolveNames` is on AND a
 * schema is given; otherwise items are keyed by raw column keys and carry the raw `operation`.
 * Call it before `schema.applySchemaOperation(op)` so renames can report the old name.
 * Returns [] when every item is filtered out. Never throws on a malformed operation.
 */
export function operationToItems(input: OperationInput, options: EnrichOptions, schema?: BaseSchema): EventItem[] {
	const op = isRecord(input.operation) ? input.operation : {};
	const opType = opTypeOf(op);
	const category = categoryOf(opType);
	// An insert's links (links_data) are link changes too: they pass a "linkChanged" filter on their own.
	const insertLinks = category === 'rowCreated' ? insertedLinks(op) : [];
	const rowsPass = passesCategory(category, options.operations);
	const linksPass = insertLinks.length > 0 && passesCategory('linkChanged', options.operations);
	if (!rowsPass && !linksPass) return [];
	const names = options.resolveNames ? schema : undefined;
	const context: ItemContext = {
		input,
		op,
		opType,
		options,
		names,
		schema,
		eventId: input.dtable_uuid + ':' + input.version,
		includeOperation: options.includeRaw || names === undefined,
	};
	const tableId = tableIdOf(op) ?? null;
	switch (category) {
		case 'rowCreated': {
			const rows = rowsPass ? (rowItems(context, tableId, insertLinks) ?? rawItem(context, tableId)) : [];
			return linksPass ? rows.concat(linkItems(context, insertLinks)) : rows;
		}
		case 'rowUpdated':
		case 'rowDeleted':
			return rowItems(context, tableId) ?? rawItem(context, tableId);
		case 'linkChanged':
			return linkItems(context);
		case 'schemaChanged':
			return schemaItem(context, tableId);
		default:
			return rawItem(context, tableId);
	}
}

function schemaItem(context: ItemContext, tableId: string | null): EventItem[] {
	if (!passesTable(tableId, context.options.tables)) return [];
	const { names } = context;
	const item = startItem(context, tableId, names && schemaTableName(context.op, names), null, context.eventId);
	item.schema = describeSchemaChange(context.op, names);
	return [finishItem(context, item, context.input.author)];
}

/** Unknown op_types and unreadable row operations: no readable form, so the operation always rides along. */
function rawItem(context: ItemContext, tableId: string | null): EventItem[] {
	if (!passesTable(tableId, context.options.tables)) return [];
	const tableName = context.names && tableId !== null ? context.names.tableName(tableId) : undefined;
	const item = startItem(context, tableId, tableName, null, context.eventId);
	return [finishItem(context, item, context.input.author, true)];
}

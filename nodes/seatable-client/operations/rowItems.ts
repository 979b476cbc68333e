// Items for row operations: one per row, or one per batch operation when splitRows is off.
import { categoryOf, isBatchOperation } from './classify';
import { asString } from './fields';
import { passesTable, touchesWatchedColumn, watchSetOf } from './filters';
import { finishItem, rowEventId, startItem, type ItemContext } from './itemContext';
import type { LinkChange } from './linkChanges';
import { changedColumnKeys, splitRowChanges, type RowChange } from './rowChanges';
import type { EventItem, JsonObject } from './types';

/**
 * `undefined` means the operation carried no readable row (malformed); the caller then emits a
 * raw item instead of dropping it.
 */
export function rowItems(context: ItemContext, tableId: string | null, insertLinks: LinkChange[] = []): EventItem[] | undefined {
	if (!passesTable(tableId, context.options.tables)) return [];
	const changes = splitRowChanges(context.op);
	const watched = watchSetOf(context.options.watchColumns);
	if (changes.length === 0) {
		// An unreadable update cannot be shown to touch a watched column, so the watch filter drops it.
		return watched !== undefined && categoryOf(context.opType) === 'rowUpdated' ? [] : undefined;
	}
	const kept =
		watched === undefined
			? changes
			: changes.filter((change) => touchesWatchedColumn(change, watched, context.schema));
	if (kept.length === 0) return [];
	const tableName = context.names && tableId !== null ? context.names.tableName(tableId) : undefined;
	// A non-batch op_type that still carries several rows gets row ids too, so ids stay unique.
	const batch = isBatchOperation(context.opType) || changes.length > 1;
	if (batch && !context.options.splitRows) return [batchItem(context, tableId, tableName, kept)];
	const items: EventItem[] = [];
	const links = insertLinks.length > 0 ? linksByRow(insertLinks) : undefined;
	for (const change of kept) {
		const eventId = batch ? rowEventId(context, change.row_id) : context.eventId;
		items.push(singleRowItem(context, tableId, tableName, change, eventId, links?.get(change.row_id)));
	}
	return items;
}

function singleRowItem(
	context: ItemContext,
	tableId: string | null,
	tableName: string | undefined,
	change: RowChange,
	eventId: string,
	links: LinkChange[] | undefined,
): EventItem {
	const item = startItem(context, tableId, tableName, change.row_id, eventId);
	item.row = readable(context, tableId, change.row);
	if (links !== undefined) addLinkedRows(context, tableId, item.row, links);
	if (change.content_omitted === true) item.content_omitted = true;
	if (change.kind === 'rowUpdated') {
		if (change.old_row !== undefined) item.old_row = readable(context, tableId, change.old_row);
		item.changed_columns = columnLabels(context, tableId, changedColumnKeys(change));
	}
	return finishItem(context, item, modifierOf(context, change));
}

/** splitRows off: `row_ids`, `rows` (and `old_rows` for updates, aligned by index), `row_id: null`. */
function batchItem(
	context: ItemContext,
	tableId: string | null,
	tableName: string | undefined,
	changes: RowChange[],
): EventItem {
	const item = startItem(context, tableId, tableName, null, context.eventId);
	const updates = changes[0].kind === 'rowUpdated';
	const rowIds: string[] = [];
	const rows: JsonObject[] = [];
	const oldRows: JsonObject[] = [];
	const changedKeys = new Set<string>();
	for (const change of changes) {
		rowIds.push(change.row_id);
		rows.push(readable(context, tableId, change.row));
		if (!updates) continue;
		oldRows.push(readable(context, tableId, change.old_row ?? {}));
		for (const key of changedColumnKeys(change)) changedKeys.add(key);
	}
	item.row_ids = rowIds;
	item.rows = rows;
	if (updates) {
		item.old_rows = oldRows;
		item.changed_columns = columnLabels(context, tableId, Array.from(changedKeys));
	}
	return finishItem(context, item, modifierOf(context, changes[0]));
}

function linksByRow(changes: LinkChange[]): Map<string, LinkChange[]> {
	const byRow = new Map<string, LinkChange[]>();
	for (const change of changes) {
		if (change.row_id === null) continue;
		const list = byRow.get(change.row_id);
		if (list === undefined) byRow.set(change.row_id, [change]);
		else list.push(change);
	}
	return byRow;
}

/** The linked row ids of an inserted row, under the link column's name (or key in raw mode). */
function addLinkedRows(context: ItemContext, tableId: string | null, row: JsonObject, links: LinkChange[]): void {
	const schema = context.schema;
	for (const link of links) {
		const column = schema && tableId !== null ? schema.linkColumn(tableId, link.link_id, link.other_table_id) : undefined;
		if (column === undefined) continue;
		row[context.names === undefined ? column.key : column.name] = link.added ?? [];
	}
}

function readable(context: ItemContext, tableId: string | null, row: JsonObject): JsonObject {
	return context.names && tableId !== null ? context.names.readableRow(tableId, row) : row;
}

function columnLabels(context: ItemContext, tableId: string | null, keys: string[]): string[] {
	const columns = context.names && tableId !== null ? context.names.table(tableId)?.columnsByKey : undefined;
	if (columns === undefined) return keys;
	// The keys array is this item's own: relabelled in place.
	for (let index = 0; index < keys.length; index++) keys[index] = columns.get(keys[index])?.name ?? keys[index];
	return keys;
}

/** Who made the change: taken from the row when it says so, else the operation-log author. */
function modifierOf(context: ItemContext, change: RowChange): string | undefined {
	const author = context.input.author;
	switch (change.kind) {
		case 'rowCreated':
			return asString(change.row._creator) ?? author;
		case 'rowUpdated':
			return asString(change.row._last_modifier) ?? author;
		default:
			// A deleted row's _last_modifier is whoever edited it last, not who deleted it.
			return author;
	}
}

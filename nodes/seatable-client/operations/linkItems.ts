// Items for link operations: which rows of the other table were linked to or unlinked from a row.
import { isBatchOperation } from './classify';
import { finishItem, rowEventId, startItem, type ItemContext } from './itemContext';
import { splitLinkChanges, type LinkChange } from './linkChanges';
import { otherTableOf } from './schema';
import type { EventItem, LinkDetails, LinkRowChange } from './types';

export function linkItems(context: ItemContext): EventItem[] {
	const changes = splitLinkChanges(context.op).filter((change) => passesLinkTables(change, context.options.tables));
	if (changes.length === 0) return [];
	const batch = isBatchOperation(context.opType) || changes.length > 1;
	if (batch && !context.options.splitRows) return [batchItem(context, changes)];
	const items: EventItem[] = [];
	for (const change of changes) {
		const eventId = batch ? rowEventId(context, change.row_id ?? String(change.index)) : context.eventId;
		const item = startItem(context, change.table_id, tableNameOf(context, change.table_id), change.row_id, eventId);
		const link = linkDetails(context, change);
		if (change.added !== undefined) link.added = change.added;
		if (change.removed !== undefined) link.removed = change.removed;
		item.link = link;
		items.push(finishItem(context, item, context.input.author));
	}
	return items;
}

// A link shows up in the link columns of both tables, so watching either table sees it.
function passesLinkTables(change: LinkChange, tables: readonly string[]): boolean {
	if (tables.length === 0) return true;
	return (
		(change.table_id !== null && tables.includes(change.table_id)) ||
		(change.other_table_id !== null && tables.includes(change.other_table_id))
	);
}

/** splitRows off: `row_ids` plus `link.rows` with the difference per row, `row_id: null`. */
function batchItem(context: ItemContext, changes: LinkChange[]): EventItem {
	const first = changes[0];
	const item = startItem(context, first.table_id, tableNameOf(context, first.table_id), null, context.eventId);
	const rowIds: string[] = [];
	const rows: LinkRowChange[] = [];
	for (const change of changes) {
		if (change.row_id === null) continue;
		rowIds.push(change.row_id);
		const row: LinkRowChange = { row_id: change.row_id };
		if (change.added !== undefined) row.added = change.added;
		if (change.removed !== undefined) row.removed = change.removed;
		rows.push(row);
	}
	item.row_ids = rowIds;
	const link = linkDetails(context, first);
	link.rows = rows;
	item.link = link;
	return finishItem(context, item, context.input.author);
}

/** Link id, other table and (with names) the link column's name, filled in from the schema when the op omits them. */
function linkDetails(context: ItemContext, change: LinkChange): LinkDetails {
	const { names } = context;
	const tableId = change.table_id;
	const column =
		names && tableId !== null ? names.linkColumn(tableId, change.link_id, change.other_table_id) : undefined;
	const columnLink = column?.link;
	const otherTableId =
		change.other_table_id ?? (columnLink && tableId !== null ? otherTableOf(columnLink, tableId) : undefined) ?? null;
	const link: LinkDetails = { link_id: change.link_id ?? columnLink?.link_id ?? null, other_table_id: otherTableId };
	if (column !== undefined) link.column = column.name;
	const otherTableName = tableNameOf(context, otherTableId);
	if (otherTableName !== undefined) link.other_table_name = otherTableName;
	return link;
}

function tableNameOf(context: ItemContext, tableId: string | null): string | undefined {
	return context.names && tableId !== null ? context.names.tableName(tableId) : undefined;
}

// Items for link operations: which rows of the other table were linked to or unlinked from a row.
import { isBatchOperation } from './classify';
import { finishItem, rowEventId, startItem, type ItemContext } from './itemContext';
import { splitLinkChanges, type LinkChange } from './linkChanges';
import { otherTableOf } from './schema';
import type { EventItem, LinkDetails, LinkRowChange } from './types';

/**
 * `insertLinks`: the links an insert carried (links_data); each gets its own event id
 * `<uuid>:<version>:<row_id>:<link_id>`, apart from the row item of the same row.
 */
export function linkItems(context: ItemContext, insertLinks?: LinkChange[]): EventItem[] {
	const { tables } = context.options;
	let changes = insertLinks ?? splitLinkChanges(context.op);
	// Decided before filtering, so an item's event id never depends on the filters.
	const batch = insertLinks !== undefined || isBatchOperation(context.opType) || changes.length > 1;
	if (tables.length > 0) changes = changes.filter((change) => passesLinkTables(change, tables));
	if (changes.length === 0) return [];
	if (batch && !context.options.splitRows) return [batchItem(context, changes, insertLinks === undefined ? context.eventId : context.eventId + ':links')];
	// Every change of one operation shares table, link and other table: look them up once.
	const first = changes[0];
	const tableName = tableNameOf(context, first.table_id);
	const shared = linkDetails(context, first);
	const items: EventItem[] = [];
	for (const change of changes) {
		const rowKey = change.row_id ?? String(change.index);
		const eventId = !batch ? context.eventId : rowEventId(context, insertLinks === undefined ? rowKey : rowKey + ':' + (change.link_id ?? ''));
		const item = startItem(context, change.table_id, tableName, change.row_id, eventId);
		const link = copyLinkDetails(shared);
		if (change.added !== undefined) link.added = change.added;
		if (change.removed !== undefined) link.removed = change.removed;
		item.link = link;
		items.push(finishItem(context, item, context.input.author));
	}
	return items;
}

// A link shows up in the link columns of both tables, so watching either table sees it.
function passesLinkTables(change: LinkChange, tables: readonly string[]): boolean {
	return (
		(change.table_id !== null && tables.includes(change.table_id)) ||
		(change.other_table_id !== null && tables.includes(change.other_table_id))
	);
}

/** splitRows off: `row_ids` plus `link.rows` with the difference per row, `row_id: null`. */
function batchItem(context: ItemContext, changes: LinkChange[], eventId: string): EventItem {
	const first = changes[0];
	const item = startItem(context, first.table_id, tableNameOf(context, first.table_id), null, eventId);
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
	const linkId = change.link_id ?? columnLink?.link_id ?? null;
	const link: LinkDetails =
		column === undefined
			? { link_id: linkId, other_table_id: otherTableId }
			: { column: column.name, link_id: linkId, other_table_id: otherTableId };
	const otherTableName = tableNameOf(context, otherTableId);
	if (otherTableName !== undefined) link.other_table_name = otherTableName;
	return link;
}

// Explicit copy: object spread hit a slow V8 path here (~1.5 µs per item in a benchmark).
function copyLinkDetails(source: LinkDetails): LinkDetails {
	const copy: LinkDetails =
		source.column === undefined
			? { link_id: source.link_id, other_table_id: source.other_table_id }
			: { column: source.column, link_id: source.link_id, other_table_id: source.other_table_id };
	if (source.other_table_name !== undefined) copy.other_table_name = source.other_table_name;
	return copy;
}

function tableNameOf(context: ItemContext, tableId: string | null): string | undefined {
	return context.names && tableId !== null ? context.names.tableName(tableId) : undefined;
}

// Reads link operations into per-row added/removed linked-row ids.
import { opTypeOf, tableIdOf } from './classify';
import { asRecord, asString, isRecord, toStringArray } from './fields';
import type { JsonObject, RawOperation } from './types';

export type LinkChange = {
	table_id: string | null;
	/** The row on the `table_id` side, when identifiable. */
	row_id: string | null;
	link_id: string | null;
	other_table_id: string | null;
	/** Rows of the other table newly linked to `row_id`. */
	added?: string[];
	/** Rows of the other table no longer linked to `row_id`. */
	removed?: string[];
	index: number;
};

/** Never throws; a link operation always yields at least one change, with whatever fields it carries. */
export function splitLinkChanges(op: RawOperation): LinkChange[] {
	if (!isRecord(op)) return [];
	switch (opTypeOf(op)) {
		case 'add_link':
			return [singleLink(op, 'added')];
		case 'remove_link':
			return [singleLink(op, 'removed')];
		case 'insert_row':
		case 'insert_rows':
			return insertedLinks(op);
		default:
			// update_rows_links has a documented shape; update_links/update_row_links have no public
			// sample, so they are read with whichever of the two known shapes they carry.
			return isRecord(op.other_rows_ids_map) || Array.isArray(op.row_id_list) ? rowsLinks(op) : rowLinks(op);
	}
}

// add_link/remove_link name both sides as table1/table2; report from the operation's table side.
function singleLink(op: JsonObject, direction: 'added' | 'removed'): LinkChange {
	const table1 = asString(op.table1_id);
	const table2 = asString(op.table2_id);
	const tableId = tableIdOf(op) ?? null;
	const fromTable2 = tableId !== null && tableId === table2 && tableId !== table1;
	const rowId = asString(fromTable2 ? op.table2_row_id : op.table1_row_id) ?? null;
	const otherRowId = asString(fromTable2 ? op.table1_row_id : op.table2_row_id);
	const change: LinkChange = {
		table_id: tableId,
		row_id: rowId,
		link_id: asString(op.link_id) ?? null,
		other_table_id: asString(op.other_table_id) ?? (fromTable2 ? table1 : table2) ?? null,
		index: 0,
	};
	if (otherRowId !== undefined) change[direction] = [otherRowId];
	return change;
}

/**
 * Links that come inside an insert (e.g. a duplicated row): dtable-store sends `links_data` as an
 * array of `{link_id, link_table_id, linked_table_id, id_linked_rows_ids: {<new row id>: [ids]}}`,
 * where link_table_id is the inserted row's table (dtable-utils getLinkTableID).
 */
export function insertedLinks(op: JsonObject): LinkChange[] {
	const linksData = op.links_data;
	if (!Array.isArray(linksData)) return [];
	const changes: LinkChange[] = [];
	for (const entry of linksData as unknown[]) {
		if (!isRecord(entry)) continue;
		const byRow = asRecord(entry.id_linked_rows_ids);
		if (byRow === undefined) continue;
		for (const rowId of Object.keys(byRow)) {
			const added = toStringArray(byRow[rowId]);
			if (added === undefined || added.length === 0) continue;
			changes.push({
				table_id: asString(entry.link_table_id) ?? tableIdOf(op) ?? null,
				row_id: rowId,
				link_id: asString(entry.link_id) ?? null,
				other_table_id: asString(entry.linked_table_id) ?? null,
				added,
				index: changes.length,
			});
		}
	}
	return changes;
}

function rowsLinks(op: JsonObject): LinkChange[] {
	const current = asRecord(op.other_rows_ids_map) ?? {};
	const previous = asRecord(op.old_other_rows_ids_map) ?? {};
	const rowIds = toStringArray(op.row_id_list) ?? Object.keys(current);
	const tableId = tableIdOf(op) ?? null;
	const linkId = asString(op.link_id) ?? null;
	const otherTableId = asString(op.other_table_id) ?? null;
	const changes: LinkChange[] = [];
	for (let index = 0; index < rowIds.length; index++) {
		const rowId = rowIds[index];
		const change: LinkChange = { table_id: tableId, row_id: rowId, link_id: linkId, other_table_id: otherTableId, index };
		setDifference(change, toStringArray(current[rowId]), toStringArray(previous[rowId]));
		changes.push(change);
	}
	return changes;
}

function rowLinks(op: JsonObject): LinkChange[] {
	const change: LinkChange = {
		table_id: tableIdOf(op) ?? null,
		row_id: asString(op.row_id) ?? null,
		link_id: asString(op.link_id) ?? null,
		other_table_id: asString(op.other_table_id) ?? null,
		index: 0,
	};
	setDifference(change, toStringArray(op.other_rows_ids), toStringArray(op.old_other_rows_ids));
	return [change];
}

/** Fills added/removed from the new and old linked-row lists; a missing list counts as "none". */
function setDifference(change: LinkChange, current: string[] | undefined, previous: string[] | undefined): void {
	if (current === undefined && previous === undefined) return;
	const after = current ?? [];
	const before = previous ?? [];
	change.added = without(after, before);
	change.removed = without(before, after);
}

function without(list: string[], excluded: string[]): string[] {
	if (excluded.length === 0) return list;
	// Link lists are usually tiny; a Set only pays off for longer ones.
	if (excluded.length <= 8) return list.filter((id) => !excluded.includes(id));
	const excludedSet = new Set(excluded);
	return list.filter((id) => !excludedSet.has(id));
}

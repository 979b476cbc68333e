// Link events of a base webhook: both rows' names, and which rows were linked or unlinked.
import { asString, isRecord } from '../operations/fields';
import type { JsonObject } from '../operations/types';
import type { WebhookLink } from './types';

export type RowData = {
	column_key: string;
	column_name: string;
	column_type: string | undefined;
	column_data: JsonObject | undefined;
	value: unknown;
	old_value?: unknown;
};

/**
 * add_link/remove_link carry table1_row_id, table2_row_id and both rows' names; update_links and
 * update_rows_links carry link cells, whose values are `[{"<row id>": "<row name>"}]` (§2.4.3).
 */
export function linkDetails(data: JsonObject, opType: string, rowData: RowData[]): WebhookLink {
	const link: WebhookLink = {};
	const rowName = asString(data.table1_row_name);
	if (rowName !== undefined) link.row_name = rowName;
	const otherRowId = asString(data.table2_row_id);
	if (otherRowId !== undefined) {
		link.other_row_id = otherRowId;
		const otherName = asString(data.table2_row_name);
		if (otherName !== undefined) link.other_row_name = otherName;
		if (opType === 'add_link') link.added = [otherRowId];
		if (opType === 'remove_link') link.removed = [otherRowId];
	}
	const cell = rowData.find((entry) => entry.column_type === 'link');
	if (cell === undefined) return link;
	link.column = cell.column_name;
	const names: Record<string, string> = {};
	const now = linkedRows(cell.value, names);
	const before = linkedRows(cell.old_value, names);
	const added = now.filter((id) => !before.includes(id));
	const removed = before.filter((id) => !now.includes(id));
	if (link.added === undefined && added.length > 0) link.added = added;
	if (link.removed === undefined && removed.length > 0) link.removed = removed;
	if (Object.keys(names).length > 0) link.row_names = names;
	return link;
}

function linkedRows(value: unknown, names: Record<string, string>): string[] {
	if (!Array.isArray(value)) return [];
	const ids: string[] = [];
	for (const entry of value as unknown[]) {
		if (typeof entry === 'string') {
			ids.push(entry);
			continue;
		}
		if (!isRecord(entry)) continue;
		// {"<row id>": "<row name>"}, or the API's {row_id, display_value}.
		const rowId = asString(entry.row_id);
		if (rowId !== undefined) {
			ids.push(rowId);
			const display = entry.display_value;
			if (display !== undefined) names[rowId] = String(display);
			continue;
		}
		for (const [id, name] of Object.entries(entry)) {
			ids.push(id);
			names[id] = typeof name === 'string' ? name : JSON.stringify(name);
		}
	}
	return ids;
}

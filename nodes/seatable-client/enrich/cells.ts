// Cell values a workflow can use as they are: collaborator cells, `_creator` and `_last_modifier`
// as people `{username, name, email}`, link cells as `[{row_id, display}]` (or plain row ids).
import { isRecord } from '../operations/fields';
import { otherTableOf, type BaseSchema, type ColumnSchema } from '../operations/schema';
import type { JsonObject } from '../operations';
import type { CollaboratorDirectory } from './collaborators';

export interface LinkedRow {
	row_id: string;
	display: unknown;
}

export interface CellContext {
	schema: BaseSchema | undefined;
	tableId: string;
	/** Rows keyed by column names (resolveNames) rather than keys. */
	byName: boolean;
	/** Set with resolveCollaborators. */
	people?: CollaboratorDirectory;
	/** Set with resolveLinks: the display value of a row of another table, when known. */
	display?: (tableId: string, rowId: string) => unknown;
	/** Link cells become plain row ids when no display is wanted (full rows read by SQL carry more). */
	linkIdsOnly?: boolean;
}

const PERSON_KEYS = new Set(['_creator', '_last_modifier']);

/** A copy of `row` with the cells the context asks for made readable; other cells as they are. */
export function transformRow(row: JsonObject, context: CellContext): JsonObject {
	const out: JsonObject = {};
	for (const key in row) out[key] = transformCell(key, row[key], context);
	return out;
}

function transformCell(key: string, value: unknown, context: CellContext): unknown {
	if (PERSON_KEYS.has(key)) return context.people && typeof value === 'string' ? context.people.person(value) : value;
	const column = columnOf(key, context);
	if (column?.type === 'collaborator' && context.people && Array.isArray(value)) {
		return value.map((username) => (typeof username === 'string' ? context.people!.person(username) : username));
	}
	if (column?.type === 'link' && Array.isArray(value)) return linkCell(column, value, context);
	return value;
}

function linkCell(column: ColumnSchema, value: unknown[], context: CellContext): unknown {
	const other = column.link ? otherTableOf(column.link, context.tableId) : undefined;
	if (context.display) {
		return value.map((entry): LinkedRow | unknown => {
			const rowId = linkedRowId(entry);
			if (rowId === undefined) return entry;
			const known = isRecord(entry) && 'display_value' in entry ? entry.display_value : undefined;
			return { row_id: rowId, display: known ?? (other ? (context.display!(other, rowId) ?? null) : null) };
		});
	}
	return context.linkIdsOnly ? value.map((entry) => linkedRowId(entry) ?? entry) : value;
}

export function linkedRowId(entry: unknown): string | undefined {
	if (typeof entry === 'string') return entry;
	return isRecord(entry) && typeof entry.row_id === 'string' ? entry.row_id : undefined;
}

function columnOf(key: string, context: CellContext): ColumnSchema | undefined {
	const table = context.schema?.table(context.tableId);
	if (table === undefined) return undefined;
	return context.byName ? table.columnsByName.get(key) : table.columnsByKey.get(key);
}

/** Usernames in the collaborator cells and person keys of `row`. */
export function usernamesIn(row: JsonObject | undefined, context: CellContext, into: Set<string>): void {
	if (!row) return;
	for (const key in row) {
		const value = row[key];
		if (PERSON_KEYS.has(key)) {
			if (typeof value === 'string') into.add(value);
		} else if (columnOf(key, context)?.type === 'collaborator' && Array.isArray(value)) {
			for (const username of value) if (typeof username === 'string') into.add(username);
		}
	}
}

/** Rows of other tables that link cells of `row` name without a display value: [table id, row id]. */
export function linkTargetsIn(row: JsonObject | undefined, context: CellContext, into: Array<[string, string]>): void {
	if (!row) return;
	for (const key in row) {
		const column = columnOf(key, context);
		const value = row[key];
		if (column?.type !== 'link' || !column.link || !Array.isArray(value)) continue;
		const other = otherTableOf(column.link, context.tableId);
		if (other === undefined) continue;
		for (const entry of value) if (typeof entry === 'string') into.push([other, entry]);
	}
}

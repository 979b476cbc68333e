// The user's item filters: categories, tables and watched columns.
import type { OperationCategory } from './classify';
import { changedColumnKeys, type RowChange } from './rowChanges';
import type { BaseSchema } from './schema';

/** Unknown op_types (no category) pass only when no category is selected. */
export function passesCategory(category: OperationCategory | undefined, selected: readonly OperationCategory[]): boolean {
	if (selected.length === 0) return true;
	return category !== undefined && selected.includes(category);
}

export function passesTable(tableId: string | null, selected: readonly string[]): boolean {
	return selected.length === 0 || (tableId !== null && selected.includes(tableId));
}

// Options objects are reused for every event, so the watched set is built once per list.
const watchSetCache = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The watched column names/keys as a set; undefined when nothing is watched. */
export function watchSetOf(watchColumns: readonly string[]): ReadonlySet<string> | undefined {
	if (watchColumns.length === 0) return undefined;
	let watched = watchSetCache.get(watchColumns);
	if (watched === undefined) {
		watched = new Set(watchColumns);
		watchSetCache.set(watchColumns, watched);
	}
	return watched;
}

/**
 * True when the change should be kept under the watched columns: only updates are filtered,
 * and they pass when a changed column matches by key or (with a schema) by name.
 */
export function touchesWatchedColumn(change: RowChange, watched: ReadonlySet<string>, schema: BaseSchema | undefined): boolean {
	if (change.kind !== 'rowUpdated') return true;
	const table = change.table_id === null ? undefined : schema?.table(change.table_id);
	for (const key of changedColumnKeys(change)) {
		if (watched.has(key)) return true;
		const name = table?.columnsByKey.get(key)?.name;
		if (name !== undefined && watched.has(name)) return true;
	}
	return false;
}

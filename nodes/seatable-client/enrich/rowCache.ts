// Rows the stream has just seen, keyed by table and row id, as SeaTable stores them (column keys).
// Short-lived: an entry expires `ttlMs` after it was read from SeaTable, so computed cells
// (formulas, links' display values) are never older than that; changes on the stream patch it
// meanwhile. Bounded: past `maxRows` the least recently used row goes.
import type { JsonObject } from '../operations';

interface Entry {
	row: JsonObject;
	expiresAt: number;
}

export class RowCache {
	private readonly rows = new Map<string, Entry>();

	constructor(
		private readonly ttlMs: number,
		private readonly maxRows: number,
		private readonly now: () => number = Date.now,
	) {}

	get(tableId: string, rowId: string): JsonObject | undefined {
		const key = keyOf(tableId, rowId);
		const entry = this.rows.get(key);
		if (entry === undefined) return undefined;
		if (entry.expiresAt <= this.now()) {
			this.rows.delete(key);
			return undefined;
		}
		// Most recently used last: Map keeps insertion order.
		this.rows.delete(key);
		this.rows.set(key, entry);
		return entry.row;
	}

	/** A row as read from SeaTable (or created by a change, which carries it whole). */
	set(tableId: string, rowId: string, row: JsonObject): void {
		const key = keyOf(tableId, rowId);
		this.rows.delete(key);
		this.rows.set(key, { row, expiresAt: this.now() + this.ttlMs });
		while (this.rows.size > this.maxRows) {
			const oldest = this.rows.keys().next().value;
			if (oldest === undefined) break;
			this.rows.delete(oldest);
		}
	}

	/** Applies a change's new cell values; false when the row is not cached (then it must be read). */
	patch(tableId: string, rowId: string, values: JsonObject): boolean {
		const row = this.get(tableId, rowId);
		if (row === undefined) return false;
		Object.assign(row, values);
		return true;
	}

	delete(tableId: string, rowId: string): void {
		this.rows.delete(keyOf(tableId, rowId));
	}

	get size(): number {
		return this.rows.size;
	}

	clear(): void {
		this.rows.clear();
	}
}

function keyOf(tableId: string, rowId: string): string {
	return tableId + '\u0000' + rowId;
}

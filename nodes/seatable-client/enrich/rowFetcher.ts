// Reads rows by id, many per call: every row asked for while a fetch waits shares one SQL query
// per table. At most one round of queries a `minIntervalMs` (a steady stream of changes costs at
// most one call a second), except that a round with `MAX_IDS` rows waiting goes at once (a burst).
//
// Why SQL (`SELECT * FROM `t` WHERE _id IN (…)`): it is the only read that takes a list of row ids.
// The protocol notes (seatable-protocol.md §2.1) list `dtable_db` as the "legacy SQL base URL" and
// the API gateway of SeaTable >= 5.3 as "a proxy for dtable-server and dtable-db" (§3.4), so the
// SQL route is `{server}/api-gateway/api/v2/dtables/{uuid}/sql/` there and dtable-db's
// `/api/v1/query/{uuid}/` before; the exact route and body `{sql, convert_keys}` are not in the
// notes [INF, from SeaTable's public API reference]. The rows endpoint reads one row per call by
// id, or a whole table a page at a time: no batch by id.
import type { SeaTableClient } from '../client';
import type { JsonObject } from '../operations';

/** Row ids SeaTable makes are 22 URL-safe base64 characters; anything else is not put into SQL. */
const ROW_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Rows per query: keeps the statement short (about 5 KB). */
export const MAX_IDS = 200;

interface Waiter {
	resolve(row: JsonObject | undefined): void;
	reject(error: Error): void;
}

export interface RowFetcherOptions {
	minIntervalMs: number;
	/** The table's name for SQL, from the schema; undefined when the table is unknown. */
	tableName(tableId: string): string | undefined;
	/** Each row read, for the cache. */
	onRow(tableId: string, row: JsonObject): void;
	now?: () => number;
}

export class RowFetcher {
	private readonly waiting = new Map<string, Map<string, Waiter[]>>();
	private waitingCount = 0;
	private timer: NodeJS.Timeout | undefined;
	private lastRoundAt = -Infinity;
	private stopped = false;
	private readonly now: () => number;

	constructor(
		private readonly client: SeaTableClient,
		private readonly options: RowFetcherOptions,
	) {
		this.now = options.now ?? Date.now;
	}

	/** The row as SeaTable has it now; undefined when it does not exist (any more). */
	get(tableId: string, rowId: string): Promise<JsonObject | undefined> {
		if (this.stopped) return Promise.reject(new Error('the trigger stopped'));
		if (!ROW_ID.test(rowId)) return Promise.reject(new Error(`"${rowId.slice(0, 64)}" is not a row id`));
		return new Promise((resolve, reject) => {
			let rows = this.waiting.get(tableId);
			if (rows === undefined) this.waiting.set(tableId, (rows = new Map()));
			const waiters = rows.get(rowId);
			if (waiters !== undefined) waiters.push({ resolve, reject });
			else {
				rows.set(rowId, [{ resolve, reject }]);
				this.waitingCount++;
			}
			this.schedule();
		});
	}

	stop(): void {
		this.stopped = true;
		clearTimeout(this.timer);
		this.timer = undefined;
		this.failAll(this.takeWaiting(), new Error('the trigger stopped'));
	}

	private schedule(): void {
		const full = this.waitingCount >= MAX_IDS;
		if (this.timer !== undefined && !full) return;
		clearTimeout(this.timer);
		const delay = full ? 0 : Math.max(0, this.lastRoundAt + this.options.minIntervalMs - this.now());
		this.timer = setTimeout(() => {
			this.timer = undefined;
			void this.round();
		}, delay);
	}

	private async round(): Promise<void> {
		this.lastRoundAt = this.now();
		const batch = this.takeWaiting();
		await Promise.all([...batch].map(([tableId, rows]) => this.readTable(tableId, rows)));
	}

	private takeWaiting(): Map<string, Map<string, Waiter[]>> {
		const batch = new Map(this.waiting);
		this.waiting.clear();
		this.waitingCount = 0;
		return batch;
	}

	private async readTable(tableId: string, rows: Map<string, Waiter[]>): Promise<void> {
		const name = this.options.tableName(tableId);
		if (name === undefined || name.includes('`')) {
			this.failAll(new Map([[tableId, rows]]), new Error(`table ${tableId} is not known (or its name cannot be queried)`));
			return;
		}
		const ids = [...rows.keys()];
		for (let start = 0; start < ids.length; start += MAX_IDS) {
			const chunk = ids.slice(start, start + MAX_IDS);
			const list = chunk.map((id) => `'${id}'`).join(',');
			try {
				const found = await this.client.querySql(`SELECT * FROM \`${name}\` WHERE _id IN (${list}) LIMIT ${chunk.length}`);
				const byId = new Map<string, JsonObject>();
				for (const row of found) if (row && typeof row._id === 'string') byId.set(row._id, row);
				for (const id of chunk) {
					const row = byId.get(id);
					if (row !== undefined) this.options.onRow(tableId, row);
					for (const waiter of rows.get(id) ?? []) waiter.resolve(row);
				}
			} catch (error) {
				for (const id of chunk) for (const waiter of rows.get(id) ?? []) waiter.reject(error as Error);
			}
		}
	}

	private failAll(batch: Map<string, Map<string, Waiter[]>>, error: Error): void {
		for (const rows of batch.values()) for (const waiters of rows.values()) for (const waiter of waiters) waiter.reject(error);
	}
}

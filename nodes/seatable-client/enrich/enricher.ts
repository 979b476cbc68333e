// Adds what a workflow would otherwise need another call for: the whole row (`full_row`), people by
// name, links by display value. Sits around the stream's mapper (to keep a cache of the rows just
// seen, patched by every change, filtered or not) and its deliverer (to read what is missing, many
// rows per call, then emit in the original order).
import type { SeaTableClient } from '../client';
import type { Logger } from '../logger';
import { splitLinkChanges, splitRowChanges, type ChangeEvent, type EventItem, type JsonObject, type LinkChange } from '../operations';
import type { SchemaCache } from '../events/schemaCache';
import { linkedRowId, linkTargetsIn, transformRow, usernamesIn, type CellContext } from './cells';
import { collaboratorsFor, COLLABORATOR_REFRESH_MS, type CollaboratorDirectory } from './collaborators';
import { RowCache } from './rowCache';
import { RowFetcher } from './rowFetcher';

export interface ItemOptions {
	includeFullRow: boolean;
	resolveCollaborators: boolean;
	resolveLinks: boolean;
	/** As the trigger's resolveNames: rows keyed by column names. */
	resolveNames: boolean;
}

export interface EnrichTiming {
	/** At most one round of row reads per this many ms (a burst of 200 rows goes at once). */
	minFetchIntervalMs: number;
	cacheTtlMs: number;
	maxCachedRows: number;
	collaboratorRefreshMs: number;
}

export const DEFAULT_TIMING: EnrichTiming = { minFetchIntervalMs: 1000, cacheTtlMs: 60_000, maxCachedRows: 5000, collaboratorRefreshMs: COLLABORATOR_REFRESH_MS };
/** Deliveries waiting for reads before the stream is held (it then keeps the changes, or re-reads them). */
const MAX_PENDING_DELIVERIES = 2000;

type Mapper = (event: ChangeEvent) => EventItem[] | Promise<EventItem[]>;
type Deliver = (items: EventItem[]) => void | Promise<void>;
type Read = { row?: JsonObject; error?: string };

export function wantsItemEnrichment(options: ItemOptions): boolean {
	return options.includeFullRow || options.resolveCollaborators || options.resolveLinks;
}

export class ItemEnricher {
	private readonly cache: RowCache;
	/** Display values (first column) of rows seen: links change link cells, never these. */
	private readonly displays: RowCache;
	private readonly fetcher: RowFetcher;
	private readonly people: CollaboratorDirectory | undefined;
	/** Per row item: the row after its change, when the cache or the change itself knows it. */
	private readonly known = new WeakMap<EventItem, JsonObject>();
	private tail: Promise<void> = Promise.resolve();
	private pending = 0;
	private stopped = false;

	constructor(
		client: SeaTableClient,
		private readonly schemas: SchemaCache,
		private readonly options: ItemOptions,
		private readonly logger: Logger,
		private readonly timing: EnrichTiming = DEFAULT_TIMING,
	) {
		this.cache = new RowCache(timing.cacheTtlMs, timing.maxCachedRows);
		this.displays = new RowCache(timing.cacheTtlMs, timing.maxCachedRows);
		this.fetcher = new RowFetcher(client, {
			minIntervalMs: timing.minFetchIntervalMs,
			tableName: (tableId) => (this.schemas.fresh ?? this.schemas.lastKnown)?.tableName(tableId),
			onRow: (tableId, row) => this.remember(tableId, row._id as string, row),
		});
		this.people = options.resolveCollaborators ? collaboratorsFor(client) : undefined;
	}

	/** At activation: the one read of the base's people. */
	async start(): Promise<void> {
		// Table names for the SQL reads, even when items keep column keys.
		if (this.options.includeFullRow || this.options.resolveLinks) await this.schemas.get().catch(() => undefined);
		await this.people?.load().catch((error: Error) => this.logger.warn(`SeaTable realtime: could not read the base's collaborators yet (${logValue(error.message)})`));
	}

	stop(): void {
		this.stopped = true;
		this.fetcher.stop();
		this.cache.clear();
		this.displays.clear();
	}

	mapper(inner: Mapper): Mapper {
		return (event) => {
			const items = inner(event);
			if (items instanceof Promise) return items.then((mapped) => this.observe(event, mapped));
			return this.observe(event, items);
		};
	}

	deliverer(inner: Deliver): Deliver {
		return (items) => {
			if (this.stopped) return;
			const reads = this.read(items);
			this.pending++;
			const run = this.tail
				.then(() => reads)
				.then((done) => {
					if (this.stopped) return;
					this.shape(items, done);
					return inner(items);
				})
				.catch((error: Error) => this.logger.error(`SeaTable realtime: could not complete items (${logValue(error?.message)})`))
				.finally(() => this.pending--);
			this.tail = run;
			// Too many waiting: hold the stream until these are out.
			return this.pending > MAX_PENDING_DELIVERIES ? run : undefined;
		};
	}

	/** In stream order: every change patches the cache; row items remember the row after it. */
	private observe(event: ChangeEvent, items: EventItem[]): EventItem[] {
		const after = new Map<string, JsonObject>();
		for (const change of splitRowChanges(event.operation)) {
			const tableId = change.table_id;
			if (tableId === null) continue;
			if (change.kind === 'rowCreated') {
				this.remember(tableId, change.row_id, { ...change.row });
				after.set(change.row_id, { ...change.row });
			} else if (change.kind === 'rowUpdated') {
				if (this.cache.patch(tableId, change.row_id, change.row)) after.set(change.row_id, { ...this.cache.get(tableId, change.row_id) });
				this.displays.patch(tableId, change.row_id, change.row);
			} else {
				// A deleted row is gone from SeaTable: its content comes with the change.
				this.cache.delete(tableId, change.row_id);
				this.displays.delete(tableId, change.row_id);
				after.set(change.row_id, { ...change.row });
			}
		}
		// Links change the link cells of rows on both sides: patched in the rows cached.
		for (const link of splitLinkChanges(event.operation)) this.patchLinks(link);
		for (const item of items) {
			const row = item.row_id !== null && item.row !== undefined ? after.get(item.row_id) : undefined;
			if (row !== undefined) this.known.set(item, row);
		}
		return items;
	}

	/** Starts every read the items need at once; resolves with the full rows read. */
	private async read(items: EventItem[]): Promise<Map<EventItem, Read>> {
		const full = new Map<EventItem, Read>();
		if (this.options.includeFullRow) {
			await Promise.all(
				items.map(async (item) => {
					if (item.row === undefined || item.row_id === null || item.table_id === null) return;
					const known = this.known.get(item);
					if (known !== undefined) return void full.set(item, { row: known });
					try {
						const row = await this.fetcher.get(item.table_id, item.row_id);
						full.set(item, row === undefined ? { error: 'the row no longer exists in SeaTable (deleted after this change)' } : { row: { ...row } });
					} catch (error) {
						full.set(item, { error: `could not read the row from SeaTable: ${logValue((error as Error).message)}` });
					}
				}),
			);
		}
		const usernames = new Set<string>();
		const targets: Array<[string, string]> = [];
		for (const item of items) {
			if (item.table_id === null) continue;
			const context = this.context(item.table_id);
			const rawContext = { ...context, byName: false };
			for (const row of [item.row, item.old_row]) {
				usernamesIn(row, context, usernames);
				linkTargetsIn(row, context, targets);
			}
			usernamesIn(full.get(item)?.row, rawContext, usernames);
			if (item.modifier) usernames.add(item.modifier);
			const other = item.link?.other_table_id;
			if (other) for (const id of [...(item.link?.added ?? []), ...(item.link?.removed ?? [])]) targets.push([other, id]);
		}
		const waits: Promise<unknown>[] = [];
		if (this.people && usernames.size > 0) waits.push(this.people.refreshFor(usernames, this.timing.collaboratorRefreshMs).catch(() => undefined));
		if (this.options.resolveLinks) {
			for (const [tableId, rowId] of targets) {
				if (this.display(tableId, rowId) === undefined) waits.push(this.fetcher.get(tableId, rowId).catch(() => undefined));
			}
		}
		await Promise.all(waits);
		return full;
	}

	private shape(items: EventItem[], full: Map<EventItem, Read>): void {
		for (const item of items) {
			const context = item.table_id === null ? undefined : this.context(item.table_id);
			const reshape = context && (this.people || this.options.resolveLinks);
			if (reshape) {
				if (item.row) item.row = transformRow(item.row, context);
				if (item.old_row) item.old_row = transformRow(item.old_row, context);
			}
			const read = full.get(item);
			if (read !== undefined && context) {
				const extra = item as EventItem & { full_row?: JsonObject | null; full_row_error?: string };
				if (read.row) extra.full_row = this.readableFullRow(read.row, context);
				else {
					extra.full_row = null;
					extra.full_row_error = read.error;
				}
			}
			if (this.people && item.modifier) {
				const person = this.people.person(item.modifier);
				Object.assign(item, { modifier_name: person.name, modifier_email: person.email });
			}
			if (this.options.resolveLinks && item.link?.other_table_id) {
				const other = item.link.other_table_id;
				const rows = (ids: string[] | undefined) => ids?.map((id) => ({ row_id: id, display: this.display(other, id) ?? null }));
				Object.assign(item.link, { added_rows: rows(item.link.added), removed_rows: rows(item.link.removed) });
			}
		}
	}

	private readableFullRow(raw: JsonObject, context: CellContext): JsonObject {
		const schema = context.schema;
		const keyed = { ...context, byName: false, linkIdsOnly: true };
		const cells = transformRow(raw, keyed);
		return this.options.resolveNames && schema ? schema.readableRow(context.tableId, cells) : cells;
	}

	private context(tableId: string): CellContext {
		return {
			schema: this.schemas.fresh ?? this.schemas.lastKnown,
			tableId,
			byName: this.options.resolveNames,
			people: this.people,
			display: this.options.resolveLinks ? (table, rowId) => this.display(table, rowId) : undefined,
		};
	}

	private patchLinks(link: LinkChange): void {
		const schema = this.schemas.fresh ?? this.schemas.lastKnown;
		const { table_id: tableId, row_id: rowId, other_table_id: otherId } = link;
		if (tableId === null || otherId === null) return;
		const here = schema?.linkColumn(tableId, link.link_id, otherId)?.key;
		const there = schema?.linkColumn(otherId, link.link_id, tableId)?.key;
		if (rowId !== null) this.patchLinkCell(tableId, rowId, here, otherId, link.added ?? [], link.removed ?? []);
		for (const id of link.added ?? []) this.patchLinkCell(otherId, id, there, tableId, rowId === null ? [] : [rowId], []);
		for (const id of link.removed ?? []) this.patchLinkCell(otherId, id, there, tableId, [], rowId === null ? [] : [rowId]);
	}

	/** Cells as SQL gives them (`[{row_id, display_value}]`); a cell that cannot be patched is read again. */
	private patchLinkCell(tableId: string, rowId: string, columnKey: string | undefined, otherTableId: string, added: string[], removed: string[]): void {
		const row = this.cache.get(tableId, rowId);
		if (row === undefined) return;
		const cell = columnKey === undefined ? undefined : row[columnKey];
		if (columnKey === undefined || (cell !== undefined && !Array.isArray(cell))) return this.cache.delete(tableId, rowId);
		const gone = new Set(removed);
		const kept = ((cell as unknown[] | undefined) ?? []).filter((entry) => !gone.has(linkedRowId(entry) ?? ''));
		for (const id of added) {
			if (!kept.some((entry) => linkedRowId(entry) === id)) kept.push({ row_id: id, display_value: this.display(otherTableId, id) ?? null });
		}
		row[columnKey] = kept;
	}

	private remember(tableId: string, rowId: string, row: JsonObject): void {
		this.cache.set(tableId, rowId, row);
		const key = this.firstColumnKey(tableId);
		if (key !== undefined) this.displays.set(tableId, rowId, { [key]: row[key] ?? null });
	}

	private firstColumnKey(tableId: string): string | undefined {
		return (this.schemas.fresh ?? this.schemas.lastKnown)?.table(tableId)?.columnsByKey.keys().next().value;
	}

	/** A row's display value: its table's first column, as SeaTable shows linked rows. */
	private display(tableId: string, rowId: string): unknown {
		const row = this.displays.get(tableId, rowId);
		const firstKey = this.firstColumnKey(tableId);
		return row === undefined || firstKey === undefined ? undefined : row[firstKey];
	}
}

/** Server text in a log line or item: one line, at most 300 characters. */
function logValue(text: unknown): string {
	const line = String(text ?? '').replace(/\s+/g, ' ');
	return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

// Reads what was missed from the base's operation log, which lists operations newest first with
// `op_id` equal to the `update-dtable` version. It reads at most `limit` entries into memory (the
// oldest ones after a version), ends on a log that repeats its pages, and stops when told to.
import type { SeaTableClient } from '../client';
import { toVersion } from '../serverValues';
import type { OperationLogEntry } from '../types';

export interface LoggedOperation {
	version: number;
	entry: OperationLogEntry;
}

export interface LogWindow {
	/** The oldest entries newer than the requested version (at most `limit`), oldest first. */
	entries: LoggedOperation[];
	/** False when the log ended, repeated itself or hit `maxGap` before reaching back to the version. */
	complete: boolean;
	/** True when the log holds entries newer than the last one returned: read again from there. */
	more: boolean;
	/** The newest version in the log, when it has one. */
	newest: number | undefined;
}

export interface LogReadOptions {
	/** Read entries with a version above this one. */
	after: number;
	/** The most entries returned (and kept in memory while paging). */
	limit: number;
	/** Skip entries more than this many versions behind the newest (the log says so). */
	maxGap: number;
	signal: AbortSignal;
}

// Servers that honour a page size let us read 1,000 at a time; others answer their default page.
// Large pages keep ahead of a busy base: changes made while we page shift the later pages down.
const PAGE_SIZE = 1000;
// Pages in a row that bring nothing older: the log ended, or the server ignores `page`.
const MAX_STALLED_PAGES = 3;

/** The version of the newest entry in the log, or undefined when the log is empty. */
export async function newestLogVersion(client: SeaTableClient, signal: AbortSignal): Promise<number | undefined> {
	const [entry] = await client.getOperations(1, 1, signal);
	return entry ? toVersion(entry.op_id) : undefined;
}

export async function readLogWindow(client: SeaTableClient, options: LogReadOptions): Promise<LogWindow> {
	const firstPage = await readPage(client, 1, options.signal);
	const newest = firstPage.reduce<number | undefined>((max, item) => (max === undefined || item.version > max ? item.version : max), undefined);
	if (newest === undefined) return { entries: [], complete: true, more: false, newest };
	// A base restored from a snapshot: nothing in the log is newer; the caller resets its watermark.
	if (newest <= options.after) return { entries: [], complete: true, more: false, newest };
	const after = newest - options.after > options.maxGap ? newest - options.maxGap : options.after;
	const skipped = after > options.after;

	// Op ids are consecutive versions, so the oldest wanted entries sit about this many pages down:
	// jump there (one page early, for changes made meanwhile) instead of paging the whole gap.
	const pageLength = firstPage.length;
	const entriesAbove = newest - (after + options.limit) - pageLength;
	const seekPage = pageLength > 0 && entriesAbove > pageLength ? Math.floor(entriesAbove / pageLength) + 1 : 2;
	let scan = await scanDown(client, firstPage, seekPage, after, options);
	// The jump landed too far (versions with gaps): page through from the top after all.
	if (seekPage > 2 && !options.signal.aborted && scan.window.size < options.limit) scan = await scanDown(client, firstPage, 2, after, options);

	const entries = oldest(scan.window, options.limit);
	const last = entries.at(-1)?.version;
	const complete = !skipped && (scan.reachedBack || (entries.length > 0 && entries[0].version === after + 1));
	return { entries, complete, more: last !== undefined && last < newest, newest };
}

interface Scan {
	window: Map<number, LoggedOperation>;
	reachedBack: boolean;
}

/** Pages from `startPage` towards older entries until one at or below `after`, the end, or a repeat. */
async function scanDown(client: SeaTableClient, firstPage: LoggedOperation[], startPage: number, after: number, options: LogReadOptions): Promise<Scan> {
	const window = new Map<number, LoggedOperation>();
	let oldestSeen = Infinity;
	let reachedBack = false;
	const take = (page: LoggedOperation[]): boolean => {
		let progressed = false;
		for (const item of page) {
			if (item.version < oldestSeen) {
				oldestSeen = item.version;
				progressed = true;
			}
			if (item.version <= after) reachedBack = true;
			// Operations made while we page shift later pages: the map drops the repeats.
			else window.set(item.version, item);
		}
		if (window.size > 2 * options.limit) trimToOldest(window, options.limit);
		return progressed;
	};
	// The first page counts only when it is where the scan starts: a jump skips what lies between.
	if (startPage === 2) take(firstPage);
	else for (const item of firstPage) oldestSeen = Math.min(oldestSeen, item.version);
	let stalled = 0;
	for (let page = startPage; !reachedBack && !options.signal.aborted; page++) {
		const entries = await readPage(client, page, options.signal);
		if (entries.length === 0) break;
		// Nothing older than what was seen: shifted by new changes, or a server that ignores `page`.
		stalled = take(entries) ? 0 : stalled + 1;
		if (stalled >= MAX_STALLED_PAGES) break;
	}
	return { window, reachedBack };
}

async function readPage(client: SeaTableClient, page: number, signal: AbortSignal): Promise<LoggedOperation[]> {
	const entries = await client.getOperations(page, PAGE_SIZE, signal);
	const usable: LoggedOperation[] = [];
	if (!Array.isArray(entries)) return usable;
	for (const entry of entries) {
		// Only a safe integer orders an entry; a numeric string ("118") is taken as the number.
		const version = entry && typeof entry === 'object' ? toVersion(entry.op_id) : undefined;
		if (version !== undefined && typeof entry.operation === 'string') usable.push({ version, entry });
	}
	return usable;
}

function oldest(window: Map<number, LoggedOperation>, limit: number): LoggedOperation[] {
	return [...window.values()].sort((a, b) => a.version - b.version).slice(0, limit);
}

function trimToOldest(window: Map<number, LoggedOperation>, limit: number): void {
	const versions = [...window.keys()].sort((a, b) => a - b);
	for (const version of versions.slice(limit)) window.delete(version);
}

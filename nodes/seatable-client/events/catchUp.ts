// Reads what was missed from the base's operation log, which lists operations newest first with
// `op_id` equal to the `update-dtable` version.
import type { SeaTableClient } from '../client';
import type { OperationLogEntry } from '../types';

export interface MissedOperations {
	/** Entries newer than the requested version, oldest first. */
	entries: OperationLogEntry[];
	/** False when the log ended (or the limit was hit) before reaching back to the version. */
	complete: boolean;
}

// Servers that honour a page size let us read 1,000 at a time (10,000 missed changes: 11 calls instead of 400); others answer their default page.
const PAGE_SIZE = 1000;

export async function readOperationsSince(
	client: SeaTableClient,
	sinceVersion: number,
	maxOperations: number,
): Promise<MissedOperations> {
	const byVersion = new Map<number, OperationLogEntry>();
	let complete = false;
	for (let page = 1; ; page++) {
		const entries = await client.getOperations(page, PAGE_SIZE);
		if (entries.length === 0) break;
		for (const entry of entries) {
			if (typeof entry.op_id !== 'number') continue;
			if (entry.op_id <= sinceVersion) {
				complete = true;
				continue;
			}
			// Operations made while we page shift later pages: the map drops the repeats.
			byVersion.set(entry.op_id, entry);
		}
		if (complete || byVersion.size >= maxOperations) break;
	}
	const ascending = [...byVersion.values()].sort((a, b) => a.op_id - b.op_id);
	if (ascending.length > maxOperations) {
		return { entries: ascending.slice(ascending.length - maxOperations), complete: false };
	}
	// Nothing older in the log, but the log reaches right to the version: nothing was lost.
	if (!complete && ascending.length > 0 && ascending[0].op_id === sinceVersion + 1) complete = true;
	if (!complete && ascending.length === 0) complete = true;
	return { entries: ascending, complete };
}

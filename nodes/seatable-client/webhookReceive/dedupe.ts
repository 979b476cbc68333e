// A small in-process window of recent event ids: a redelivered identical event starts nothing.
// Bounded in size and time, per process: n8n (2.8 to 2.41) has no dedupe key for webhook executions.

const MAX_ENTRIES = 10_000;

/** key → when it may be delivered again (ms). Map order is insertion order: oldest first. */
const seen = new Map<string, number>();

/** True the first time `scope` + `eventId` arrives within `windowMs`; false for a repeat. */
export function firstDelivery(scope: string, eventId: string, windowMs: number, now = Date.now()): boolean {
	if (windowMs <= 0 || eventId === '') return true;
	const key = scope + '\n' + eventId;
	const until = seen.get(key);
	if (until !== undefined && now < until) return false;
	seen.delete(key);
	seen.set(key, now + windowMs);
	for (const [oldKey, oldUntil] of seen) {
		if (seen.size <= MAX_ENTRIES && now < oldUntil) break;
		seen.delete(oldKey);
	}
	return true;
}

/** How many ids are remembered (for tests of the bound). */
export function rememberedDeliveries(): number {
	return seen.size;
}

/** For tests: forget every id. */
export function clearDeliveries(): void {
	seen.clear();
}

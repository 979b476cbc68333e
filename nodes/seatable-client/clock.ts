// The current time as an ISO string, formatted once per millisecond: a burst of changes arriving
// together shares one string instead of formatting a Date for each.
let lastMs = -1;
let lastIso = '';

export function nowIso(): string {
	const ms = Date.now();
	if (ms !== lastMs) {
		lastMs = ms;
		lastIso = new Date(ms).toISOString();
	}
	return lastIso;
}

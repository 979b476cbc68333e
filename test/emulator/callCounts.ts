// Calls by endpoint, for API-budget tests and the bench: the last path segment names the endpoint
// (`…/dtables/:uuid/metadata/` → `metadata`; the legacy SQL route `…/query/:uuid/` → `sql`).
import type { RequestRecord } from './types';

export function endpointOf(path: string): string {
	if (path.includes('/socket.io')) return 'socket.io';
	if (/\/dtable-db\/api\/v1\/query\//.test(path)) return 'sql';
	const segments = path.split('/').filter(Boolean);
	return segments.at(-1) ?? '/';
}

export function countByEndpoint(requests: readonly RequestRecord[]): Record<string, number> {
	const counts: Record<string, number> = {};
	for (const request of requests) {
		const endpoint = endpointOf(request.path);
		if (endpoint === 'socket.io') continue;
		counts[endpoint] = (counts[endpoint] ?? 0) + 1;
	}
	return counts;
}

// Where a base's calls go. SeaTable >= 5.3 serves everything under `{server}/api-gateway`; older
// servers serve base calls from `dtable_server` (`…/dtable-server/api/v1/…`). The auth answer's
// `use_api_gateway` tells which.
import type { BaseAccess } from './baseAccess';

export type BaseResource = 'metadata' | 'related-users' | 'operations' | 'ui-toasts' | 'sql' | `rows/${string}`;

export function baseResourceUrl(serverUrl: string, access: BaseAccess, resource: BaseResource): string {
	const uuid = encodeURIComponent(access.dtableUuid);
	if (access.useApiGateway) return `${serverUrl}/api-gateway/api/v2/dtables/${uuid}/${resource}/`;
	// Before the gateway, collaborators were served by dtable-web, not dtable-server.
	if (resource === 'related-users') return `${serverUrl}/api/v2.1/dtables/${uuid}/related-users/`;
	// SQL was dtable-db's (the auth answer's `dtable_db`, by default `{server}/dtable-db/`).
	if (resource === 'sql') return `${serverUrl}/dtable-db/api/v1/query/${uuid}/`;
	return `${access.dtableServer}/api/v1/dtables/${uuid}/${resource}/`;
}

export interface SocketTarget {
	/** Scheme and host to connect to: the host of `dtable_server`, as SeaTable's own SDK does. */
	origin: string;
	path: string;
}

export function socketTarget(serverUrl: string, access: BaseAccess): SocketTarget {
	let origin: string;
	try {
		origin = new URL(access.dtableServer).origin;
	} catch {
		origin = new URL(serverUrl).origin;
	}
	return { origin, path: access.useApiGateway ? '/api-gateway/socket.io' : '/socket.io' };
}

// The token answer's `dtable_server` decides where the base token goes next (base calls on old
// servers, the socket's join-room on all). The Server URL's own host is trusted as the user typed
// it; another host only over https, and only when the Server URL itself is https.
import { SeaTableError } from './errors';

const HINT =
	'Check the Server URL. If it is right, the SeaTable server is misconfigured: its DTABLE_SERVER_URL (or SEATABLE_SERVER_HOSTNAME and protocol) must name this server, over https when the Server URL uses https.';

/** `dtable_server` without trailing slashes, when it is a safe place for the base token. */
export function checkDtableServer(value: unknown, serverUrl: string, request: string): string {
	if (typeof value !== 'string' || value.trim() === '') return serverUrl;
	const text = value.trim().replace(/\/+$/, '');
	const server = new URL(serverUrl);
	const target = URL.canParse(text) ? new URL(text) : undefined;
	if (target === undefined || (target.protocol !== 'https:' && target.protocol !== 'http:')) {
		throw refused(`an address that is not http(s)`, request);
	}
	if (target.hostname.toLowerCase() === server.hostname.toLowerCase()) return text;
	if (server.protocol !== 'https:') {
		throw refused(`another host (${target.host}) while the Server URL uses plain http`, request);
	}
	if (target.protocol !== 'https:') {
		throw refused(`another host (${target.host}) over plain http`, request);
	}
	return text;
}

function refused(where: string, request: string): SeaTableError {
	return new SeaTableError(`The SeaTable server asked to send the base token to ${where}; it was not sent`, {
		kind: 'invalidServerUrl',
		hint: HINT,
		setting: 'serverUrl',
		request,
	});
}

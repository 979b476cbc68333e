import { SeaTableError } from './errors';

/**
 * Normalises the Server URL a user typed: trims it, drops trailing slashes, and insists on http(s).
 * A path is kept (a SeaTable behind a reverse-proxy prefix), a query or fragment is not.
 */
export function normalizeServerUrl(input: string): string {
	const trimmed = (input ?? '').trim();
	let url: URL;
	try {
		url = new URL(trimmed);
	} catch {
		throw new SeaTableError(`"${trimmed}" is not a valid Server URL`, {
			kind: 'invalidServerUrl',
			hint: 'Enter the full address of your SeaTable server, for example https://cloud.seatable.io.',
		});
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new SeaTableError(`The Server URL must start with https:// or http://, not ${url.protocol}//`, {
			kind: 'invalidServerUrl',
			hint: 'Enter the full address of your SeaTable server, for example https://cloud.seatable.io.',
		});
	}
	return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
}

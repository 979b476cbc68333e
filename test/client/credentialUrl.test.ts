// The credential's Test request goes where the nodes' requests go: n8n evaluates its baseURL
// expression (here with n8n's own expression engine), the nodes use normalizeServerUrl.
import { describe, expect, test } from '@jest/globals';
import { Expression } from 'n8n-workflow';

import { SeaTableRealtimeApi } from '../../credentials/SeaTableRealtimeApi.credentials';
import { normalizeServerUrl } from '../../nodes/seatable-client';

const TOKEN_PATH = '/api/v2.1/dtable/app-access-token/';
const credential = new SeaTableRealtimeApi();

/** The URL n8n's credential test requests for this Server URL. */
function testedUrl(serverUrl: string): string {
	const { baseURL, url } = credential.test.request;
	expect(typeof baseURL).toBe('string');
	// resolveWithoutWorkflow takes the expression without n8n's leading "=".
	const base = Expression.resolveWithoutWorkflow(String(baseURL).slice(1), { $credentials: { serverUrl } });
	expect(typeof base).toBe('string');
	// As axios joins baseURL and url.
	return new URL(`${String(base).replace(/\/+$/, '')}/${String(url).replace(/^\/+/, '')}`).href;
}

/** The URL the nodes request for the same Server URL. */
function nodeUrl(serverUrl: string): string {
	return new URL(`${normalizeServerUrl(serverUrl)}${TOKEN_PATH}`).href;
}

describe('the credential test and the nodes ask the same URL', () => {
	test.each([
		['as typed', 'https://cloud.seatable.io', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['trailing slash', 'https://cloud.seatable.io/', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['several trailing slashes', 'https://cloud.seatable.io///', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['surrounding spaces', '  https://cloud.seatable.io/ \n', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['a path prefix (reverse proxy)', 'https://example.com/seatable/', 'https://example.com/seatable/api/v2.1/dtable/app-access-token/'],
		['a query', 'https://cloud.seatable.io?q=1', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['a fragment', 'https://cloud.seatable.io/#frag', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['query and fragment after a path', 'https://example.com/seatable/?q=1#frag/x', 'https://example.com/seatable/api/v2.1/dtable/app-access-token/'],
		['user and password', 'https://user:pass@cloud.seatable.io/', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['user only, with port', 'http://user@127.0.0.1:8080', 'http://127.0.0.1:8080/api/v2.1/dtable/app-access-token/'],
		['mixed-case host', 'https://Cloud.SeaTable.io/', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
		['default port', 'https://cloud.seatable.io:443/', 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/'],
	])('%s: %p', (_form, serverUrl, expected) => {
		expect(nodeUrl(serverUrl)).toBe(expected);
		expect(testedUrl(serverUrl)).toBe(expected);
	});
});

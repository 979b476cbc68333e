// Each form of `dtable_server` against each kind of Server URL: where the base token may go.
import { describe, expect, test } from '@jest/globals';

import { checkDtableServer } from '../../nodes/seatable-client/tokenDestination';

describe('each form', () => {
	const request = 'GET https://seatable.example.com/api/v2.1/dtable/app-access-token/';
	const cases: Array<[server: string, dtableServer: unknown, expected: string | RegExp]> = [
		['https://seatable.example.com', 'https://seatable.example.com/dtable-server/', 'https://seatable.example.com/dtable-server'],
		['https://seatable.example.com', 'https://SEATABLE.example.com:8443/api-gateway/', 'https://SEATABLE.example.com:8443/api-gateway'],
		['http://seatable.local', 'http://seatable.local:5000', 'http://seatable.local:5000'],
		// The user typed this host; the scheme the server names for itself is its business.
		['https://seatable.example.com', 'http://seatable.example.com/dtable-server/', 'http://seatable.example.com/dtable-server'],
		['https://seatable.example.com', 'https://dtable.example.com/', 'https://dtable.example.com'],
		['https://seatable.example.com', 'http://dtable.example.com/', /another host \(dtable\.example\.com\) over plain http/],
		['http://seatable.local', 'https://dtable.example.com/', /another host \(dtable\.example\.com\) while the Server URL uses plain http/],
		['http://seatable.local', 'ws://seatable.local/', /not http\(s\)/],
		['http://seatable.local', 'not a url', /not http\(s\)/],
		['https://seatable.example.com', undefined, 'https://seatable.example.com'],
		['https://seatable.example.com', '', 'https://seatable.example.com'],
	];
	test.each(cases)('Server URL %s, dtable_server %p', (serverUrl, dtableServer, expected) => {
		if (typeof expected === 'string') expect(checkDtableServer(dtableServer, serverUrl, request)).toBe(expected);
		else expect(() => checkDtableServer(dtableServer, serverUrl, request)).toThrow(expected);
	});
});

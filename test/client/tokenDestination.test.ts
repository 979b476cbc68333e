// `dtable_server` in the token answer decides where join-room (and old servers' base calls) send
// the base token: the Server URL's host, or another host only over https from an https Server URL.
import { describe, expect, test } from '@jest/globals';

import { SeaTableClient } from '../../nodes/seatable-client';
import { expectNoSecret } from './leakCheck';
import { HOSTILE_API_TOKEN, HOSTILE_BASE_TOKEN, json, seaTableFailure, useHostileServers } from './hostileServer';

const start = useHostileServers();

describe('against a server whose token answer names the destination', () => {
	test('another host over plain http: a clear error, and the base token goes nowhere', async () => {
		const server = await start((_req, res) => json(res, 200, {}), { dtable_server: 'http://collector.example/dtable-server/' });
		const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
		const seaTableError = await seaTableFailure(() => client.getAccess());
		expect(seaTableError.kind).toBe('invalidServerUrl');
		expect(seaTableError.message).toBe(
			'The SeaTable server asked to send the base token to another host (collector.example) while the Server URL uses plain http; it was not sent',
		);
		expect(seaTableError.hint).toMatch(/Server URL/);
		expectNoSecret(seaTableError, [HOSTILE_API_TOKEN, HOSTILE_BASE_TOKEN]);
		// Not cached: the next call asks again rather than using a token meant for elsewhere.
		await expect(client.getAccess()).rejects.toThrow(/not sent/);
		expect(server.paths.filter((p) => p.startsWith('/api/v2.1/dtable/app-access-token/'))).toHaveLength(2);
	});

	test('the Server URL\'s own host is accepted', async () => {
		const server = await start((_req, res) => json(res, 200, {}));
		const access = await new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN }).getAccess();
		expect(access.dtableServer).toBe(`${server.url}/api-gateway`);
	});

	test('a dtable_server that is no http(s) address is refused', async () => {
		const server = await start((_req, res) => json(res, 200, {}), { dtable_server: 'javascript:alert(1)' });
		await expect(new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN }).getAccess()).rejects.toThrow(
			'The SeaTable server asked to send the base token to an address that is not http(s); it was not sent',
		);
	});
});

// Socket texts (join-room refusals, disconnect reasons) pass through the client's redact before they
// reach a message or a log line: a server that echoes the tokens must not get them shown.
import { expect, test } from '@jest/globals';

import { destroyIdleConnections } from '../../nodes/seatable-client';
import { SeaTableClient } from '../../nodes/seatable-client/client';
import { SeaTableEmulator } from '../emulator';

test('the API token and the base tokens sent are hidden from server text', () => {
	const apiToken = 'a'.repeat(40);
	const baseToken = 'eyJhbGciOiJIUzI1NiJ9.payload.signature';
	const client = new SeaTableClient({ serverUrl: 'https://cloud.seatable.io', apiToken });
	const echoed = `refused: token ${baseToken} for api token ${apiToken}`;
	const text = client.redact(echoed, baseToken);
	expect(text).not.toContain(apiToken);
	expect(text).not.toContain(baseToken);
	expect(text).toBe('refused: token [redacted] for api token [redacted]');
});

test('the base token the client holds is hidden even when no caller names it (a log line after a renewal)', async () => {
	const emu = await SeaTableEmulator.start();
	try {
		const client = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken });
		const { accessToken } = await client.getAccess();
		const text = client.redact(`could not renew: server said ${accessToken}`);
		expect(text).not.toContain(accessToken);
		expect(text).toBe('could not renew: server said [redacted]');
	} finally {
		destroyIdleConnections();
		await emu.close();
	}
});

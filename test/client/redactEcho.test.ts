// Socket texts (join-room refusals, disconnect reasons) pass through the client's redact before they
// reach a message or a log line: a server that echoes the tokens must not get them shown.
import { expect, test } from '@jest/globals';

import { SeaTableClient } from '../../nodes/seatable-client/client';

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

// A server or proxy that copies the Authorization header into its error text: neither the API token
// nor the base token reaches a SeaTableError, the n8n error made from it, or its hint.
import { expect, test } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INode } from 'n8n-workflow';

import { SeaTableClient, SeaTableError } from '../../nodes/seatable-client';
import { toNodeError } from '../../nodes/shared/errors';
import { expectNoSecret } from './leakCheck';
import { HOSTILE_API_TOKEN, HOSTILE_BASE_TOKEN, json, seaTableFailure, useHostileServers } from './hostileServer';

const NODE: INode = { id: 'n1', name: 'SeaTable', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const start = useHostileServers();

function echo(status: number) {
	return (req: IncomingMessage, res: ServerResponse) =>
		json(res, status, { error_msg: `Invalid header: Authorization: ${String(req.headers.authorization)} (known token ${HOSTILE_API_TOKEN})` });
}

function expectRedacted(error: SeaTableError): void {
	expectNoSecret(error, [HOSTILE_API_TOKEN, HOSTILE_BASE_TOKEN]);
	expectNoSecret(toNodeError(NODE, error), [HOSTILE_API_TOKEN, HOSTILE_BASE_TOKEN]);
	expect(error.serverMessage).toContain('[redacted]');
}

for (const status of [400, 403, 404, 500]) {
	test(`a base call answered ${status} with the base token and the API token echoed: both redacted`, async () => {
		const server = await start(echo(status));
		const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
		const error = await seaTableFailure(() => client.getMetadata());
		expect(error.status).toBe(status);
		expect(error.serverMessage).toBe('Invalid header: Authorization: [redacted] (known token [redacted])');
		expectRedacted(error);
	});
}

test('the token request answered 403 with the API token echoed: redacted', async () => {
	const server = await start(echo(403), false);
	const error = await seaTableFailure(() => new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 }).getAccess());
	expect(error.kind).toBe('invalidToken');
	expect(error.message).toBe('SeaTable rejected the API token (403 Invalid header: Authorization: [redacted] (known token [redacted]))');
	expectRedacted(error);
});

test('a toast answered 500 with the echo: redacted', async () => {
	const server = await start(echo(500));
	const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
	const error = await seaTableFailure(() => client.sendToast('a@auth.local', 'hi', 'success'));
	expect(error.kind).toBe('serverError');
	expectRedacted(error);
});

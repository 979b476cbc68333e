// A server or proxy that copies the Authorization header into its error text: neither the API token
// nor the base token reaches a SeaTableError, the n8n error made from it, or its hint.
import { afterEach, expect, test } from '@jest/globals';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { INode } from 'n8n-workflow';

import { destroyIdleConnections, SeaTableClient, SeaTableError } from '../../nodes/seatable-client';
import { toNodeError } from '../../nodes/shared/errors';
import { expectNoSecret } from './leakCheck';
import { HOSTILE_API_TOKEN, HOSTILE_BASE_TOKEN, json, startHostileServer, type HostileServer } from './hostileServer';

const NODE: INode = { id: 'n1', name: 'SeaTable', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
let server: HostileServer | undefined;

afterEach(async () => {
	await server?.close();
	server = undefined;
	destroyIdleConnections();
});

async function failure(call: () => Promise<unknown>): Promise<SeaTableError> {
	const error = await call().then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(SeaTableError);
	return error as SeaTableError;
}

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
		server = await startHostileServer(echo(status));
		const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
		const error = await failure(() => client.getMetadata());
		expect(error.status).toBe(status);
		expect(error.serverMessage).toBe('Invalid header: Authorization: [redacted] (known token [redacted])');
		expectRedacted(error);
	});
}

test('the token request answered 403 with the API token echoed: redacted', async () => {
	server = await startHostileServer(echo(403), false);
	const error = await failure(() => new SeaTableClient({ serverUrl: server!.url, apiToken: HOSTILE_API_TOKEN, retries: 0 }).getAccess());
	expect(error.kind).toBe('invalidToken');
	expect(error.message).toBe('SeaTable rejected the API token (403 Invalid header: Authorization: [redacted] (known token [redacted]))');
	expectRedacted(error);
});

test('a toast answered 500 with the echo: redacted', async () => {
	server = await startHostileServer(echo(500));
	const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
	const error = await failure(() => client.sendToast('a@auth.local', 'hi', 'success'));
	expect(error.kind).toBe('serverError');
	expectRedacted(error);
});

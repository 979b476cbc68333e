// Activation errors as a user sees them. n8n 2.41 publishes asynchronously and shows a trigger's
// activation error in the workflow's publication status (and retries); older n8n answers the
// activation with it. Either way the message must be ours, specific, and free of secrets, and n8n's
// retries must not turn into a tight loop of token requests against SeaTable.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';

import { getFreePort, PublicationError } from '../n8n/harness';
import { useStack } from './support/stack';
import { triggerOnlyWorkflow } from './support/workflows';

const WRONG_TOKEN = 'f'.repeat(40);

/** A web server that is not SeaTable: it answers every path with a JSON 404, as many APIs do. */
async function notSeaTable(): Promise<{ url: string; close: () => Promise<void> }> {
	const server: Server = createServer((_req, res) => {
		res.writeHead(404, { 'content-type': 'application/json' });
		res.end(JSON.stringify({ error: 'no such route' }));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

describe('activation errors', () => {
	const world = useStack();

	/** Activates a workflow with a bad credential; `keepMs` keeps it (and n8n's retries) going that long. */
	async function activationError(credentialData: Record<string, unknown>, keepMs = 0): Promise<PublicationError> {
		const { n8n } = world();
		const credential = await n8n.createCredential(credentialData, { name: `bad ${Date.now()}` });
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow({ credentialId: credential.id, credentialName: credential.name }));
		const started = Date.now();
		try {
			await n8n.activateWorkflow(workflow.id, { timeoutMs: 90_000 });
		} catch (error) {
			if (!(error instanceof PublicationError)) throw error;
			await delay(Math.max(0, started + keepMs - Date.now()));
			await n8n.deactivateWorkflow(workflow.id).catch(() => undefined);
			return error;
		}
		throw new Error('the workflow was published although its credential is bad');
	}

	it('a wrong API token names the token, shows no secret, and n8n retries slowly', async () => {
		const { emulator } = world();
		const exchangesBefore = emulator.requests.filter((r) => r.path.endsWith('/app-access-token/')).length;
		const error = await activationError({ serverUrl: emulator.url, apiToken: WRONG_TOKEN }, 60_000);
		expect(error.n8nMessage).toMatch(/rejected the API token/);
		expect(JSON.stringify({ message: error.message, triggers: error.triggers })).not.toContain(WRONG_TOKEN);
		// Over a minute: n8n retries a failed activation with backoff, each attempt one token request
		// (a 403 is not retried by the client). A tight loop would be thousands.
		const exchanges = emulator.requests.filter((r) => r.path.endsWith('/app-access-token/')).length - exchangesBefore;
		process.stderr.write(`\nwrong API token on n8n ${world().n8n.version}: ${exchanges} token requests in a minute\n`);
		expect(exchanges).toBeGreaterThanOrEqual(1);
		expect(exchanges).toBeLessThanOrEqual(20);
	}, 150_000);

	it('a Server URL where nothing listens says the server cannot be reached', async () => {
		const port = await getFreePort();
		const error = await activationError({ serverUrl: `http://127.0.0.1:${port}`, apiToken: world().emulator.apiToken });
		expect(error.n8nMessage).toMatch(/reach|refused|connect/i);
		expect(error.n8nMessage).not.toContain(world().emulator.apiToken);
	}, 150_000);

	it('a server that is not SeaTable says so', async () => {
		const other = await notSeaTable();
		try {
			const error = await activationError({ serverUrl: other.url, apiToken: world().emulator.apiToken });
			expect(error.n8nMessage).toMatch(/SeaTable/);
			expect(error.n8nMessage).not.toContain(world().emulator.apiToken);
		} finally {
			await other.close();
		}
	}, 150_000);
});

// End-to-end smoke test against a real n8n: our built package installed like a community package
// into a fresh user folder, n8n started, types loaded, owner + API key, a credential through the
// public API, the credential test against the SeaTable emulator (good and bad token), a workflow
// round trip, restart, and a clean stop.
//
// Needs `npm run build` first (this test builds nothing). The pinned n8n is installed into the
// cache folder on first use (several minutes; `npx tsx test/n8n/install.ts` does it up front).
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'crypto';

import { SeaTableEmulator } from '../emulator';
import {
	assertBuilt,
	CREDENTIAL_TYPE,
	expectedTypes,
	getFreePort,
	isAlive,
	N8nInstance,
	processTree,
	REPO_DIR,
} from './harness';
import { installN8n, n8nVersion } from './install';
import { WebhookReceiver } from './webhookReceiver';

describe(`n8n ${n8nVersion()} with the package installed`, () => {
	let n8n: N8nInstance | undefined;
	let emulator: SeaTableEmulator | undefined;
	let credentialId: string;

	const instance = (): N8nInstance => {
		if (!n8n) throw new Error('n8n did not start (see beforeAll)');
		return n8n;
	};

	beforeAll(async () => {
		// Before anything slow: a missing build is a setup mistake, not an n8n problem.
		assertBuilt(REPO_DIR);
		await installN8n({ log: (line) => process.stderr.write(line) });
		emulator = await SeaTableEmulator.start();
		n8n = await N8nInstance.create();
		await n8n.installPackage(REPO_DIR);
		await n8n.start();
		process.stderr.write(`n8n ${n8n.version} started in ${n8n.lastStartSeconds?.toFixed(1)} s\n`);
		await n8n.setup();
	}, 20 * 60_000);

	afterAll(async () => {
		try {
			await n8n?.stop();
			if (n8n && !process.env.SEATABLE_E2E_KEEP) n8n.cleanup();
			else if (n8n) process.stderr.write(`kept n8n user folder ${n8n.userFolder}\n`);
		} finally {
			await emulator?.close();
		}
	}, 60_000);

	it('loaded our credential type and every node listed in package.json', async () => {
		const expected = expectedTypes(REPO_DIR);
		expect(expected.credentials).toContain(CREDENTIAL_TYPE);
		const loaded = await instance().listNodeTypes();
		expect(loaded.credentials).toEqual(expect.arrayContaining(expected.credentials));
		expect(loaded.nodes).toEqual(expect.arrayContaining(expected.nodes));
	});

	it('knows the credential schema and creates a credential through the public API', async () => {
		const schema = await instance().credentialSchema();
		expect(Object.keys(schema.properties)).toEqual(
			expect.arrayContaining(['serverUrl', 'apiToken', 'ignoreSslIssues']),
		);
		expect(schema.required).toEqual(expect.arrayContaining(['serverUrl', 'apiToken']));

		const credential = await instance().createCredential(
			{ serverUrl: emulator!.url, apiToken: emulator!.apiToken, ignoreSslIssues: false },
			{ name: 'SeaTable smoke' },
		);
		expect(credential).toMatchObject({ name: 'SeaTable smoke', type: CREDENTIAL_TYPE });
		credentialId = credential.id;
	});

	it("runs the credential's test inside n8n: OK for the base's token, a token error for a wrong one", async () => {
		const { url, apiToken } = emulator!;
		const good = await instance().testCredential({ serverUrl: `${url}/`, apiToken, ignoreSslIssues: false });
		expect(good).toMatchObject({ status: 'OK' });
		const stored = await instance().testCredential({ serverUrl: url, apiToken, ignoreSslIssues: false }, { credentialId });
		expect(stored.status).toBe('OK');
		// The emulator really saw n8n ask for a base token.
		expect(emulator!.requests.some((request) => request.path === '/api/v2.1/dtable/app-access-token/' && request.status === 200)).toBe(true);

		const wrongToken = 'f'.repeat(40);
		const bad = await instance().testCredential({ serverUrl: url, apiToken: wrongToken, ignoreSslIssues: false });
		process.stderr.write(`credential test with a wrong token: ${JSON.stringify(bad)}\n`);
		expect(bad.status).toBe('Error');
		// The credential's rule for the 403 SeaTable answers a wrong API token with.
		expect(bad.message).toMatch(/^SeaTable rejected the API token\. Use the API token of one base/);
		expect(bad.message).not.toContain(wrongToken);
	});

	it('tells a server that is not SeaTable and an unreachable one apart from a wrong token', async () => {
		const { apiToken } = emulator!;
		const other = await WebhookReceiver.start({ secret: 'unused' });
		try {
			const notSeaTable = await instance().testCredential({ serverUrl: other.url('/'), apiToken, ignoreSslIssues: false });
			expect(notSeaTable).toMatchObject({ status: 'Error', message: expect.stringMatching(/not with a SeaTable base token.*Server URL/) });
		} finally {
			await other.close();
		}
		const closedPort = await getFreePort();
		const unreachable = await instance().testCredential({ serverUrl: `http://127.0.0.1:${closedPort}`, apiToken, ignoreSslIssues: false });
		expect(unreachable.status).toBe('Error');
		expect(unreachable.message).toMatch(/ECONNREFUSED|connect|refused/i);
		expect(unreachable.message).not.toContain(apiToken);
	});

	it('creates, activates, runs, lists with data, deactivates and deletes a workflow', async () => {
		const hookPath = `smoke-${randomUUID()}`;
		const workflow = await instance().createWorkflow({
			name: 'smoke webhook',
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { path: hookPath, httpMethod: 'POST', responseMode: 'onReceived' },
				},
			],
			connections: {},
		});
		expect(workflow.active).toBe(false);
		expect((await instance().activateWorkflow(workflow.id)).active).toBe(true);

		const response = await fetch(instance().webhookUrl(hookPath), {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ hello: 'smoke' }),
		});
		expect(response.status).toBe(200);
		await response.text();

		const [execution] = await instance().waitForExecutions(workflow.id);
		expect(execution.status).toBe('success');
		const output = execution.data?.resultData.runData.Webhook[0].data?.main?.[0]?.[0].json;
		expect(output).toMatchObject({ body: { hello: 'smoke' } });

		expect((await instance().deactivateWorkflow(workflow.id)).active).toBe(false);
		await instance().deleteWorkflow(workflow.id);
	});

	it('restarts on the same user folder, keeping login, API key and data', async () => {
		const { port } = instance();
		await instance().restart();
		expect(instance().port).toBe(port);
		// The login cookie (REST) and the API key (public API) both survive the restart.
		const credentials = await instance().listCredentials();
		expect(credentials.map((credential) => credential.id)).toContain(credentialId);
		await expect(instance().api('GET', '/workflows')).resolves.toMatchObject({ data: expect.any(Array) });
		expect((await instance().listNodeTypes()).credentials).toContain(CREDENTIAL_TYPE);
	}, 240_000);

	it('stops n8n and its task runners, leaving no process behind', async () => {
		const pid = instance().pid!;
		const before = processTree(pid);
		const stopped = await instance().stop();
		expect(stopped).toEqual(expect.arrayContaining([pid, ...before]));
		expect(stopped.filter(isAlive)).toEqual([]);
		expect(processTree(pid)).toEqual([]);
		expect(instance().isRunning).toBe(false);
	}, 60_000);
});

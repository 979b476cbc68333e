// The proxy rule (README, "Proxies"): every HTTP call, to SeaTable or to a webhook receiver, honours
// HTTP_PROXY / HTTPS_PROXY / NO_PROXY from the environment, as n8n's own HTTP calls do.
import { afterAll, afterEach, beforeAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SeaTableClient } from '../../nodes/seatable-client';
import { deliverWebhook, SIGNATURE_HEADER, signBody } from '../../nodes/seatable-client/webhook';
import { SeaTableEmulator } from '../emulator';
import { useReceivers } from '../webhook/helpers';
import { useProxy } from './proxyServer';

const proxy = useProxy();
const receiver = useReceivers();
let emu: SeaTableEmulator;
let tlsServer: https.Server | undefined;

beforeAll(async () => {
	emu = await SeaTableEmulator.start();
});
afterAll(async () => {
	await emu.close();
});
afterEach(async () => {
	if (tlsServer) await new Promise<void>((resolve) => tlsServer?.close(() => resolve()));
	tlsServer = undefined;
});

test('SeaTable calls go through HTTP_PROXY', async () => {
	process.env.HTTP_PROXY = proxy().url;
	const metadata = await new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }).getMetadata();
	expect(metadata.tables.map((table) => table.name)).toContain('Tasks');
	const targets = proxy().seen.map((request) => `${request.method} ${request.target.split('?')[0]}`);
	expect(targets).toContain(`GET ${emu.url}/api/v2.1/dtable/app-access-token/`);
	expect(targets.some((target) => target.startsWith(`GET ${emu.url}/`) && target.endsWith('/metadata/'))).toBe(true);
});

test('webhook deliveries go through HTTP_PROXY, signed bytes unchanged', async () => {
	const target = await receiver();
	process.env.HTTP_PROXY = proxy().url;
	const result = await deliverWebhook({ url: target.url, body: { id: 1 }, secret: 'proxy-test-secret' });
	expect(result.statusCode).toBe(200);
	expect(proxy().seen.map((request) => `${request.method} ${request.target}`)).toEqual([`POST ${target.url}`]);
	const [arrived] = target.requests;
	expect(arrived.headers[SIGNATURE_HEADER.toLowerCase()]).toBe(signBody(arrived.body, 'proxy-test-secret'));
});

test('HTTPS goes through a CONNECT tunnel (HTTPS_PROXY): the proxy sees only host and port', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'seatable-proxy-tls-'));
	execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
	// Relays the token call to the emulator: a self-hosted SeaTable with its own certificate.
	const server = (tlsServer = https.createServer({ key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) }, async (req, res) => {
		const answer = await fetch(`${emu.url}${req.url}`, { headers: { Authorization: String(req.headers.authorization) } });
		res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(await answer.text());
	}));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	process.env.HTTPS_PROXY = proxy().url;

	const client = new SeaTableClient({ serverUrl: `https://127.0.0.1:${port}`, apiToken: emu.apiToken, ignoreSslIssues: true });
	const access = await client.getAccess();
	expect(access.dtableUuid).toBe(emu.uuid);
	expect(proxy().seen.map((request) => `${request.method} ${request.target}`)).toEqual([`CONNECT 127.0.0.1:${port}`]);
	expect(JSON.stringify(proxy().seen)).not.toContain(emu.apiToken);
});

test('NO_PROXY: the hosts it names are reached directly, SeaTable and webhooks alike', async () => {
	const target = await receiver();
	process.env.HTTP_PROXY = proxy().url;
	process.env.NO_PROXY = 'example.com, 127.0.0.1';
	await new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }).getMetadata();
	const result = await deliverWebhook({ url: target.url, body: { id: 2 } });
	expect(result.statusCode).toBe(200);
	expect(target.requests).toHaveLength(1);
	expect(proxy().seen).toEqual([]);
});

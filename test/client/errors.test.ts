// Every failure a user meets gets its own clear message, and no secret in any thrown object.
import { afterEach, beforeAll, beforeEach, describe, expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { SeaTableClient, SeaTableError, destroyIdleConnections } from '../../nodes/seatable-client';
import { SeaTableEmulator } from '../emulator';
import { expectNoSecret } from './leakCheck';

let emu: SeaTableEmulator;
const servers: Array<http.Server | https.Server> = [];

beforeEach(async () => {
	emu = await SeaTableEmulator.start();
});

afterEach(async () => {
	await emu.close();
	for (const server of servers.splice(0)) await new Promise((resolve) => server.close(resolve));
	destroyIdleConnections();
});

const fastRetries = { retries: 2, backoff: { baseMs: 10, maxMs: 50 } };

async function failure(call: () => Promise<unknown>): Promise<SeaTableError> {
	try {
		await call();
	} catch (error) {
		expect(error).toBeInstanceOf(SeaTableError);
		return error as SeaTableError;
	}
	throw new Error('expected the call to fail');
}

async function listen(server: http.Server | https.Server): Promise<string> {
	servers.push(server);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return `${server instanceof https.Server ? 'https' : 'http'}://127.0.0.1:${port}`;
}

test('wrong API token: says so and what to do', async () => {
	const token = 'wrong0123456789wrong0123456789wrong01234';
	const error = await failure(() => new SeaTableClient({ serverUrl: emu.url, apiToken: token }).getAccess());
	expect(error.kind).toBe('invalidToken');
	expect(error.message).toBe('SeaTable rejected the API token (403 Permission denied.)');
	expect(error.hint).toMatch(/base API token/);
	expectNoSecret(error, [token]);
});

test('wrong server URL, host unknown: says the host could not be found', async () => {
	const error = await failure(() => new SeaTableClient({ serverUrl: 'http://seatable.invalid', apiToken: emu.apiToken }).getAccess());
	expect(error.kind).toBe('serverUnreachable');
	expect(error.message).toMatch(/"seatable.invalid" could not be found/);
	expectNoSecret(error, [emu.apiToken]);
});

test('wrong server URL, nothing listening: says the connection was refused', async () => {
	const server = http.createServer();
	const url = await listen(server);
	await new Promise((resolve) => server.close(resolve));
	servers.pop();
	const error = await failure(() => new SeaTableClient({ serverUrl: url, apiToken: emu.apiToken, ...fastRetries }).getAccess());
	expect(error.kind).toBe('serverUnreachable');
	expect(error.message).toBe(`Could not connect to the SeaTable server at ${new URL(url).host}: the connection was refused`);
	expectNoSecret(error, [emu.apiToken]);
});

test('wrong server URL, a web site answers with HTML: says it is not SeaTable', async () => {
	const url = await listen(http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>')));
	const error = await failure(() => new SeaTableClient({ serverUrl: url, apiToken: emu.apiToken }).getAccess());
	expect(error.kind).toBe('notSeaTable');
	expect(error.message).toMatch(/web page, not SeaTable's API/);
	expect(error.hint).toMatch(/Server URL/);
});

test('wrong server URL, some JSON API without the SeaTable route: 404 says it is not SeaTable', async () => {
	const url = await listen(http.createServer((_req, res) => res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}')));
	const error = await failure(() => new SeaTableClient({ serverUrl: url, apiToken: emu.apiToken }).getAccess());
	expect(error.kind).toBe('notSeaTable');
	expect(error.message).toMatch(/no SeaTable API at this address/);
});

test('wrong server URL, JSON that is not a token answer: says it is not SeaTable', async () => {
	const url = await listen(http.createServer((_req, res) => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"hello":"world"}')));
	const error = await failure(() => new SeaTableClient({ serverUrl: url, apiToken: emu.apiToken }).getAccess());
	expect(error.kind).toBe('notSeaTable');
});

test('a server URL that is not http(s) is refused before any request', () => {
	expect(() => new SeaTableClient({ serverUrl: 'ftp://seatable.example.com', apiToken: emu.apiToken })).toThrow(/must start with https:\/\/ or http:\/\//);
	expect(() => new SeaTableClient({ serverUrl: 'seatable', apiToken: emu.apiToken })).toThrow(/not a valid Server URL/);
});

describe('TLS', () => {
	let tls: { key: Buffer; cert: Buffer };
	beforeAll(() => {
		const dir = mkdtempSync(join(tmpdir(), 'seatable-tls-'));
		execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
		tls = { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
	});

	async function selfSignedSeaTable(): Promise<string> {
		// Relays the token call to the emulator: a self-hosted SeaTable with its own certificate.
		return await listen(
			https.createServer(tls, async (req, res) => {
				const answer = await fetch(`${emu.url}${req.url}`, { headers: { Authorization: String(req.headers.authorization) } });
				res.writeHead(answer.status, { 'Content-Type': 'application/json' }).end(await answer.text());
			}),
		);
	}

	test('an unverifiable certificate: says so and points to "Ignore SSL Issues"', async () => {
		const url = await selfSignedSeaTable();
		const error = await failure(() => new SeaTableClient({ serverUrl: url, apiToken: emu.apiToken }).getAccess());
		expect(error.kind).toBe('tls');
		expect(error.message).toMatch(/TLS certificate of 127\.0\.0\.1:\d+ could not be verified/);
		expect(error.hint).toMatch(/Ignore SSL Issues/);
		expectNoSecret(error, [emu.apiToken]);
	});

	test('with "Ignore SSL Issues" the same server works', async () => {
		const url = await selfSignedSeaTable();
		const access = await new SeaTableClient({ serverUrl: url, apiToken: emu.apiToken, ignoreSslIssues: true }).getAccess();
		expect(access.dtableUuid).toBe(emu.uuid);
	});
});

test('a server that does not answer in time: says it timed out', async () => {
	emu.delayNext({ path: '/metadata/', ms: 1500, count: 5 });
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, timeoutMs: 200, retries: 0 });
	const error = await failure(() => seaTable.getMetadata());
	expect(error.kind).toBe('timeout');
	expect(error.message).toMatch(/did not answer in time/);
	expectNoSecret(error, [emu.apiToken, (await seaTable.getAccess()).accessToken]);
});

test('rate limit: retried with backoff, honouring Retry-After, then succeeds', async () => {
	emu.failNext({ path: '/metadata/', status: 429, count: 2, retryAfter: 0 });
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, ...fastRetries });
	const metadata = await seaTable.getMetadata();
	expect(metadata.tables.length).toBeGreaterThan(0);
	expect(emu.requests.filter((request) => request.path.includes('/metadata/')).map((request) => request.status)).toEqual([429, 429, 200]);
});

test('rate limit that does not go away: a clear rate-limit error after the retries', async () => {
	emu.failNext({ path: '/metadata/', status: 429, count: 10, retryAfter: 0 });
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, ...fastRetries });
	const error = await failure(() => seaTable.getMetadata());
	expect(error.kind).toBe('rateLimited');
	expect(error.status).toBe(429);
	expect(error.message).toMatch(/rate limit/);
	expect(emu.requests.filter((request) => request.path.includes('/metadata/'))).toHaveLength(3);
});

test('a 5xx on a read is retried; on a toast (not idempotent) it is not', async () => {
	emu.failNext({ path: '/metadata/', status: 502, count: 1 });
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, ...fastRetries });
	await seaTable.getMetadata();
	emu.failNext({ path: '/ui-toasts/', status: 500, count: 1, body: { error_msg: 'Internal Server Error' } });
	const user = emu.base().collaborators[0].email;
	const error = await failure(() => seaTable.sendToast(user, 'hi', 'success'));
	expect(error.kind).toBe('serverError');
	expect(error.message).toBe('The SeaTable server had an internal error (500): Internal Server Error');
	expect(emu.toasts).toHaveLength(0);
});

test('an expired token that stays expired after renewal: a clear expired-token error', async () => {
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken });
	await seaTable.getAccess();
	emu.failNext({ path: '/metadata/', status: 403, count: 3, body: { error_msg: 'Token expired.' } });
	const error = await failure(() => seaTable.getMetadata());
	// The original token, the cached one, and one fresh exchange: then it gives up.
	expect(emu.requests.filter((request) => request.path.includes('/metadata/'))).toHaveLength(3);
	expect(error.kind).toBe('tokenExpired');
	expect(error.message).toBe('The SeaTable base token has expired');
	expectNoSecret(error, [emu.apiToken, (await seaTable.getAccess()).accessToken]);
});

test('a toast that met a refused connection is sent again once the server is back (it never arrived)', async () => {
	const seaTable = new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, retries: 6, backoff: { baseMs: 200, maxMs: 1000 } });
	const user = emu.base().collaborators[0].email;
	await seaTable.getAccess();
	await emu.stop();
	const sending = seaTable.sendToast(user, 'after the restart', 'success');
	await delay(300);
	await emu.restart();
	await sending;
	expect(emu.toasts.map((toast) => (toast.detail as { msg: string }).msg)).toEqual(['after the restart']);
});

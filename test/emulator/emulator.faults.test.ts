// Fault hooks: token expiry/revocation, server and transport disconnects, stop/restart, injected HTTP failures and delays.
import { afterEach, describe, expect, it } from '@jest/globals';
import { once } from 'node:events';
import { setTimeout as delay } from 'node:timers/promises';
import { SAMPLE_IDS, SeaTableEmulator } from './index';
import { authenticate, baseGet, closeSockets, connect, http, Inbox, joinedSocket, joinRoom, next, nextUpdate } from './testHelpers';

let emu: SeaTableEmulator;

afterEach(async () => {
	closeSockets();
	await emu?.close();
});

async function refused(url: string): Promise<string | undefined> {
	try {
		await http(url);
		return undefined;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code;
	}
}

describe('tokens', () => {
	it('expireBaseTokens: old tokens answer 403 Token expired and fail join-room; fresh tokens work', async () => {
		emu = await SeaTableEmulator.start();
		const joined = await joinedSocket(emu);
		const { access_token: old } = await authenticate(emu);
		emu.expireBaseTokens();
		const res = await baseGet(emu, 'metadata', old);
		expect(res.status).toBe(403);
		expect(res.json).toEqual({ error_msg: 'Token expired.' });
		const socket = connect(emu);
		await next(socket, 'connect');
		expect(await joinRoom(socket, emu.uuid, old)).toEqual({ status: 0, error_type: 'token_expired', message: 'Token expired' });
		// Re-authenticating (even within the same second) gives a working token.
		const { access_token: fresh } = await authenticate(emu);
		expect((await baseGet(emu, 'metadata', fresh)).status).toBe(200);
		expect(await joinRoom(socket, emu.uuid, fresh)).toMatchObject({ status: 1 });
		// Like the 2020 server, the token is only checked at join: an already joined socket keeps receiving.
		emu.applyRaw({ op_type: 'after_expiry' });
		expect((await nextUpdate(joined.updates)).op.op_type).toBe('after_expiry');
	});

	it('revokeApiToken: app-access-token answers 403 Permission denied and its base tokens expire', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const minted = emu.issueBaseToken({ username: 'someone@auth.local' }); // not derived from the API token: unaffected
		emu.revokeApiToken();
		const auth = await http(`${emu.url}/api/v2.1/dtable/app-access-token/`, { headers: { Authorization: `Token ${emu.apiToken}` } });
		expect(auth.status).toBe(403);
		expect(auth.json).toEqual({ error_msg: 'Permission denied.' });
		expect((await baseGet(emu, 'operations', token)).json).toEqual({ error_msg: 'Token expired.' });
		expect((await baseGet(emu, 'operations', minted)).status).toBe(200);
	});
});

describe('disconnects', () => {
	it('disconnectAll: the client sees io server disconnect and stays down until it reconnects itself', async () => {
		emu = await SeaTableEmulator.start();
		const { socket } = await joinedSocket(emu);
		const serverSide = once(emu, 'disconnect');
		emu.disconnectAll();
		const [reason] = await next<[string]>(socket, 'disconnect');
		expect(reason).toBe('io server disconnect');
		expect(await serverSide).toEqual([expect.any(String), 'server namespace disconnect']);
		expect(socket.active).toBe(false); // socket.io-client does not reconnect after a server disconnect
		expect(emu.socketCount()).toBe(0);
		expect(emu.joinedCount()).toBe(0);
		socket.connect();
		await next(socket, 'connect');
		expect(emu.socketCount()).toBe(1);
	});

	it.each([['websocket'], ['polling']])('killTransports (%s): the client reconnects by itself and can rejoin', async (transport) => {
		emu = await SeaTableEmulator.start();
		const { socket, updates, token } = await joinedSocket(emu, { transports: [transport] });
		const firstId = socket.id;
		const reconnected = next(socket.io, 'reconnect');
		const connectedAgain = next(socket, 'connect');
		const dropped = next<[string]>(socket, 'disconnect');
		emu.killTransports();
		const [reason] = await dropped;
		expect(['transport close', 'transport error']).toContain(reason);
		await reconnected;
		await connectedAgain;
		expect(socket.connected).toBe(true);
		expect(socket.id).not.toBe(firstId);
		// Room membership does not survive a reconnect: the client must join again.
		expect(emu.joinedCount()).toBe(0);
		expect(await joinRoom(socket, emu.uuid, token)).toMatchObject({ status: 1 });
		emu.applyRaw({ op_type: 'after_reconnect' });
		expect((await nextUpdate(updates)).op.op_type).toBe('after_reconnect');
	});
});

describe('stop and restart', () => {
	it('stop refuses connections; restart listens on the same port and versions continue', async () => {
		emu = await SeaTableEmulator.start();
		const { socket, updates } = await joinedSocket(emu);
		const port = emu.port;
		emu.modifyRow('Tasks', SAMPLE_IDS.taskRows[0], { Done: true });
		expect((await nextUpdate(updates)).version).toBe(1);

		const dropped = next<[string]>(socket, 'disconnect');
		await emu.stop();
		expect(['transport close', 'transport error']).toContain((await dropped)[0]);
		expect(await refused(`${emu.url}/api/v2.1/dtable/app-access-token/`)).toBe('ECONNREFUSED');
		// The client keeps trying and gets refused.
		await next(socket.io, 'reconnect_error');
		expect(emu.socketCount()).toBe(0);

		// Changes while down land in state and the log, but reach nobody.
		const missed = emu.modifyRow('Tasks', SAMPLE_IDS.taskRows[1], { Done: true });
		expect(missed.version).toBe(2);

		const reconnected = next(socket.io, 'reconnect');
		const connectedAgain = next(socket, 'connect');
		await emu.restart();
		expect(emu.port).toBe(port);
		await reconnected;
		await connectedAgain;
		const { access_token: token } = await authenticate(emu);
		expect(await joinRoom(socket, emu.uuid, token)).toMatchObject({ status: 1, dtable_version: 2 });
		const log = (await baseGet(emu, 'operations', token)).json.operations as { op_id: number }[];
		expect(log.map((o) => o.op_id)).toEqual([2, 1]);
		expect(emu.modifyRow('Tasks', SAMPLE_IDS.taskRows[2], { Done: false }).version).toBe(3);
		const update = await nextUpdate(updates);
		expect(update.version).toBe(3); // the missed version 2 never arrives over the socket
		expect(updates.pending).toBe(0);
	});

	it('close() ends everything, including a request held by delayNext', async () => {
		emu = await SeaTableEmulator.start();
		const { socket } = await joinedSocket(emu);
		emu.delayNext({ path: '/metadata/', ms: 60_000 });
		const { access_token: token } = await authenticate(emu);
		const held = baseGet(emu, 'metadata', token).then(
			() => 'answered',
			(error: NodeJS.ErrnoException) => error.code,
		);
		// The request is in flight once it is in the log.
		while (!emu.requests.some((r) => r.path.endsWith('/metadata/'))) await new Promise((resolve) => setImmediate(resolve));
		await emu.close();
		expect(await held).toBe('ECONNRESET');
		expect(emu.socketCount()).toBe(0);
		expect(await refused(`${emu.url}/`)).toBe('ECONNREFUSED');
		socket.close();
		await expect(emu.restart()).rejects.toThrow(/closed/);
	});
});

describe('clean shutdown', () => {
	const watched = ['TCPServerWrap', 'TCPSocketWrap', 'Timeout'];
	const count = () => process.getActiveResourcesInfo().filter((r) => watched.includes(r)).length;

	it('close() releases every server, socket and timer it created', async () => {
		const baseline = count();
		emu = await SeaTableEmulator.start();
		const { socket } = await joinedSocket(emu, { reconnection: false });
		const polling = await joinedSocket(emu, { transports: ['polling'], reconnection: false });
		emu.delayNext({ path: '/metadata/', ms: 60_000 });
		void baseGet(emu, 'metadata', polling.token).catch(() => undefined);
		while (!emu.requests.some((r) => r.path.endsWith('/metadata/'))) await new Promise((resolve) => setImmediate(resolve));
		expect(count()).toBeGreaterThan(baseline);
		const dropped = Promise.all([next(socket, 'disconnect'), next(polling.socket, 'disconnect')]);
		await emu.close();
		await dropped;
		closeSockets();
		// Handles are released on the following loop turns; under CPU load that can take a while, so poll
		// for a bounded time (each poll's own timer has fired and is gone when count() is read).
		const deadline = Date.now() + 5_000;
		while (count() > baseline && Date.now() < deadline) await delay(10);
		expect(count()).toBe(baseline);
	});
});

describe('injected HTTP failures', () => {
	it('failNext 429 answers with Retry-After (no body) for count requests, then normally', async () => {
		emu = await SeaTableEmulator.start();
		emu.failNext({ path: '/api/v2.1/dtable/app-access-token/', status: 429, retryAfter: 7, count: 2 });
		const url = `${emu.url}/api/v2.1/dtable/app-access-token/`;
		const headers = { Authorization: `Token ${emu.apiToken}` };
		const first = await http(url, { headers });
		const second = await http(url, { headers });
		const third = await http(url, { headers });
		expect([first.status, second.status, third.status]).toEqual([429, 429, 200]);
		expect(first.headers['retry-after']).toBe('7');
		expect(first.text).toBe('');
		expect(typeof third.json.access_token).toBe('string');
		expect(emu.requests.map((r) => r.status)).toEqual([429, 429, 200]);
	});

	it('failNext 500 (default JSON body, RegExp path) and a custom body', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		emu.failNext({ path: /\/operations\/$/, status: 500 });
		const failed = await baseGet(emu, 'operations', token);
		expect(failed.status).toBe(500);
		expect(typeof failed.json.error_msg).toBe('string');
		expect((await baseGet(emu, 'operations', token)).status).toBe(200);
		emu.failNext({ path: '/metadata/', status: 503, body: '<html>Bad gateway</html>', retryAfter: 'Wed, 21 Oct 2037 07:28:00 GMT' });
		const custom = await baseGet(emu, 'metadata', token);
		expect(custom.status).toBe(503);
		expect(custom.text).toBe('<html>Bad gateway</html>');
		expect(custom.headers['retry-after']).toBe('Wed, 21 Oct 2037 07:28:00 GMT');
	});

	it('failNext on the socket path makes the Socket.IO handshake fail', async () => {
		emu = await SeaTableEmulator.start();
		emu.failNext({ path: '/api-gateway/socket.io/', status: 502 });
		const socket = connect(emu, { transports: ['polling'], reconnection: false });
		const [error] = await next<[Error]>(socket, 'connect_error');
		expect(error.message).toMatch(/xhr poll error/);
		expect(emu.requests[0]).toMatchObject({ path: '/api-gateway/socket.io/', status: 502 });
	});

	it('delayNext holds the matching request back while others pass', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		emu.delayNext({ path: '/metadata/', ms: 300 });
		const order: string[] = [];
		const slow = baseGet(emu, 'metadata', token).then((r) => order.push(`metadata ${r.status}`));
		while (!emu.requests.some((r) => r.path.endsWith('/metadata/'))) await new Promise((resolve) => setImmediate(resolve));
		const fast = baseGet(emu, 'related-users', token).then((r) => order.push(`related-users ${r.status}`));
		await Promise.all([slow, fast]);
		expect(order).toEqual(['related-users 200', 'metadata 200']);
	});
});

describe('rooms', () => {
	it('does not receive updates before joining', async () => {
		emu = await SeaTableEmulator.start();
		const socket = connect(emu);
		const updates = new Inbox(socket, 'update-dtable');
		await next(socket, 'connect');
		emu.applyRaw({ op_type: 'before_join' });
		const { access_token: token } = await authenticate(emu);
		await joinRoom(socket, emu.uuid, token);
		emu.applyRaw({ op_type: 'after_join' });
		expect((await nextUpdate(updates)).op.op_type).toBe('after_join');
	});
});

// HTTP side of the emulator: auth and routing per server version.
import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt, SAMPLE_IDS, SeaTableEmulator } from './index';
import { authenticate, baseGet, basePath, http } from './testHelpers';

let emu: SeaTableEmulator;

afterEach(async () => {
	await emu?.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

describe('app-access-token', () => {
	it('answers the >= 5.3 shape with an HS256 base token (gateway mode)', async () => {
		emu = await SeaTableEmulator.start();
		const before = nowSeconds();
		const auth = await authenticate(emu);
		const after = nowSeconds();
		expect(Object.keys(auth)).toEqual(['app_name', 'access_token', 'dtable_uuid', 'dtable_server', 'workspace_id', 'use_api_gateway', 'dtable_name']);
		expect(auth).toMatchObject({
			app_name: 'n8n',
			dtable_uuid: SAMPLE_IDS.uuid,
			dtable_server: `${emu.url}/api-gateway/`,
			workspace_id: 42,
			use_api_gateway: true,
			dtable_name: 'Project Tracker',
		});
		expect(emu.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(emu.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
		expect(emu.apiToken).toMatch(/^[0-9a-f]{40}$/);
		// Same header as SeaTable's documented token.
		expect(auth.access_token.startsWith('eyJ0eXAiOiJKV1QiLCJhbGciOiJIUzI1NiJ9.')).toBe(true);
		const claims = decodeJwt(auth.access_token);
		expect(Object.keys(claims)).toEqual(['exp', 'dtable_uuid', 'username', 'permission', 'app_name']);
		expect(claims).toMatchObject({ dtable_uuid: SAMPLE_IDS.uuid, username: '', permission: 'rw', app_name: 'n8n' });
		const ttl = 3 * 24 * 3600;
		expect(claims.exp).toBeGreaterThanOrEqual(before + ttl);
		expect(claims.exp).toBeLessThanOrEqual(after + ttl);
	});

	it('answers the <= 5.2 shape in legacy mode', async () => {
		emu = await SeaTableEmulator.start({ useApiGateway: false });
		const auth = await authenticate(emu);
		expect(Object.keys(auth)).toEqual([
			'app_name',
			'access_token',
			'dtable_uuid',
			'dtable_server',
			'dtable_socket',
			'dtable_db',
			'workspace_id',
			'dtable_name',
		]);
		expect(auth.use_api_gateway).toBeUndefined();
		expect(auth.dtable_server).toBe(`${emu.url}/dtable-server/`);
		expect(auth.dtable_socket).toBe(`${emu.url}/`);
		expect(auth.dtable_db).toBe(`${emu.url}/dtable-db/`);
	});

	it('accepts the Bearer scheme as well as Token', async () => {
		emu = await SeaTableEmulator.start();
		const auth = await authenticate(emu, '', 'Bearer');
		expect(decodeJwt(auth.access_token).dtable_uuid).toBe(emu.uuid);
		const meta = await http(`${emu.url}${basePath(emu, 'metadata')}`, { headers: { Authorization: `Bearer ${auth.access_token}` } });
		expect(meta.status).toBe(200);
	});

	it('answers 403 Permission denied for an unknown or missing API token', async () => {
		emu = await SeaTableEmulator.start();
		const wrong = await http(`${emu.url}/api/v2.1/dtable/app-access-token/`, { headers: { Authorization: `Token ${'0'.repeat(40)}` } });
		expect(wrong.status).toBe(403);
		expect(wrong.json).toEqual({ error_msg: 'Permission denied.' });
		const missing = await http(`${emu.url}/api/v2.1/dtable/app-access-token/`);
		expect(missing.status).toBe(403);
		expect(missing.json).toEqual({ error_msg: 'Permission denied.' });
	});

	it('honours ?exp= and the baseTokenTtlSeconds option', async () => {
		emu = await SeaTableEmulator.start({ baseTokenTtlSeconds: 600 });
		const before = nowSeconds();
		const short = decodeJwt((await authenticate(emu, '?exp=5h')).access_token).exp as number;
		const days = decodeJwt((await authenticate(emu, '?exp=3d')).access_token).exp as number;
		const byOption = decodeJwt((await authenticate(emu)).access_token).exp as number;
		const after = nowSeconds();
		expect(short).toBeGreaterThanOrEqual(before + 5 * 3600);
		expect(short).toBeLessThanOrEqual(after + 5 * 3600);
		expect(days).toBeGreaterThanOrEqual(before + 3 * 86400);
		expect(days).toBeLessThanOrEqual(after + 3 * 86400);
		expect(byOption).toBeGreaterThanOrEqual(before + 600);
		expect(byOption).toBeLessThanOrEqual(after + 600);
		const bad = await http(`${emu.url}/api/v2.1/dtable/app-access-token/?exp=soon`, { headers: { Authorization: `Token ${emu.apiToken}` } });
		expect(bad.status).toBe(400);
	});

	it('rejects a base token whose exp claim has passed with 403 Token expired', async () => {
		emu = await SeaTableEmulator.start({ baseTokenTtlSeconds: -5 });
		const { access_token: token } = await authenticate(emu);
		const res = await baseGet(emu, 'metadata', token);
		expect(res.status).toBe(403);
		expect(res.json).toEqual({ error_msg: 'Token expired.' });
	});
});

describe('routing per server version', () => {
	it('gateway mode: /dtable-server and /dtable-db are deprecated 404s, legacy related-users is gone', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const legacy = await http(`${emu.url}/dtable-server/api/v1/dtables/${emu.uuid}/metadata/`, { headers: { Authorization: `Token ${token}` } });
		expect(legacy.status).toBe(404);
		expect(legacy.text).toMatch(/^This endpoint is deprecated/);
		expect((await http(`${emu.url}/dtable-db/api/v1/query/${emu.uuid}/`)).text).toMatch(/^This endpoint is deprecated/);
		const legacyUsers = await http(`${emu.url}/api/v2.1/dtables/${emu.uuid}/related-users/`, { headers: { Authorization: `Token ${token}` } });
		expect(legacyUsers.status).toBe(404);
		// The pre-5.3 socket path is not served either.
		expect((await http(`${emu.url}/socket.io/?EIO=4&transport=polling&dtable_uuid=${emu.uuid}`)).status).toBe(404);
		expect((await baseGet(emu, 'metadata', token)).status).toBe(200);
	});

	it('legacy mode: /api-gateway is a 404, /dtable-server and dtable-web paths work', async () => {
		emu = await SeaTableEmulator.start({ useApiGateway: false });
		const { access_token: token } = await authenticate(emu);
		const gateway = await http(`${emu.url}/api-gateway/api/v2/dtables/${emu.uuid}/metadata/`, { headers: { Authorization: `Token ${token}` } });
		expect(gateway.status).toBe(404);
		expect((await http(`${emu.url}/api-gateway/socket.io/?EIO=4&transport=polling&dtable_uuid=${emu.uuid}`)).status).toBe(404);
		expect((await baseGet(emu, 'metadata', token)).status).toBe(200);
		expect((await baseGet(emu, 'operations', token)).status).toBe(200);
		const users = await baseGet(emu, 'related-users', token);
		expect(users.status).toBe(200);
		expect(users.json.user_list).toHaveLength(3);
	});

	it('answers unknown paths and wrong methods with a JSON 404', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const unknown = await http(`${emu.url}/api/v2.1/nothing-here/`);
		expect(unknown.status).toBe(404);
		expect(unknown.headers['content-type']).toBe('application/json');
		expect(unknown.json).toEqual({ error_msg: 'Not found.' });
		const wrongMethod = await http(`${emu.url}${basePath(emu, 'metadata')}`, { method: 'POST', headers: { Authorization: `Token ${token}` }, body: '{}' });
		expect(wrongMethod.status).toBe(404);
	});

	it('records every request without its Authorization header', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu, '?exp=5h');
		await baseGet(emu, 'metadata', token);
		expect(emu.requests).toEqual([
			{ method: 'GET', path: '/api/v2.1/dtable/app-access-token/', query: 'exp=5h', status: 200 },
			{ method: 'GET', path: `/api-gateway/api/v2/dtables/${emu.uuid}/metadata/`, query: '', status: 200 },
		]);
		expect(JSON.stringify(emu.requests)).not.toContain(token);
		expect(JSON.stringify(emu.requests)).not.toContain(emu.apiToken);
	});
});

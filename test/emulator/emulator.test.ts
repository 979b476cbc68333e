// HTTP side of the emulator: auth, base endpoints, toasts, routing per server version.
import { afterEach, describe, expect, it } from '@jest/globals';
import { decodeJwt, SAMPLE_IDS, sampleBase, SeaTableEmulator } from './index';
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

describe('base endpoints', () => {
	it('serves metadata with column keys, types, select options and views', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const res = await baseGet(emu, 'metadata', token);
		expect(res.status).toBe(200);
		const tables = (res.json.metadata as { tables: Record<string, unknown>[] }).tables;
		expect(tables.map((t) => [t._id, t.name])).toEqual([
			['0000', 'Tasks'],
			[SAMPLE_IDS.projects, 'Projects'],
		]);
		const columns = tables[0].columns as { key: string; name: string; type: string; data: Record<string, unknown> | null }[];
		expect(columns.map((c) => [c.key, c.name, c.type])).toEqual([
			['0000', 'Name', 'text'],
			['St4t', 'Status', 'single-select'],
			['Tg9s', 'Tags', 'multiple-select'],
			['As5g', 'Assignee', 'collaborator'],
			['Du3e', 'Due', 'date'],
			['Dn0e', 'Done', 'checkbox'],
			['Pj1c', 'Project', 'link'],
		]);
		expect((columns[1].data?.options as { id: string; name: string }[]).map((o) => [o.id, o.name])).toContainEqual([
			SAMPLE_IDS.statusOptions.open,
			'Open',
		]);
		expect(columns[6].data).toEqual({ link_id: SAMPLE_IDS.linkId, table_id: '0000', other_table_id: SAMPLE_IDS.projects });
		expect((tables[0].views as { _id: string; name: string }[]).map((v) => [v._id, v.name])).toEqual([
			['0000', 'Default View'],
			['Op3n', 'Open tasks'],
		]);
	});

	it('serves related users with internal usernames and contact emails', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const res = await baseGet(emu, 'related-users', token);
		expect(res.status).toBe(200);
		const users = res.json.user_list as Record<string, string>[];
		expect(users).toHaveLength(3);
		for (const user of users) {
			expect(Object.keys(user).sort()).toEqual(['avatar_url', 'contact_email', 'email', 'name']);
			expect(user.email).toMatch(/^[0-9a-f]{32}@auth\.local$/);
			expect(user.contact_email).not.toBe(user.email);
		}
		expect(users.map((u) => u.name)).toEqual(['Anna Schmidt', 'Ben Carter', 'Chiara Rossi']);
	});

	it('pages the operation log newest first with op_id = version', async () => {
		emu = await SeaTableEmulator.start();
		const versions: number[] = [];
		for (let i = 0; i < 30; i++) versions.push(emu.modifyRow('Tasks', SAMPLE_IDS.taskRows[0], { Name: `rename ${i}` }).version);
		expect(versions[0]).toBe(1);
		expect(versions[29]).toBe(30);
		const { access_token: token } = await authenticate(emu);
		const page1 = (await baseGet(emu, 'operations', token, '?page=1')).json.operations as Record<string, unknown>[];
		const page2 = (await baseGet(emu, 'operations', token, '?page=2')).json.operations as Record<string, unknown>[];
		const page3 = (await baseGet(emu, 'operations', token, '?page=3')).json.operations as Record<string, unknown>[];
		expect(page1.map((o) => o.op_id)).toEqual(Array.from({ length: 25 }, (_, i) => 30 - i));
		expect(page2.map((o) => o.op_id)).toEqual([5, 4, 3, 2, 1]);
		expect(page3).toEqual([]);
		const newest = page1[0];
		expect(Object.keys(newest)).toEqual(['author', 'app', 'op_time', 'operation', 'op_id']);
		expect(newest.author).toBe(emu.base().collaborators[0].email);
		expect(newest.app).toBeNull();
		expect(typeof newest.op_time).toBe('number');
		expect(newest.op_time as number).toBeGreaterThan(1_600_000_000_000); // milliseconds, not seconds
		expect(JSON.parse(newest.operation as string)).toMatchObject({ op_type: 'modify_row', updated: { '0000': 'rename 29' } });
		// No page parameter = page 1.
		const defaultPage = (await baseGet(emu, 'operations', token)).json.operations as Record<string, unknown>[];
		expect(defaultPage[0].op_id).toBe(30);
	});

	it('honours count and per_page, capped at 1000, and the page size option', async () => {
		emu = await SeaTableEmulator.start({ operationLogPageSize: 4 });
		for (let i = 0; i < 1005; i++) emu.applyRaw({ op_type: 'noop', i });
		const { access_token: token } = await authenticate(emu);
		const byOption = (await baseGet(emu, 'operations', token)).json.operations as Record<string, unknown>[];
		expect(byOption.map((o) => o.op_id)).toEqual([1005, 1004, 1003, 1002]);
		const byCount = (await baseGet(emu, 'operations', token, '?page=2&count=10')).json.operations as Record<string, unknown>[];
		expect(byCount.map((o) => o.op_id)).toEqual([995, 994, 993, 992, 991, 990, 989, 988, 987, 986]);
		const byPerPage = (await baseGet(emu, 'operations', token, '?per_page=7')).json.operations as unknown[];
		expect(byPerPage).toHaveLength(7);
		const capped = (await baseGet(emu, 'operations', token, '?count=5000')).json.operations as unknown[];
		expect(capped).toHaveLength(1000);
		expect((await baseGet(emu, 'operations', token, '?page=0')).status).toBe(400);
	});

	it('answers 403 Permission denied for a bad signature or a token of another base', async () => {
		const other = { ...sampleBase(), uuid: '11111111-2222-4333-8444-555555555555', apiToken: 'a'.repeat(40) };
		emu = await SeaTableEmulator.start({ bases: [sampleBase(), other] });
		const { access_token: token } = await authenticate(emu);
		const [head, body, sig] = token.split('.');
		const tampered = `${head}.${body}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`;
		const bad = await baseGet(emu, 'metadata', tampered);
		expect(bad.status).toBe(403);
		expect(bad.json).toEqual({ error_msg: 'Permission denied.' });
		const mismatch = await baseGet(emu, 'metadata', token, '', other.uuid);
		expect(mismatch.status).toBe(403);
		expect(mismatch.json).toEqual({ error_msg: 'Permission denied.' });
		const garbage = await baseGet(emu, 'metadata', 'not-a-jwt');
		expect(garbage.json).toEqual({ error_msg: 'Permission denied.' });
		// The second base works with its own API token.
		const otherAuth = await authenticate(emu, '', 'Token', other.apiToken);
		expect(otherAuth.dtable_uuid).toBe(other.uuid);
		expect((await baseGet(emu, 'metadata', otherAuth.access_token, '', other.uuid)).status).toBe(200);
	});
});

describe('ui-toasts', () => {
	const users = sampleBase().collaborators;

	async function postToast(body: string, token: string, path?: string) {
		return http(`${emu.url}${path ?? basePath(emu, 'ui-toasts')}`, {
			method: 'POST',
			headers: { Authorization: `Token ${token}`, 'Content-Type': 'application/json' },
			body,
		});
	}

	it('records the exact body and the Token header of an accepted toast', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const body = JSON.stringify({ to_user: users[1].email, toast_type: 'warning', detail: { msg: 'Check row 4' } });
		const res = await postToast(body, token);
		expect(res.status).toBe(200);
		expect(res.json).toEqual({ success: true });
		expect(emu.toasts).toEqual([
			{
				to_user: users[1].email,
				toast_type: 'warning',
				detail: { msg: 'Check row 4' },
				authorization: `Token ${token}`,
				path: `/api-gateway/api/v2/dtables/${emu.uuid}/ui-toasts/`,
				rawBody: body,
			},
		]);
	});

	it('validates to_user and detail.msg, and rejects users outside the base', async () => {
		emu = await SeaTableEmulator.start();
		const { access_token: token } = await authenticate(emu);
		const noUser = await postToast(JSON.stringify({ toast_type: 'success', detail: { msg: 'x' } }), token);
		expect(noUser.status).toBe(400);
		expect(typeof noUser.json.error_msg).toBe('string');
		const noMsg = await postToast(JSON.stringify({ to_user: users[0].email, toast_type: 'success', detail: {} }), token);
		expect(noMsg.status).toBe(400);
		const contactEmail = await postToast(JSON.stringify({ to_user: users[0].contact_email, detail: { msg: 'x' } }), token);
		expect(contactEmail.status).toBe(404);
		expect(contactEmail.json).toEqual({ error_msg: 'User not found.' });
		const malformed = await postToast('{"to_user": ', token);
		expect(malformed.status).toBe(400);
		expect(emu.toasts).toHaveLength(0);
	});

	it('uses the legacy dtable-server path in legacy mode', async () => {
		emu = await SeaTableEmulator.start({ useApiGateway: false });
		const { access_token: token } = await authenticate(emu);
		const body = JSON.stringify({ to_user: users[0].email, toast_type: 'success', detail: { msg: 'hi' } });
		const res = await postToast(body, token, `/dtable-server/api/v1/dtables/${emu.uuid}/ui-toasts/`);
		expect(res.status).toBe(200);
		expect(emu.toasts[0].path).toBe(`/dtable-server/api/v1/dtables/${emu.uuid}/ui-toasts/`);
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

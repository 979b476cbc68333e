// HTTP side of the emulator: base endpoints and toasts.
import { afterEach, describe, expect, it } from '@jest/globals';
import { SAMPLE_IDS, sampleBase, SeaTableEmulator } from './index';
import { authenticate, baseGet, basePath, http } from './testHelpers';

let emu: SeaTableEmulator;

afterEach(async () => {
	await emu?.close();
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


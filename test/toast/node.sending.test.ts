// The SeaTable Toast node against the SeaTable emulator over real HTTP: its description, the toasts
// it sends and its collaborator suggestions.
import { describe, expect, it } from '@jest/globals';
import { NodeApiError } from 'n8n-workflow';

import { decodeJwt, type Collaborator } from '../emulator';
import { loadOptionsContext } from './context';
import { ANNA, BEN, CHIARA, baseToken, baseWith, bodies, calls, expectSentWith, node, run, useEmulators } from './nodeKit';

const start = useEmulators();

describe('description', () => {
	it('matches the public contract', () => {
		const { description } = node;
		expect(description).toMatchObject({
			name: 'seaTableToast',
			displayName: 'SeaTable Toast',
			group: ['output'],
			version: [1, 2],
			usableAsTool: true,
			credentials: [{ name: 'seaTableRealtimeApi', required: true }],
		});
		// Version 1's multi-select and version 2's resource locator share the stored name `to`.
		expect(description.properties.map((p) => p.name)).toEqual(['to', 'to', 'message', 'toastType']);
		const toastType = description.properties.find((p) => p.name === 'toastType');
		expect(toastType?.default).toBe('success');
		expect(toastType?.options?.map((o) => ('value' in o ? o.value : undefined))).toEqual(['success', 'warning', 'danger']);
		const to = description.properties.find((p) => p.name === 'to');
		expect(to?.typeOptions?.loadOptionsMethod).toBe('getCollaborators');
		expect(Object.keys(node.methods.loadOptions)).toContain(to?.typeOptions?.loadOptionsMethod);
	});
});

describe('sending toasts', () => {
	it('sends the exact body to a username, with the base token (not the API token)', async () => {
		const emu = await start();
		const output = await run(emu, { parameters: { to: ANNA.email, message: 'Row 7 was approved', toastType: 'success' } });

		expect(bodies(emu)).toEqual([{ to_user: ANNA.email, toast_type: 'success', detail: { msg: 'Row 7 was approved' } }]);
		const token = await baseToken(emu);
		expect(token === emu.apiToken).toBe(false);
		expect(decodeJwt(token).dtable_uuid).toBe(emu.uuid);
		expectSentWith(emu.toasts[0].authorization, token);
		expect(output).toEqual([
			{
				json: { sent: true, to: [ANNA.email], toastType: 'success', message: 'Row 7 was approved' },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('resolves a contact email, ignoring case', async () => {
		const emu = await start();
		const output = await run(emu, { parameters: { to: 'Ben.Carter@EXAMPLE.org', message: 'Hi', toastType: 'warning' } });
		expect(bodies(emu)).toEqual([{ to_user: BEN.email, toast_type: 'warning', detail: { msg: 'Hi' } }]);
		expect(output[0].json.to).toEqual([BEN.email]);
	});

	it('resolves an email that is the username itself (accounts from before …@auth.local)', async () => {
		const dora: Collaborator = { email: 'dora@example.com', name: 'Dora Lee', contact_email: '' };
		const emu = await start({ bases: [baseWith([ANNA, dora])] });
		await run(emu, { parameters: { to: 'dora@example.com', message: 'Hi', toastType: 'danger' } });
		expect(bodies(emu)).toEqual([{ to_user: 'dora@example.com', toast_type: 'danger', detail: { msg: 'Hi' } }]);
	});

	it('resolves an exact display name', async () => {
		const emu = await start();
		await run(emu, { parameters: { to: 'Chiara Rossi', message: 'Ciao', toastType: 'success' } });
		expect(bodies(emu)).toEqual([{ to_user: CHIARA.email, toast_type: 'success', detail: { msg: 'Ciao' } }]);
	});

	it('sends one toast per distinct recipient of a comma-separated list', async () => {
		const emu = await start();
		const to = ` Anna Schmidt, ${BEN.contact_email},${CHIARA.email}, anna.schmidt@example.com ,${ANNA.email},`;
		const output = await run(emu, { parameters: { to, message: 'Release is out', toastType: 'success' } });

		expect(emu.toasts.map((toast) => toast.to_user)).toEqual([ANNA.email, BEN.email, CHIARA.email]);
		expect(bodies(emu)).toContainEqual({ to_user: BEN.email, toast_type: 'success', detail: { msg: 'Release is out' } });
		expect(output).toHaveLength(1);
		expect(output[0].json).toEqual({
			sent: true,
			to: [ANNA.email, BEN.email, CHIARA.email],
			toastType: 'success',
			message: 'Release is out',
		});
	});

	it('accepts a list, as picked in the editor or mapped from a collaborator column', async () => {
		const emu = await start();
		await run(emu, { parameters: { to: [CHIARA.email, 'Ben Carter', CHIARA.email], message: 'Hi', toastType: 'success' } });
		expect(emu.toasts.map((toast) => toast.to_user)).toEqual([CHIARA.email, BEN.email]);
	});

	it('sends the message exactly as written', async () => {
		const emu = await start();
		const message = '  Ünïcödé ✓ "quoted" <b>not html</b>\nsecond line ';
		await run(emu, { parameters: { to: ANNA.email, message, toastType: 'success' } });
		expect(bodies(emu)).toEqual([{ to_user: ANNA.email, toast_type: 'success', detail: { msg: message } }]);
	});

	it.each([
		{ useApiGateway: true, prefix: '/api-gateway/api/v2/dtables/' },
		{ useApiGateway: false, prefix: '/dtable-server/api/v1/dtables/' },
	])('routes to $prefix when useApiGateway is $useApiGateway', async ({ useApiGateway, prefix }) => {
		const emu = await start({ useApiGateway });
		await run(emu, { parameters: { to: 'Anna Schmidt', message: 'Hi', toastType: 'success' } });

		expect(emu.toasts.map((toast) => toast.path)).toEqual([`${prefix}${emu.uuid}/ui-toasts/`]);
		expect(bodies(emu)).toEqual([{ to_user: ANNA.email, toast_type: 'success', detail: { msg: 'Hi' } }]);
		expectSentWith(emu.toasts[0].authorization, await baseToken(emu));
	});

	it('loads the collaborators once per execution, however many items', async () => {
		const emu = await start();
		const recipients = ['Anna Schmidt', BEN.contact_email, CHIARA.email, 'Ben Carter', 'Chiara Rossi', ANNA.email];
		const output = await run(emu, {
			items: recipients.length,
			parameters: (itemIndex) => ({ to: recipients[itemIndex], message: `Item ${itemIndex}`, toastType: 'success' }),
		});

		expect(calls(emu, 'related-users')).toHaveLength(1);
		expect(emu.toasts).toHaveLength(recipients.length);
		expect(output.map((item) => item.pairedItem)).toEqual(recipients.map((_, item) => ({ item })));
		expect(bodies(emu)[5]).toEqual({ to_user: ANNA.email, toast_type: 'success', detail: { msg: 'Item 5' } });

		// A second execution reads them again: a collaborator added meanwhile is found.
		emu.base().collaborators.push({ email: 'e5@auth.local', name: 'Eve New', contact_email: 'eve@example.com' });
		await run(emu, { parameters: { to: 'Eve New', message: 'Welcome', toastType: 'success' } });
		expect(calls(emu, 'related-users')).toHaveLength(2);
		expect(emu.toasts.at(-1)?.to_user).toBe('e5@auth.local');
	});
});

describe('collaborator suggestions (loadOptions)', () => {
	it('lists the collaborators as "Name (email)" with the username as value, sorted by name', async () => {
		const noContact = { email: 'z9@auth.local', name: 'Aaron Zed', contact_email: '' };
		const emu = await start({ bases: [baseWith([CHIARA, ANNA, noContact, BEN])] });
		const options = await node.methods.loadOptions.getCollaborators.call(loadOptionsContext(emu));

		expect(options).toEqual([
			{ name: 'Aaron Zed (z9@auth.local)', value: 'z9@auth.local' },
			{ name: 'Anna Schmidt (anna.schmidt@example.com)', value: ANNA.email },
			{ name: 'Ben Carter (ben.carter@example.org)', value: BEN.email },
			{ name: 'Chiara Rossi (chiara.rossi@example.net)', value: CHIARA.email },
		]);
	});

	it('works against a legacy server too', async () => {
		const emu = await start({ useApiGateway: false });
		const options = await node.methods.loadOptions.getCollaborators.call(loadOptionsContext(emu));
		expect(options.map((option) => option.value)).toEqual([ANNA.email, BEN.email, CHIARA.email]);
		expect(calls(emu, 'related-users').map((request) => request.path)).toEqual([`/api/v2.1/dtables/${emu.uuid}/related-users/`]);
	});

	it('reports a SeaTable error as a node error', async () => {
		const emu = await start();
		emu.failNext({ path: '/related-users/', status: 403, body: { error_msg: 'Permission denied.' } });
		const error = await node.methods.loadOptions.getCollaborators.call(loadOptionsContext(emu)).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect((error as Error).message).toContain('Permission denied.');
	});
});

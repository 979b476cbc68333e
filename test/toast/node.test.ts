// The SeaTable Toast node against the SeaTable emulator over real HTTP.
import { afterAll, afterEach, describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { destroyIdleConnections, getSeaTableClient } from '../../nodes/seatable-client';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { decodeJwt, sampleBase, SeaTableEmulator, type BaseSeed, type Collaborator } from '../emulator';
import { executeContext, loadOptionsContext, type ExecuteOptions } from './context';

const node = new SeaTableToast();
const [ANNA, BEN, CHIARA] = sampleBase().collaborators;

let emulators: SeaTableEmulator[] = [];
async function start(options: Parameters<typeof SeaTableEmulator.start>[0] = {}): Promise<SeaTableEmulator> {
	const emu = await SeaTableEmulator.start(options);
	emulators.push(emu);
	return emu;
}

function baseWith(collaborators: Collaborator[]): BaseSeed {
	return { ...sampleBase(), collaborators };
}

afterEach(async () => {
	await Promise.all(emulators.map((emu) => emu.close()));
	emulators = [];
	destroyIdleConnections();
});
afterAll(() => destroyIdleConnections());

async function run(emu: SeaTableEmulator, options: ExecuteOptions): Promise<INodeExecutionData[]> {
	const [output] = await node.execute.call(executeContext(emu, options));
	return output;
}

async function runError(emu: SeaTableEmulator, options: ExecuteOptions): Promise<Error> {
	const error = await run(emu, options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

/** The toasts as SeaTable received them: the parsed JSON body. */
function bodies(emu: SeaTableEmulator): unknown[] {
	return emu.toasts.map((toast) => JSON.parse(toast.rawBody));
}

function calls(emu: SeaTableEmulator, endpoint: string) {
	return emu.requests.filter((request) => request.path.endsWith(`/${endpoint}/`));
}

async function baseToken(emu: SeaTableEmulator): Promise<string> {
	return (await getSeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }).getAccess()).accessToken;
}

// Compared as booleans, so that a failing test does not print a token.
function expectSentWith(authorization: string, token: string): void {
	expect(authorization.startsWith('Token ')).toBe(true);
	expect(authorization === `Token ${token}`).toBe(true);
}

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

describe('recipient and parameter errors', () => {
	it('names an unknown recipient and lists the collaborators', async () => {
		const emu = await start();
		const error = await runError(emu, { parameters: { to: 'Anna Schmidt, bob', message: 'Hi', toastType: 'success' } });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('Unknown recipient "bob"');
		expect(error.message).toContain('…@auth.local username, email or exact name');
		expect(error.message).toContain('Anna Schmidt (anna.schmidt@example.com), Ben Carter (ben.carter@example.org)');
		// All recipients are resolved before the first toast: nobody gets half a notification round.
		expect(emu.toasts).toHaveLength(0);
	});

	it('caps the list of collaborators in the message', async () => {
		const many = Array.from({ length: 14 }, (_, i) => ({
			email: `u${i}@auth.local`,
			name: `Person ${String(i).padStart(2, '0')}`,
			contact_email: `p${i}@example.com`,
		}));
		const emu = await start({ bases: [baseWith(many)] });
		const error = await runError(emu, { parameters: { to: 'Nobody', message: 'Hi', toastType: 'success' } });

		expect(error.message).toContain('Person 09 (p9@example.com) and 4 more');
		expect(error.message).not.toContain('Person 10');
	});

	it('refuses an ambiguous name and lists who it could be', async () => {
		const alex1 = { email: 'a1@auth.local', name: 'Alex Kim', contact_email: 'alex.kim@example.com' };
		const alex2 = { email: 'a2@auth.local', name: 'Alex Kim', contact_email: 'alex.kim@example.org' };
		const emu = await start({ bases: [baseWith([ANNA, alex1, alex2])] });
		const error = await runError(emu, { parameters: { to: 'Alex Kim', message: 'Hi', toastType: 'success' } });

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('Ambiguous recipient "Alex Kim"');
		expect(error.message).toContain(
			'Alex Kim (alex.kim@example.com, username a1@auth.local), Alex Kim (alex.kim@example.org, username a2@auth.local)',
		);
		expect(emu.toasts).toHaveLength(0);

		// Either one is still reachable by email.
		await run(emu, { parameters: { to: 'alex.kim@example.org', message: 'Hi', toastType: 'success' } });
		expect(emu.toasts.map((toast) => toast.to_user)).toEqual(['a2@auth.local']);
	});

	it('refuses an empty recipient field without calling SeaTable', async () => {
		const emu = await start();
		const error = await runError(emu, { parameters: { to: ' , ', message: 'Hi', toastType: 'success' } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('No recipient given');
		expect(emu.requests).toHaveLength(0);
	});

	it.each(['', '   \n\t '])('refuses an empty message (%j) without calling SeaTable', async (message) => {
		const emu = await start();
		const error = await runError(emu, { parameters: { to: ANNA.email, message, toastType: 'success' } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('The message is empty');
		expect(emu.requests).toHaveLength(0);
	});

	it('refuses an invalid toast type and lists the valid ones', async () => {
		const emu = await start();
		const error = await runError(emu, { parameters: { to: ANNA.email, message: 'Hi', toastType: 'info' } });
		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toBe('Invalid toast type "info". Valid toast types are: success, warning, danger');
		expect(emu.requests).toHaveLength(0);
	});
});

describe('continue on fail', () => {
	const perItem = (itemIndex: number) => ({
		to: ['Anna Schmidt', 'bob', 'Ben Carter'][itemIndex],
		message: `Item ${itemIndex}`,
		toastType: 'success',
	});

	it('turns a failed item into an error item and goes on with the next', async () => {
		const emu = await start();
		const output = await run(emu, { items: 3, continueOnFail: true, parameters: perItem });

		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({ json: { sent: true, to: [ANNA.email] }, pairedItem: { item: 0 } });
		expect(output[1].pairedItem).toEqual({ item: 1 });
		expect(Object.keys(output[1].json)).toEqual(['error']);
		expect(output[1].json.error).toContain('Unknown recipient "bob"');
		expect(output[2]).toMatchObject({ json: { sent: true, to: [BEN.email] }, pairedItem: { item: 2 } });
		expect(emu.toasts.map((toast) => toast.detail)).toEqual([{ msg: 'Item 0' }, { msg: 'Item 2' }]);
	});

	it('stops at the failed item without it', async () => {
		const emu = await start();
		const error = await runError(emu, { items: 3, parameters: perItem });
		expect(error.message).toContain('Unknown recipient "bob"');
		expect((error as NodeOperationError).context.itemIndex).toBe(1);
		expect(emu.toasts.map((toast) => toast.detail)).toEqual([{ msg: 'Item 0' }]);
	});
});

describe('SeaTable errors and recovery', () => {
	it('wraps a SeaTable error in a NodeApiError with the status and error_msg, and leaks no token', async () => {
		const emu = await start();
		emu.failNext({ path: '/ui-toasts/', status: 404, body: { error_msg: 'User not found.' } });
		const error = await runError(emu, { parameters: { to: 'Anna Schmidt', message: 'Hi', toastType: 'success' } });

		expect(error).toBeInstanceOf(NodeApiError);
		const apiError = error as NodeApiError;
		expect(apiError.httpCode).toBe('404');
		expect(apiError.message).toContain('User not found.');
		expect(apiError.description).toContain(ANNA.email);
		expect(apiError.context.itemIndex).toBe(0);
		const token = await baseToken(emu);
		for (const secret of [emu.apiToken, token]) {
			expect(inspect(error, { depth: Infinity, showHidden: true }).includes(secret)).toBe(false);
			expect(JSON.stringify(error).includes(secret)).toBe(false);
		}
	});

	it('says which recipients already got the toast when a later one fails', async () => {
		const emu = await start();
		// Ben loses access to the base right after Anna's toast (the collaborators are already loaded),
		// so SeaTable itself refuses his toast with 404 "User not found.".
		const record = emu.toasts.push.bind(emu.toasts);
		emu.toasts.push = (...toasts) => {
			const { collaborators } = emu.base();
			const ben = collaborators.findIndex((c) => c.email === BEN.email);
			if (ben >= 0) collaborators.splice(ben, 1);
			return record(...toasts);
		};
		const error = await runError(emu, {
			parameters: { to: 'Anna Schmidt, Ben Carter, Chiara Rossi', message: 'Hi', toastType: 'success' },
		});

		expect(emu.toasts.map((toast) => toast.to_user)).toEqual([ANNA.email]);
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('404');
		expect(error.message).toContain('User not found.');
		expect((error as NodeApiError).description).toContain(`SeaTable did not accept the recipient ${BEN.email}`);
		expect((error as NodeApiError).description).toContain(`The toast was already shown to: ${ANNA.email}.`);
	});

	it('does not retry a rejected toast (400) and reports SeaTable\'s reason', async () => {
		const emu = await start();
		emu.failNext({ path: '/ui-toasts/', status: 400, body: { error_msg: 'msg invalid.' } });
		const output = await run(emu, {
			continueOnFail: true,
			parameters: { to: 'Anna Schmidt', message: 'Hi', toastType: 'success' },
		});
		expect(calls(emu, 'ui-toasts').map((request) => request.status)).toEqual([400]);
		expect(emu.toasts).toHaveLength(0);
		expect(output).toEqual([{ json: { error: expect.stringContaining('msg invalid.') }, pairedItem: { item: 0 } }]);
	});

	it('retries a rate-limited toast (429 with Retry-After) and shows it once', async () => {
		const emu = await start();
		emu.failNext({ path: '/ui-toasts/', status: 429, retryAfter: 0 });
		const output = await run(emu, { parameters: { to: 'Anna Schmidt', message: 'Hi', toastType: 'success' } });

		expect(calls(emu, 'ui-toasts').map((request) => request.status)).toEqual([429, 200]);
		expect(bodies(emu)).toEqual([{ to_user: ANNA.email, toast_type: 'success', detail: { msg: 'Hi' } }]);
		expect(output[0].json.sent).toBe(true);
	});

	it('renews an expired base token once and repeats the toast', async () => {
		const emu = await start();
		// Expire the token after the collaborators were loaded (item 0), so the toast call of item 1 meets it.
		const output = await run(emu, {
			items: 2,
			parameters: (itemIndex) => {
				if (itemIndex === 1) emu.expireBaseTokens();
				return { to: itemIndex === 0 ? 'Anna Schmidt' : 'Ben Carter', message: `Item ${itemIndex}`, toastType: 'success' };
			},
		});

		expect(output.map((item) => item.json.sent)).toEqual([true, true]);
		expect(calls(emu, 'ui-toasts').map((request) => request.status)).toEqual([200, 403, 200]);
		expect(calls(emu, 'related-users').map((request) => request.status)).toEqual([200]);
		// The first exchange plus exactly one renewal; the repeated toast carries the renewed token.
		expect(calls(emu, 'app-access-token')).toHaveLength(2);
		expect(emu.toasts.map((toast) => toast.to_user)).toEqual([ANNA.email, BEN.email]);
		expectSentWith(emu.toasts[1].authorization, await baseToken(emu));
	});

	it('fails clearly when the API token was revoked', async () => {
		const emu = await start();
		emu.revokeApiToken();
		const error = await runError(emu, { parameters: { to: 'Anna Schmidt', message: 'Hi', toastType: 'success' } });
		expect(error).toBeInstanceOf(NodeApiError);
		expect((error as NodeApiError).httpCode).toBe('403');
		expect(JSON.stringify(error).includes(emu.apiToken)).toBe(false);
		expect(emu.toasts).toHaveLength(0);
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

// The SeaTable Toast node against the SeaTable emulator over real HTTP: recipient and parameter
// errors, continue on fail, SeaTable errors and recovery.
import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ANNA, BEN, baseToken, baseWith, bodies, calls, expectSentWith, run, runError, useEmulators } from './nodeKit';

const start = useEmulators();

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


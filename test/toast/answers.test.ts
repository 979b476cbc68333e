// The Toast node against answers SeaTable should not give: an explicit failure in a 200, malformed
// collaborators; and a message too long to send.
import { afterEach, expect, it } from '@jest/globals';
import { NodeApiError, NodeOperationError, type INodeExecutionData } from 'n8n-workflow';

import { destroyIdleConnections, MAX_TOAST_MESSAGE_LENGTH } from '../../nodes/seatable-client';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { HOSTILE_API_TOKEN, json, startHostileServer, type HostileServer } from '../client/hostileServer';
import { sampleBase, SeaTableEmulator } from '../emulator';
import { executeContext, type ExecuteOptions } from './context';

const node = new SeaTableToast();
// The documented limit, spelt out so the test does not depend on the code it checks.
const LIMIT = 5_000;
const ANNA = { email: 'anna@auth.local', name: 'Anna', contact_email: 'anna@example.com' };
let server: HostileServer | undefined;
let emu: SeaTableEmulator | undefined;

afterEach(async () => {
	await server?.close();
	await emu?.close();
	server = undefined;
	emu = undefined;
	destroyIdleConnections();
});

async function run(target: { url: string; apiToken: string }, options: ExecuteOptions): Promise<INodeExecutionData[]> {
	const [output] = await node.execute.call(executeContext(target as SeaTableEmulator, options));
	return output;
}

async function runError(target: { url: string; apiToken: string }, options: ExecuteOptions): Promise<Error> {
	const error = await run(target, options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

function seaTable(collaborators: unknown, toastAnswer: unknown): Promise<HostileServer> {
	return startHostileServer((req, res) => {
		if ((req.url ?? '').includes('/related-users/')) return json(res, 200, collaborators);
		if ((req.url ?? '').includes('/ui-toasts/')) return json(res, 200, toastAnswer);
		json(res, 404, { error_msg: 'not here' });
	});
}

const target = (s: HostileServer) => ({ url: s.url, apiToken: HOSTILE_API_TOKEN });
const params = { to: 'anna@auth.local', message: 'Hello', toastType: 'success' };

it('200 {"success": false} is an error quoting SeaTable\'s answer, not "sent"', async () => {
	server = await seaTable({ user_list: [ANNA] }, { success: false, error_msg: 'user not in base' });
	const error = await runError(target(server), { parameters: params });
	expect(error).toBeInstanceOf(NodeApiError);
	expect(error.message).toBe('SeaTable did not show the toast: it answered {"success":false,"error_msg":"user not in base"}');
	expect(server.paths.filter((p) => p.includes('/ui-toasts/'))).toHaveLength(1);
});

it('with Continue On Fail, {"success": false} gives an error item', async () => {
	server = await seaTable({ user_list: [ANNA] }, { success: false });
	const [item] = await run(target(server), { parameters: params, continueOnFail: true });
	expect(item.json).toEqual({ error: 'SeaTable did not show the toast: it answered {"success":false}' });
});

it('the documented {"success": true} is sent', async () => {
	server = await seaTable({ user_list: [ANNA] }, { success: true });
	const [item] = await run(target(server), { parameters: params });
	expect(item.json.sent).toBe(true);
});

it('a message over 5,000 characters is refused before any request', async () => {
	emu = await SeaTableEmulator.start();
	const message = 'x'.repeat(10 * 1024 * 1024);
	const error = await runError(emu, { parameters: { ...params, to: 'anything', message } });
	expect(error).toBeInstanceOf(NodeOperationError);
	expect(error.message).toBe(`The message is ${message.length} characters long; a toast shows at most ${LIMIT}`);
	expect((error as NodeOperationError).description).toMatch(/Shorten the message/);
	expect(emu.requests).toHaveLength(0);
	expect(emu.toasts).toHaveLength(0);
	expect(MAX_TOAST_MESSAGE_LENGTH).toBe(LIMIT);
});

it('a message of exactly the limit is sent', async () => {
	emu = await SeaTableEmulator.start();
	const [anna] = sampleBase().collaborators;
	const message = 'y'.repeat(LIMIT);
	const [item] = await run(emu, { parameters: { ...params, to: anna.email, message } });
	expect(item.json.sent).toBe(true);
	expect(emu.toasts).toHaveLength(1);
});

it.each([
	['an entry whose email is a number', { user_list: [ANNA, { email: 42, name: 'Bad' }] }, 'entry 2 has no username (email)'],
	['an entry that is not an object', { user_list: ['anna@auth.local'] }, 'entry 1 has no username (email)'],
	['a user_list that is no list', { user_list: { anna: ANNA } }, 'user_list is not a list'],
])('malformed collaborators (%s) give a clear error, not a TypeError', async (_what, collaborators, problem) => {
	server = await seaTable(collaborators, { success: true });
	const error = await runError(target(server), { parameters: { ...params, to: 'Anna' } });
	expect(error.message).toBe(`SeaTable's list of collaborators is malformed: ${problem}`);
	expect(server.paths.filter((p) => p.includes('/ui-toasts/'))).toHaveLength(0);
});

it('collaborators with a name or contact email of the wrong type still resolve by username', async () => {
	server = await seaTable({ user_list: [{ email: 'anna@auth.local', name: 7, contact_email: ['x'] }] }, { success: true });
	const [item] = await run(target(server), { parameters: params });
	expect(item.json).toMatchObject({ sent: true, to: ['anna@auth.local'] });
});

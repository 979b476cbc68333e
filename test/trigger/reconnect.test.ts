// The connection survives every fault SeaTable or the network can throw at it: it rejoins and
// delivers new changes, and no recoverable fault reaches emitError.
import { afterEach, beforeEach, expect, test } from '@jest/globals';
import type { SeaTableEmulator } from '../emulator';
import { waitFor } from '../helpers/triggerContext';
import { shutDown, startEmulator, startTrigger, type RunningTrigger } from './triggerTestKit';

let emu: SeaTableEmulator;
const triggers: RunningTrigger[] = [];

beforeEach(async () => {
	emu = await startEmulator();
});

afterEach(async () => {
	await shutDown(emu, triggers);
});

async function joinCountAfter(fault: () => void | Promise<void>): Promise<void> {
	const joinsBefore = countJoins();
	await fault();
	await waitFor(() => countJoins() > joinsBefore && emu.joinedCount() === 1, 40_000, 'the trigger to rejoin');
}

let joins = 0;
function countJoins(): number {
	return joins;
}

beforeEach(() => {
	joins = 0;
	emu.on('join', () => joins++);
});

async function expectDeliveryAfterFault(trigger: RunningTrigger, name: string): Promise<void> {
	const before = trigger.emits.length;
	const change = emu.insertRow('Tasks', { Name: name });
	await trigger.waitForEmits(before + 1);
	expect(trigger.items().at(-1)).toMatchObject({ version: change.version, row_id: change.row._id });
	expect(trigger.errors).toEqual([]);
}

test('a server-side disconnect: re-authenticates and rejoins', async () => {
	const trigger = await startTrigger(emu, { options: { catchUp: false } });
	triggers.push(trigger);
	const exchangesBefore = emu.requests.filter((r) => r.path.includes('app-access-token')).length;
	await joinCountAfter(() => emu.disconnectAll());
	// socket.io-client does not reconnect after "io server disconnect"; we did, with a fresh token.
	expect(emu.requests.filter((r) => r.path.includes('app-access-token')).length).toBeGreaterThan(exchangesBefore);
	expect(trigger.logs.some((line) => line.includes('io server disconnect'))).toBe(true);
	await expectDeliveryAfterFault(trigger, 'after server disconnect');
});

test('a killed transport: socket.io reconnects and the trigger rejoins', async () => {
	const trigger = await startTrigger(emu, { options: { catchUp: false } });
	triggers.push(trigger);
	await joinCountAfter(() => emu.killTransports());
	await expectDeliveryAfterFault(trigger, 'after transport kill');
});

test('the server is down for 5 seconds and comes back on the same port', async () => {
	const trigger = await startTrigger(emu, { options: { catchUp: false } });
	triggers.push(trigger);
	await joinCountAfter(async () => {
		await emu.stop();
		await new Promise((resolve) => setTimeout(resolve, 5000));
		await emu.restart();
	});
	await expectDeliveryAfterFault(trigger, 'after restart');
}, 60_000);

test('the base token expires while connected: the next rejoin renews it', async () => {
	// Without name resolution no HTTP call renews the token on the way: the rejoin must do it.
	const trigger = await startTrigger(emu, { options: { catchUp: false, resolveNames: false } });
	triggers.push(trigger);
	emu.expireBaseTokens();
	// Still joined: the server checks the token only when joining.
	await expectDeliveryAfterFault(trigger, 'after expiry, still joined');
	const exchangesBefore = emu.requests.filter((r) => r.path.includes('app-access-token')).length;
	await joinCountAfter(() => emu.killTransports());
	expect(emu.requests.filter((r) => r.path.includes('app-access-token')).length).toBeGreaterThan(exchangesBefore);
	await expectDeliveryAfterFault(trigger, 'after expiry and rejoin');
});

test('a server that never acknowledges join-room: the expired token is noticed over HTTP and renewed', async () => {
	await emu.close();
	emu = await startEmulator({ joinAck: false });
	joins = 0;
	emu.on('join', () => joins++);
	const trigger = await startTrigger(emu, { options: { catchUp: false } });
	triggers.push(trigger);
	emu.expireBaseTokens();
	await joinCountAfter(() => emu.killTransports());
	await expectDeliveryAfterFault(trigger, 'no ack server');
}, 40_000);

test('a revoked API token is reported through emitError with a clear message and no secret', async () => {
	const trigger = await startTrigger(emu, { options: { catchUp: false } });
	triggers.push(trigger);
	emu.revokeApiToken();
	emu.disconnectAll();
	await waitFor(() => trigger.errors.length > 0, 20_000, 'emitError');
	const error = trigger.errors[0];
	expect(error.message).toMatch(/API token|refused/i);
	const everything = JSON.stringify(error) + String((error as { description?: string }).description) + trigger.logs.join('\n');
	expect(everything).not.toContain(emu.apiToken);
});

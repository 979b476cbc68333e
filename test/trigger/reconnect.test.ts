// The connection survives every fault SeaTable or the network can throw at it: it rejoins and
// delivers new changes, and no recoverable fault reaches emitError.
import { expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';

import { waitFor } from '../helpers/waitFor';
import { useTriggerTestBed, type RunningTrigger } from './triggerTestKit';

const bed = useTriggerTestBed();

/** Injects a fault and waits until the trigger has joined the base again. */
async function rejoinAfter(fault: () => void | Promise<void>): Promise<void> {
	let rejoined = false;
	const onJoin = () => {
		rejoined = true;
	};
	bed.emu.on('join', onJoin);
	await fault();
	await waitFor('the trigger to rejoin', () => rejoined && bed.emu.joinedCount() === 1, 40_000);
	bed.emu.off('join', onJoin);
}

async function expectDeliveryAfterFault(trigger: RunningTrigger, name: string): Promise<void> {
	const before = trigger.emits.length;
	const change = bed.emu.insertRow('Tasks', { Name: name });
	await trigger.waitForEmits(before + 1);
	expect(trigger.items().at(-1)).toMatchObject({ version: change.version, row_id: change.row._id });
	expect(trigger.errors).toEqual([]);
}

test('a server-side disconnect: re-authenticates and rejoins', async () => {
	const trigger = await bed.start({ options: { catchUp: false } });
	const exchangesBefore = bed.emu.requests.filter((r) => r.path.includes('app-access-token')).length;
	await rejoinAfter(() => bed.emu.disconnectAll());
	// socket.io-client does not reconnect after "io server disconnect"; we did, with a fresh token.
	expect(bed.emu.requests.filter((r) => r.path.includes('app-access-token')).length).toBeGreaterThan(exchangesBefore);
	expect(trigger.logs.some((line) => line.includes('io server disconnect'))).toBe(true);
	await expectDeliveryAfterFault(trigger, 'after server disconnect');
});

test('a killed transport: socket.io reconnects and the trigger rejoins', async () => {
	const trigger = await bed.start({ options: { catchUp: false } });
	await rejoinAfter(() => bed.emu.killTransports());
	await expectDeliveryAfterFault(trigger, 'after transport kill');
});

test('the server is down for 5 seconds and comes back on the same port', async () => {
	const trigger = await bed.start({ options: { catchUp: false } });
	await rejoinAfter(async () => {
		await bed.emu.stop();
		await delay(5000);
		await bed.emu.restart();
	});
	await expectDeliveryAfterFault(trigger, 'after restart');
}, 60_000);

test('the base token expires while connected: the next rejoin renews it', async () => {
	// Without name resolution no HTTP call renews the token on the way: the rejoin must do it.
	const trigger = await bed.start({ options: { catchUp: false, resolveNames: false } });
	bed.emu.expireBaseTokens();
	// Still joined: the server checks the token only when joining.
	await expectDeliveryAfterFault(trigger, 'after expiry, still joined');
	const exchangesBefore = bed.emu.requests.filter((r) => r.path.includes('app-access-token')).length;
	await rejoinAfter(() => bed.emu.killTransports());
	expect(bed.emu.requests.filter((r) => r.path.includes('app-access-token')).length).toBeGreaterThan(exchangesBefore);
	await expectDeliveryAfterFault(trigger, 'after expiry and rejoin');
});

test('a server that never acknowledges join-room: the expired token is noticed over HTTP and renewed', async () => {
	await bed.restartEmulator({ joinAck: false });
	const trigger = await bed.start({ options: { catchUp: false } });
	bed.emu.expireBaseTokens();
	await rejoinAfter(() => bed.emu.killTransports());
	await expectDeliveryAfterFault(trigger, 'no ack server');
}, 40_000);

test('a revoked API token is reported through emitError with a clear message and no secret', async () => {
	const trigger = await bed.start({ options: { catchUp: false } });
	bed.emu.revokeApiToken();
	bed.emu.disconnectAll();
	await waitFor('emitError', () => trigger.errors.length > 0, 20_000);
	const error = trigger.errors[0];
	expect(error.message).toMatch(/API token|refused/i);
	const everything = JSON.stringify(error) + String((error as { description?: string }).description) + trigger.logs.join('\n');
	expect(everything).not.toContain(bed.emu.apiToken);
});

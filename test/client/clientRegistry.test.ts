// A (server, token) client lives while someone uses it and a while after, then is released: a
// changed or deleted credential does not stay in memory for the life of n8n.
import { afterEach, expect, jest, test } from '@jest/globals';

import {
	acquireSeaTableClient,
	CLIENT_IDLE_MS,
	destroyIdleConnections,
	getSeaTableClient,
	releaseIdleClients,
	sharedClientCount,
} from '../../nodes/seatable-client';
import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { getCollaborators } from '../../nodes/SeaTableToast/methods/loadOptions';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { sampleBase, SeaTableEmulator } from '../emulator';
import { createTriggerHarness } from '../helpers/triggerContext';
import { executeContext, loadOptionsContext } from '../toast/context';

const credentials = (n: number) => ({ serverUrl: 'https://seatable.example.com', apiToken: `token-${n}-0123456789abcdef0123456789` });

afterEach(() => {
	jest.useRealTimers();
	releaseIdleClients();
	destroyIdleConnections();
});

test('users share one client; after the last release and the idle time it is gone', () => {
	jest.useFakeTimers();
	const first = acquireSeaTableClient(credentials(1));
	const second = acquireSeaTableClient(credentials(1));
	expect(second.client).toBe(first.client);
	expect(sharedClientCount()).toBe(1);

	first.release();
	first.release(); // idempotent: does not count as the second user leaving
	jest.advanceTimersByTime(CLIENT_IDLE_MS * 2);
	expect(sharedClientCount()).toBe(1);

	second.release();
	jest.advanceTimersByTime(CLIENT_IDLE_MS - 1);
	expect(sharedClientCount()).toBe(1);
	jest.advanceTimersByTime(1);
	expect(sharedClientCount()).toBe(0);

	const again = acquireSeaTableClient(credentials(1));
	expect(again.client).not.toBe(first.client);
	again.release();
});

test('a new user within the idle time gets the same client (no new token exchange per execution)', () => {
	jest.useFakeTimers();
	const first = acquireSeaTableClient(credentials(2));
	first.release();
	jest.advanceTimersByTime(CLIENT_IDLE_MS / 2);
	const second = acquireSeaTableClient(credentials(2));
	expect(second.client).toBe(first.client);
	second.release();
	jest.advanceTimersByTime(CLIENT_IDLE_MS / 2 + 1);
	// The idle time restarted with the second release.
	expect(sharedClientCount()).toBe(1);
	jest.advanceTimersByTime(CLIENT_IDLE_MS);
	expect(sharedClientCount()).toBe(0);
});

test('1,000 credentials used once each leave nothing behind', () => {
	for (let n = 0; n < 1000; n++) acquireSeaTableClient(credentials(1000 + n)).release();
	expect(sharedClientCount()).toBe(1000);
	releaseIdleClients();
	expect(sharedClientCount()).toBe(0);
});

test('getSeaTableClient (a short use) shares the leased client and is released after the idle time', () => {
	jest.useFakeTimers();
	const lease = acquireSeaTableClient(credentials(3));
	expect(getSeaTableClient(credentials(3))).toBe(lease.client);
	// Held by the lease, so the short use does not start the idle time.
	jest.advanceTimersByTime(CLIENT_IDLE_MS * 2);
	expect(sharedClientCount()).toBe(1);
	lease.release();
	const short = getSeaTableClient(credentials(4));
	expect(sharedClientCount()).toBe(2);
	jest.advanceTimersByTime(CLIENT_IDLE_MS);
	expect(sharedClientCount()).toBe(0);
	expect(getSeaTableClient(credentials(4))).not.toBe(short);
});

test('the Toast node and its collaborator list release the client they used', async () => {
	const emu = await SeaTableEmulator.start();
	try {
		const before = sharedClientCount();
		const [anna] = sampleBase().collaborators;
		await new SeaTableToast().execute.call(executeContext(emu, { parameters: { to: anna.email, message: 'hi', toastType: 'success' } }));
		await getCollaborators.call(loadOptionsContext(emu));
		// Failing executions release too.
		await expect(new SeaTableToast().execute.call(executeContext(emu, { parameters: { to: 'nobody', message: 'hi' } }))).rejects.toThrow(/Unknown recipient/);
		expect(sharedClientCount()).toBe(before + 1);
		releaseIdleClients();
		expect(sharedClientCount()).toBe(before);
	} finally {
		await emu.close();
	}
});

test('an active trigger holds its client; once closed, the client is released after the idle time', async () => {
	const emu = await SeaTableEmulator.start();
	try {
		const harness = createTriggerHarness({ parameters: { event: 'baseChange' }, credentials: { serverUrl: emu.url, apiToken: emu.apiToken } });
		const response = await new SeaTableRealtimeTrigger().trigger.call(harness.context);
		// Editor lists and toasts in between do not take the trigger's client away.
		releaseIdleClients();
		expect(sharedClientCount()).toBe(1);
		await response.closeFunction?.();
		expect(sharedClientCount()).toBe(1);
		releaseIdleClients();
		expect(sharedClientCount()).toBe(0);
	} finally {
		await emu.close();
	}
});

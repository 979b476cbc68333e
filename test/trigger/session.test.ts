// The core's one entry point: subscriptions on a base share one session (one socket, one parsed
// event per change), notifications go through it too, and aborting the signal leaves the session.
import { afterEach, expect, test } from '@jest/globals';

import { destroyIdleConnections, getSeaTableClient, openSessionCount, subscribe, type Subscription } from '../../nodes/seatable-client';
import { silentLogger } from '../../nodes/seatable-client/logger';
import type { EventItem } from '../../nodes/seatable-client/operations';
import { SeaTableEmulator } from '../emulator';
import { waitFor } from '../helpers/waitFor';

let emu: SeaTableEmulator | undefined;
const open: Subscription[] = [];

afterEach(async () => {
	for (const subscription of open.splice(0)) subscription.close();
	expect(openSessionCount()).toBe(0);
	await emu?.close();
	emu = undefined;
	destroyIdleConnections();
});

function changes(client: ReturnType<typeof getSeaTableClient>, received: EventItem[], signal?: AbortSignal): Subscription {
	const subscription = subscribe(client, {
		event: 'baseChange',
		enrich: { resolveNames: true, splitRows: true, includeRaw: false, watchColumns: [], operations: [], tables: [] },
		items: { includeFullRow: false, resolveCollaborators: false, resolveLinks: false, resolveNames: true },
		catchUp: false,
		catchUpMaxOperations: 1000,
		maxWaitingChanges: 1000,
		batchWindowMs: 0,
		versionStore: memoryStore(),
		deliver: (items) => void received.push(...items),
		logger: silentLogger,
		signal,
	});
	open.push(subscription);
	return subscription;
}

function memoryStore() {
	let version: number | undefined;
	return { get: () => version, set: (next: number) => void (version = next) };
}

test('two subscriptions on one base share one session and socket, and each gets the change', async () => {
	emu = await SeaTableEmulator.start();
	const client = getSeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken });
	const first: EventItem[] = [];
	const second: EventItem[] = [];
	const abort = new AbortController();
	const subscriptions = [changes(client, first), changes(client, second, abort.signal)];
	await Promise.all(subscriptions.map((subscription) => subscription.opened));
	expect(openSessionCount()).toBe(1);
	expect(emu.socketCount()).toBe(1);
	expect(subscriptions[0].dtableUuid).not.toBe('');

	const change = emu.insertRow('Tasks', { Name: 'for both' });
	await waitFor('both subscriptions to get the change', () => first.length === 1 && second.length === 1, 15_000);
	expect(first[0]).toEqual(second[0]);
	expect(first[0].version).toBe(change.version);

	// Aborting leaves the session; the other subscription keeps it open.
	abort.abort();
	expect(openSessionCount()).toBe(1);
	emu.insertRow('Tasks', { Name: 'for the first only' });
	await waitFor('the first subscription to get the second change', () => first.length === 2, 15_000);
	expect(second).toHaveLength(1);
	subscriptions[0].close();
	expect(openSessionCount()).toBe(0);
});

test('notifications go through the same entry point', async () => {
	emu = await SeaTableEmulator.start();
	const client = getSeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken });
	const received: Record<string, unknown>[] = [];
	const subscription = subscribe(client, { event: 'notification', onNotification: (notification) => void received.push(notification), logger: silentLogger });
	open.push(subscription);
	await subscription.opened;
	const notification = { id: 7, msg_type: 'row_comment', detail: { comment: 'hello' } };
	emu.sendNotification(notification);
	await waitFor('the notification', () => received.length === 1, 15_000);
	expect(received[0]).toMatchObject(notification);
});

// The realtime connection on its own: typed events, the join outcome, and a close that leaves no
// socket or listener behind.
import { afterEach, expect, test } from '@jest/globals';

import { SeaTableClient, destroyIdleConnections, type SeaTableError } from '../../nodes/seatable-client';
import { RealtimeConnection, type ConnectionState, type JoinedInfo } from '../../nodes/seatable-client/realtime';
import { SeaTableEmulator } from '../emulator';
import { waitFor } from '../helpers/waitFor';

let emu: SeaTableEmulator | undefined;
let connection: RealtimeConnection | undefined;

afterEach(async () => {
	connection?.close();
	await emu?.close();
	destroyIdleConnections();
});

async function openConnection(): Promise<{ joins: JoinedInfo[]; states: ConnectionState[]; updates: Array<number | undefined> }> {
	emu = await SeaTableEmulator.start();
	connection = new RealtimeConnection(new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }), { reconnectDelayMs: 50, reconnectDelayMaxMs: 200 });
	const joins: JoinedInfo[] = [];
	const states: ConnectionState[] = [];
	const updates: Array<number | undefined> = [];
	connection.on('joined', (info) => joins.push(info));
	connection.on('state', (state) => states.push(state));
	connection.on('update', (_operation, version) => updates.push(version));
	await connection.open();
	return { joins, states, updates };
}

test('joins with the acknowledged version, hears updates, and rejoins after a server disconnect', async () => {
	const { joins, states, updates } = await openConnection();
	expect(connection!.dtableUuid).toBe(emu!.uuid);
	expect(connection!.connectionState).toBe('joined');
	expect(joins).toEqual([{ version: expect.any(Number), reconnected: false }]);
	const change = emu!.insertRow('Tasks', { Name: 'heard' });
	await waitFor('the update', () => updates.length === 1, 10_000);
	expect(updates).toEqual([change.version]);
	emu!.disconnectAll();
	await waitFor('the rejoin', () => joins.length === 2, 10_000);
	expect(joins[1].reconnected).toBe(true);
	expect(states).toEqual(['joined', 'disconnected', 'joined']);
});

test('a join refused for another reason than the token is fatal, with the server text', async () => {
	const { joins } = await openConnection();
	const fatal: SeaTableError[] = [];
	connection!.on('fatal', (error) => fatal.push(error));
	emu!.revokeApiToken();
	emu!.disconnectAll();
	await waitFor('the fatal error', () => fatal.length > 0, 10_000);
	expect(fatal[0].kind).toBe('invalidToken');
	expect(joins).toHaveLength(1);
});

test('close releases the socket, the timers and every listener', async () => {
	const { states } = await openConnection();
	connection!.close();
	expect(connection!.connectionState).toBe('closed');
	expect(states.at(-1)).toBe('closed');
	for (const event of ['joined', 'update', 'notification', 'fatal', 'state'] as const) expect(connection!.listenerCount(event)).toBe(0);
	await waitFor('the socket to close', () => emu!.socketCount() === 0, 5000);
	connection!.close(); // idempotent
});

// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-jest compiles with the root tsconfig, which has no test/types
/// <reference path="../types/dtable-store.d.ts" />
// SeaTable's own front-end store, connected the way SeaTable's web app connects (dtable-store's socket
// client: path /api-gateway/socket.io, query {dtable_uuid, lang}, join-room with an acknowledgement),
// applies every operation the emulator broadcasts and ends with the emulator's base.
import { afterEach, expect, test } from '@jest/globals';
import { DTableStore, type DTableValue } from 'dtable-store';
import { SeaTableEmulator } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { comparableBase } from './oracleState';
import { runSession } from './session';

let emu: SeaTableEmulator | undefined;
let store: DTableStore | undefined;

afterEach(async () => {
	store?.socketClient?.socket.disconnect();
	store = undefined;
	await emu?.close();
	emu = undefined;
});

test('a dtable-store client applies every broadcast operation without error and ends with the emulator state', async () => {
	emu = await SeaTableEmulator.start();
	const username = emu.base().collaborators[0].email;
	const accessToken = emu.issueBaseToken({ username });
	store = new DTableStore({ server: emu.url, dtableUuid: emu.uuid, accessToken, lang: 'en', username });
	store.deserializeDTable(JSON.parse(JSON.stringify(emu.base().value)) as DTableValue);
	const errors: string[] = [];
	const apply = store.executeRemoteOperation.bind(store);
	// Wrapped only to record a failure; the operation is applied by dtable-store's own code.
	store.executeRemoteOperation = (op: Record<string, unknown>, version: number) => {
		try {
			apply(op, version);
		} catch (error) {
			errors.push(`${String(op.op_type)} @${version}: ${(error as Error).message}`);
		}
	};
	let joined: Record<string, unknown> | undefined;
	store.eventBus.subscribe('dtable-connect', () => {
		joined = {};
	});
	store.syncWithServer();
	await waitFor('the dtable-store client to join the room', () => joined !== undefined && emu!.joinedCount() === 1, 20_000);

	const edits = runSession(emu, { rounds: 6 });
	expect(edits).toBeGreaterThanOrEqual(100);
	await waitFor('the dtable-store client to reach the emulator version', () => store!.value.version === emu!.base().version, 20_000);

	expect(errors).toEqual([]);
	expect(comparableBase(store.value)).toEqual(comparableBase(emu.base().value as unknown as DTableValue));
});

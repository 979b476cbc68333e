// The base's people against the emulator: read once, read again for someone unknown at most once
// per interval, and someone invited after activation is found by name.
import { afterEach, beforeEach, expect, test } from '@jest/globals';

import { destroyIdleConnections, SeaTableClient } from '../../nodes/seatable-client';
import { CollaboratorDirectory } from '../../nodes/seatable-client/enrich';
import { SeaTableEmulator } from '../emulator';

let emu: SeaTableEmulator;
let now = 0;
const DANA = { email: '0a1b2c3d4e5f40718293a4b5c6d7e8f9@auth.local', name: 'Dana Levi', contact_email: 'dana.levi@example.com' };

beforeEach(async () => {
	emu = await SeaTableEmulator.start();
	now = 1_000_000;
});

afterEach(async () => {
	await emu.close();
	destroyIdleConnections();
});

const peopleCalls = () => emu.callsByEndpoint()['related-users'] ?? 0;

test('a collaborator added after activation is found on a miss, and misses refresh at most once a minute', async () => {
	const directory = new CollaboratorDirectory(new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }), () => now);
	await directory.load();
	await directory.load();
	expect(peopleCalls()).toBe(1);
	expect(directory.person(emu.base().collaborators[1].email)).toMatchObject({ name: 'Ben Carter' });

	emu.addCollaborator(DANA);
	now += 30_000;
	await directory.refreshFor([DANA.email], 60_000);
	// Within the minute: not asked again; the username stays, without name or email.
	expect(peopleCalls()).toBe(1);
	expect(directory.person(DANA.email)).toEqual({ username: DANA.email, name: null, email: null });

	now += 31_000;
	await directory.refreshFor([DANA.email], 60_000);
	expect(peopleCalls()).toBe(2);
	expect(directory.person(DANA.email)).toEqual({ username: DANA.email, name: 'Dana Levi', email: 'dana.levi@example.com' });

	// Known people never cost a call.
	now += 120_000;
	await directory.refreshFor([DANA.email, emu.base().collaborators[0].email], 60_000);
	expect(peopleCalls()).toBe(2);
});

test('a failed read counts as a read: the next miss within the interval does not ask again', async () => {
	const directory = new CollaboratorDirectory(new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, retries: 0 }), () => now);
	emu.failNext({ path: 'related-users', status: 500, count: 1 });
	await expect(directory.load()).rejects.toThrow();
	now += 10_000;
	await directory.refreshFor([DANA.email], 60_000);
	expect(peopleCalls()).toBe(1);
	now += 60_000;
	await directory.refreshFor([emu.base().collaborators[0].email], 60_000);
	expect(peopleCalls()).toBe(2);
	expect(directory.find(emu.base().collaborators[0].email)?.name).toBe('Anna Schmidt');
});

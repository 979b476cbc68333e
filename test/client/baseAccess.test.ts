// The base token: exchanged, cached, renewed before and after it expires, shared by concurrent callers.
import { afterEach, expect, test } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';
import { SeaTableClient, destroyIdleConnections, jwtExpiry } from '../../nodes/seatable-client';
import { SeaTableEmulator } from '../emulator';

let emu: SeaTableEmulator;

afterEach(async () => {
	await emu?.close();
	destroyIdleConnections();
});

const exchanges = () => emu.requests.filter((request) => request.path.startsWith('/api/v2.1/dtable/app-access-token')).length;
const client = (overrides: Partial<ConstructorParameters<typeof SeaTableClient>[0]> = {}) =>
	new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken, ...overrides });

test('exchanges the API token for a base token and reads the base facts (api-gateway server)', async () => {
	emu = await SeaTableEmulator.start();
	const access = await client().getAccess();
	expect(access.dtableUuid).toBe(emu.uuid);
	expect(access.useApiGateway).toBe(true);
	expect(access.dtableServer).toBe(`${emu.url}/api-gateway`);
	expect(access.accessToken.split('.')).toHaveLength(3);
	// Expiry comes from the JWT's exp claim (3 days by default), not from a guess.
	expect(access.expiresAt).toBe(jwtExpiry(access.accessToken));
	expect(access.expiresAt - Date.now()).toBeGreaterThan(3 * 24 * 3600 * 1000 - 60_000);
});

test('reads a legacy server (before 5.3): no use_api_gateway, dtable_server is /dtable-server', async () => {
	emu = await SeaTableEmulator.start({ useApiGateway: false });
	const access = await client().getAccess();
	expect(access.useApiGateway).toBe(false);
	expect(access.dtableServer).toBe(`${emu.url}/dtable-server`);
});

test('tolerates a trailing slash and spaces in the server URL', async () => {
	emu = await SeaTableEmulator.start();
	const access = await client({ serverUrl: ` ${emu.url}/ ` }).getAccess();
	expect(access.dtableUuid).toBe(emu.uuid);
});

test('caches the base token: many calls, one exchange', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	await seaTable.getMetadata();
	await seaTable.getCollaborators();
	await seaTable.getOperations(1);
	expect(exchanges()).toBe(1);
});

test('renews the token before it expires (10% of its life, at most 5 minutes, before exp)', async () => {
	emu = await SeaTableEmulator.start({ baseTokenTtlSeconds: 3600 });
	const seaTable = client();
	const first = await seaTable.tokens.get();
	expect(await seaTable.tokens.get(first.expiresAt - 6 * 60 * 1000)).toBe(first);
	const renewed = await seaTable.tokens.get(first.expiresAt - 4 * 60 * 1000);
	expect(renewed).not.toBe(first);
	expect(exchanges()).toBe(2);
});

test('renews the token once when SeaTable answers "Token expired." and repeats the call', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	const before = await seaTable.getAccess();
	emu.expireBaseTokens();
	const metadata = await seaTable.getMetadata();
	expect(metadata.tables.length).toBeGreaterThan(0);
	expect(exchanges()).toBe(2);
	// A new access object (the JWT itself may be byte-identical when issued within the same second).
	expect(await seaTable.getAccess()).not.toBe(before);
});

test('two concurrent callers hitting an expired token cause exactly one renewal', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	await seaTable.getAccess();
	emu.expireBaseTokens();
	const [metadata, users] = await Promise.all([seaTable.getMetadata(), seaTable.getCollaborators()]);
	expect(metadata.tables.length).toBeGreaterThan(0);
	expect(users.length).toBeGreaterThan(0);
	expect(exchanges()).toBe(2);
});

test('concurrent first calls share one exchange', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	await Promise.all([seaTable.getMetadata(), seaTable.getMetadata(), seaTable.getCollaborators(), seaTable.getAccess()]);
	expect(exchanges()).toBe(1);
});

test('a call whose token was renewed meanwhile, and refused as well, gets a fresh token and succeeds', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	const first = await seaTable.getAccess();
	// The call goes out with the first token and waits out a 429 ...
	emu.failNext({ path: '/metadata/', status: 429, retryAfter: 1 });
	const call = seaTable.getMetadata();
	await delay(200);
	// ... while another caller renews the token, and then the server refuses every token so far.
	await seaTable.tokens.refresh(first);
	emu.expireBaseTokens();
	const metadata = await call;
	expect(metadata.tables.length).toBeGreaterThan(0);
	expect(emu.requests.filter((request) => request.path.includes('/metadata/')).map((request) => request.status)).toEqual([429, 403, 403, 200]);
	expect(exchanges()).toBe(3);
});

test('withToken renews a token its result calls refused, runs again once, then hands the refusal back', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	const seen: string[] = [];
	const result = await seaTable.tokens.withToken(
		async (access, canRenew) => {
			seen.push(access.accessToken);
			return canRenew ? 'refused' : 'refused again';
		},
		{ renewals: 1, refused: (outcome) => outcome === 'refused' },
	);
	expect(result).toBe('refused again');
	expect(seen).toHaveLength(2);
	expect(exchanges()).toBe(2);
});

test('withToken does not renew for an error that is not about the token', async () => {
	emu = await SeaTableEmulator.start();
	const seaTable = client();
	let calls = 0;
	const failing = seaTable.tokens.withToken(async () => {
		calls++;
		throw new Error('not a token problem');
	});
	await expect(failing).rejects.toThrow('not a token problem');
	expect(calls).toBe(1);
	expect(exchanges()).toBe(1);
});

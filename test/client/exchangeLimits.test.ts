// SeaTable calls are bounded: a deadline for the whole attempt (a server trickling its answer one
// byte at a time cannot hold a call, or a trigger's activation, forever) and a fixed size limit.
import { expect, test } from '@jest/globals';

import { SeaTableClient } from '../../nodes/seatable-client';
import { MAX_SEATABLE_RESPONSE_BYTES } from '../../nodes/seatable-client/http';
import { flood, type Flood, HOSTILE_API_TOKEN, seaTableFailure, trickle, type Trickle, useHostileServers } from './hostileServer';

const start = useHostileServers();

test('a metadata answer trickling one byte every 500 ms fails at the deadline instead of holding the call', async () => {
	const trickles: Trickle[] = [];
	// 40 bytes at 500 ms: 20 s to the end, far beyond the 1.5 s deadline; axios' own timeout never fires.
	const server = await start((_req, res) => trickles.push(trickle(res, '{"metadata":{"tables":[]}}'.padEnd(40, ' '), 500)));
	const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, timeoutMs: 1500, retries: 0 });
	const error = await seaTableFailure(() => client.getMetadata());
	expect(error.kind).toBe('timeout');
	expect(error.message).toBe(`The SeaTable server at ${new URL(server.url).host} did not answer in time`);
	expect(trickles).toHaveLength(1);
	expect(trickles[0].finished()).toBe(false);
}, 30_000);

test('an idempotent call retries after the deadline and then gives up: bounded, not forever', async () => {
	const trickles: Trickle[] = [];
	const server = await start((_req, res) => trickles.push(trickle(res, '{"metadata":{"tables":[]}}'.padEnd(40, ' '), 500)));
	const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, timeoutMs: 1000, retries: 1, backoff: { baseMs: 10, maxMs: 20 } });
	const error = await seaTableFailure(() => client.getMetadata());
	expect(error.kind).toBe('timeout');
	expect(trickles).toHaveLength(2);
	expect(trickles.every((t) => !t.finished())).toBe(true);
}, 30_000);

// The documented limit, spelt out so the test does not depend on the code it checks.
const LIMIT = 64 * 1024 * 1024;

test('an answer larger than 64 MB is refused with a clear error, not read to the end', async () => {
	const floods: Flood[] = [];
	const server = await start((_req, res) => floods.push(flood(res, LIMIT + 8 * 1024 * 1024)));
	const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
	const error = await seaTableFailure(() => client.getMetadata());
	expect(error.kind).toBe('responseTooLarge');
	expect(error.message).toBe(`The answer of the server at ${new URL(server.url).host} was larger than 64 MB, more than SeaTable ever sends`);
	expect(error.hint).toMatch(/Server URL/);
	expect(floods).toHaveLength(1);
	expect(floods[0].finished()).toBe(false);
	expect(MAX_SEATABLE_RESPONSE_BYTES).toBe(LIMIT);
}, 60_000);

test('an answer just under the limit is read', async () => {
	const body = JSON.stringify({ metadata: { tables: [{ _id: '0000', name: 'T', columns: [] }] } });
	const server = await start((_req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.end(body.padEnd(4 * 1024 * 1024, ' '));
	});
	const client = new SeaTableClient({ serverUrl: server.url, apiToken: HOSTILE_API_TOKEN, retries: 0 });
	expect((await client.getMetadata()).tables.map((t) => t.name)).toEqual(['T']);
});

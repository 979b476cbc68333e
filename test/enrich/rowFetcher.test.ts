// Row reads against the emulator: many rows per SQL call, at most one round per interval, a row id
// that is not one never reaches the SQL, and the cache forgets old and least used rows.
import { afterEach, beforeEach, expect, test } from '@jest/globals';

import { destroyIdleConnections, SeaTableClient } from '../../nodes/seatable-client';
import { RowCache, RowFetcher } from '../../nodes/seatable-client/enrich';
import type { JsonObject } from '../../nodes/seatable-client/operations';
import { SAMPLE_IDS, SeaTableEmulator } from '../emulator';

let emu: SeaTableEmulator;
let seen: string[];

beforeEach(async () => {
	emu = await SeaTableEmulator.start();
	seen = [];
});

afterEach(async () => {
	await emu.close();
	destroyIdleConnections();
});

function fetcher(minIntervalMs: number): RowFetcher {
	return new RowFetcher(new SeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }), {
		minIntervalMs,
		tableName: (tableId) => emu.base().tables.find((table) => table._id === tableId)?.name,
		onRow: (_tableId, row: JsonObject) => seen.push(row._id as string),
	});
}

const sqlCalls = () => emu.callsByEndpoint().sql ?? 0;

test('250 rows asked for at once are read with 2 calls (200 a query), every one answered', async () => {
	const { rows } = emu.appendRows('Tasks', Array.from({ length: 250 }, (_, i) => ({ Name: `row ${i}` })));
	const reader = fetcher(1000);
	const answers = await Promise.all(rows.map((row) => reader.get(SAMPLE_IDS.tasks, row._id)));
	expect(answers.map((row) => row?._id)).toEqual(rows.map((row) => row._id));
	expect(answers[7]?.['0000']).toBe('row 7');
	expect(sqlCalls()).toBe(2);
	expect(seen).toHaveLength(250);
	reader.stop();
});

test('rows asked for while a round is due wait for it: one more call, not one each', async () => {
	const reader = fetcher(300);
	await reader.get(SAMPLE_IDS.tasks, SAMPLE_IDS.taskRows[0]);
	expect(sqlCalls()).toBe(1);
	const later = await Promise.all([...SAMPLE_IDS.taskRows, ...SAMPLE_IDS.taskRows].map((id) => reader.get(SAMPLE_IDS.tasks, id)));
	expect(later.every((row) => row !== undefined)).toBe(true);
	expect(sqlCalls()).toBe(2);
	reader.stop();
});

test('a row that does not exist is undefined; a value that is not a row id never reaches SQL', async () => {
	const reader = fetcher(0);
	await expect(reader.get(SAMPLE_IDS.tasks, 'Aaaaaaaaaaaaaaaaaaaaaa')).resolves.toBeUndefined();
	await expect(reader.get(SAMPLE_IDS.tasks, "x') OR ('1'='1")).rejects.toThrow('is not a row id');
	expect(sqlCalls()).toBe(1);
	reader.stop();
	await expect(reader.get(SAMPLE_IDS.tasks, SAMPLE_IDS.taskRows[0])).rejects.toThrow('stopped');
});

test('the cache forgets rows after their time and the least recently used beyond its size', () => {
	let now = 0;
	const cache = new RowCache(1000, 2, () => now);
	cache.set('t', 'a', { _id: 'a' });
	cache.set('t', 'b', { _id: 'b' });
	expect(cache.get('t', 'a')).toEqual({ _id: 'a' });
	cache.set('t', 'c', { _id: 'c' });
	// b was used least recently.
	expect(cache.get('t', 'b')).toBeUndefined();
	expect(cache.patch('t', 'a', { x: 1 })).toBe(true);
	expect(cache.get('t', 'a')).toEqual({ _id: 'a', x: 1 });
	now = 1000;
	expect(cache.get('t', 'a')).toBeUndefined();
	expect(cache.patch('t', 'c', { x: 2 })).toBe(false);
});

// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-jest compiles with the root tsconfig, which has no test/types
/// <reference path="../types/dtable-store.d.ts" />
// The oracle: a scripted session of every kind of edit, made through dtable-store and streamed through
// the emulator into the real trigger. Every item must say what a second dtable-store client's state
// says after applying the same operation (expectations.ts); a mismatch prints the operation.
import { afterEach, expect, test } from '@jest/globals';
import { isDeepStrictEqual } from 'node:util';
import { DTableStore, type DTableValue } from 'dtable-store';
import type { SeaTableEmulator } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { shutDown, startEmulator, startTrigger, type RunningTrigger } from '../trigger/triggerTestKit';
import { expectedItems, itemKey } from './expectations';
import { withoutClock } from './oracleState';
import { runSession } from './session';

let emu: SeaTableEmulator | undefined;
const triggers: RunningTrigger[] = [];

afterEach(async () => {
	await shutDown(emu, triggers);
	emu = undefined;
});

type Item = Record<string, unknown>;

/** `expected` fields must be in `actual` with equal values (rows exactly); arrays of ids compare as sets. */
function differences(actual: unknown, expected: unknown, path: string, out: string[]): void {
	if (path.endsWith('.row') || path.endsWith('.old_row')) {
		if (!isDeepStrictEqual(actual, expected)) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
		return;
	}
	if (Array.isArray(expected) && Array.isArray(actual) && expected.every((e) => typeof e === 'string')) {
		if (!isDeepStrictEqual([...actual].sort(), [...expected].sort())) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
		return;
	}
	if (expected !== null && typeof expected === 'object' && !Array.isArray(expected)) {
		if (actual === null || typeof actual !== 'object') {
			out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
			return;
		}
		for (const [key, value] of Object.entries(expected)) differences((actual as Item)[key], value, `${path}.${key}`, out);
		return;
	}
	if (!isDeepStrictEqual(actual, expected)) out.push(`${path}: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
}

test('every item of a 200+ edit session equals what a dtable-store client applying the same operations says', async () => {
	emu = await startEmulator();
	const initial = JSON.parse(JSON.stringify(emu.base().value)) as DTableValue;
	const trigger = await startTrigger(emu, { options: { catchUp: false } });
	triggers.push(trigger);
	await waitFor('the trigger to join the base', () => emu!.joinedCount() === 1, 30_000);

	const edits = runSession(emu, { bigDelete: true });
	expect(edits).toBeGreaterThanOrEqual(200);
	const last = emu.base().version;
	await waitFor('the trigger to emit the last change', () => trigger.items().some((item) => item.version === last), 60_000);

	const byVersion = new Map<number, Item[]>();
	for (const item of trigger.items() as Item[]) byVersion.set(item.version as number, [...(byVersion.get(item.version as number) ?? []), item]);

	const oracle = new DTableStore({ lang: 'en' });
	oracle.deserializeDTable(initial);
	const mismatches: string[] = [];
	const opTypes = new Set<string>();
	let compared = 0;
	for (const entry of emu.base().operationLog) {
		const op = JSON.parse(entry.operation) as Record<string, unknown>;
		opTypes.add(String(op.op_type));
		const pre = JSON.parse(JSON.stringify(oracle.value)) as DTableValue;
		oracle.executeRemoteOperation(JSON.parse(entry.operation) as Record<string, unknown>, entry.op_id);
		const expected = expectedItems({ op, pre, post: oracle.value });
		const items = new Map((byVersion.get(entry.op_id) ?? []).map((item) => [itemKey(item), item]));
		const problems: string[] = [];
		for (const { key, fields, check } of expected) {
			if (check !== undefined) problems.push(check);
			const item = items.get(key);
			items.delete(key);
			if (item === undefined) {
				problems.push(`no item ${key}`);
				continue;
			}
			const actual = { ...item, row: withoutClock(item.row as Item | undefined), old_row: withoutClock(item.old_row as Item | undefined) };
			differences(actual, fields, key, problems);
			compared += 1;
		}
		for (const key of items.keys()) problems.push(`unexpected item ${key}`);
		if (problems.length > 0) mismatches.push(`v${entry.op_id} ${String(op.op_type)}: ${problems.join('; ')}\n  op: ${entry.operation.slice(0, 600)}`);
	}
	if (mismatches.length > 0) console.log(`${mismatches.length} mismatches:\n${mismatches.slice(0, 30).join('\n')}`);
	expect(mismatches).toEqual([]);
	expect(compared).toBeGreaterThan(edits);
	for (const kind of ['insert_row', 'insert_rows', 'append_rows', 'modify_rows', 'delete_rows', 'add_link', 'update_rows_links', 'modify_column_data', 'move_column', 'duplicate_table', 'rename_view', 'move_rows']) {
		expect(opTypes).toContain(kind);
	}
});

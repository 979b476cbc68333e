// The trigger's saved version and n8n's deduplication key (n8n 2.41): what a crash can cost.
import { describe, expect, it } from '@jest/globals';
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

import { deduplicationKey, emitsWithDeduplicationKey, lowestVersion } from '../../nodes/SeaTableRealtimeTrigger/emitKeys';
import { persistentVersionStore } from '../../nodes/SeaTableRealtimeTrigger/versionStore';

function contextWith(staticData: IDataObject): ITriggerFunctions {
	return { getWorkflowStaticData: () => staticData } as unknown as ITriggerFunctions;
}

describe('saved version', () => {
	it('without confirmation (n8n before 2.41) saves the emitted version at once', () => {
		const staticData: IDataObject = {};
		const store = persistentVersionStore.call(contextWith(staticData), 'base-1', { confirmed: false });
		store.set(5);
		store.emitted(5);
		expect(staticData).toEqual({ dtableUuid: 'base-1', lastVersion: 5 });
		store.dispose();
	});

	it('with confirmation stays below every emit whose execution has not settled', () => {
		const staticData: IDataObject = { dtableUuid: 'base-1', lastVersion: 4 };
		const store = persistentVersionStore.call(contextWith(staticData), 'base-1', { confirmed: true });
		expect(store.get()).toBe(4);
		store.set(5);
		const confirm5 = store.emitted(5);
		expect(staticData.lastVersion).toBe(4); // a crash now reads 5 again; n8n refuses it if it ran
		store.set(6);
		const confirm6 = store.emitted(6);
		store.set(7); // filtered out: no emit
		expect(store.get()).toBe(7); // the stream itself moves on
		expect(staticData.lastVersion).toBe(4);
		confirm6();
		expect(staticData.lastVersion).toBe(4); // 5 still open
		confirm5();
		expect(staticData.lastVersion).toBe(7);
		store.dispose();
	});

	it('another base starts afresh', () => {
		const staticData: IDataObject = { dtableUuid: 'base-1', lastVersion: 40 };
		const store = persistentVersionStore.call(contextWith(staticData), 'base-2', { confirmed: true });
		expect(store.get()).toBeUndefined();
		store.dispose();
	});
});

describe('deduplication key', () => {
	const items = (ids: string[]): IDataObject[] => ids.map((eventId, i) => ({ eventId, version: 10 + i }));

	it('is the same for the same change and differs per workflow, node and change', () => {
		const key = deduplicationKey('wf1', 'node1', items(['b:10']));
		expect(key).toBe(deduplicationKey('wf1', 'node1', items(['b:10'])));
		expect(key).toMatch(/^seatable-realtime:[0-9a-f]{64}$/);
		expect(key!.length).toBeLessThanOrEqual(255);
		expect(new Set([key, deduplicationKey('wf2', 'node1', items(['b:10'])), deduplicationKey('wf1', 'node2', items(['b:10'])), deduplicationKey('wf1', 'node1', items(['b:11']))]).size).toBe(4);
	});

	it('covers a batch by its first and last change', () => {
		expect(deduplicationKey('wf', 'n', items(['b:1', 'b:2', 'b:3']))).not.toBe(deduplicationKey('wf', 'n', items(['b:1', 'b:3'])));
		expect(deduplicationKey('wf', 'n', [{ event: 'new-notification' }])).toBeUndefined();
	});

	it('lowest version and feature detection', () => {
		expect(lowestVersion([{ version: 9 }, { version: 7 }, { version: 'x' }])).toBe(7);
		expect(lowestVersion([{}])).toBeUndefined();
		expect(emitsWithDeduplicationKey(((data: unknown, r: unknown, d: unknown, key: unknown) => [data, r, d, key]) as never)).toBe(true);
		expect(emitsWithDeduplicationKey(((data: unknown, r: unknown, d: unknown) => [data, r, d]) as never)).toBe(false);
	});
});

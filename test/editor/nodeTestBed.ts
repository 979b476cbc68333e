// Shared by the editor and schema tests: one emulator per test (started on first use), triggers
// of a given node version against it, and after each test every trigger closed, no connection left.
import { afterEach, expect } from '@jest/globals';

import { destroyIdleConnections, openSessionCount as openConnectionCount } from '../../nodes/seatable-client';
import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { SeaTableEmulator } from '../emulator';
import { createTriggerHarness, type TriggerHarness } from '../helpers/triggerContext';

export interface NodeTestBed {
	/** The test's emulator, started on first use. */
	emulator(): Promise<SeaTableEmulator>;
	/** Starts the trigger at `typeVersion`; `credentials` are added to the emulator's. */
	trigger(parameters: Record<string, unknown>, typeVersion: number, credentials?: Record<string, string>): Promise<TriggerHarness>;
	/** Runs after each test, before the emulator closes. */
	onCleanUp(close: () => Promise<void>): void;
}

export function useNodeTestBed(): NodeTestBed {
	let emu: SeaTableEmulator | undefined;
	const closers: Array<() => Promise<void>> = [];
	afterEach(async () => {
		for (const close of closers.splice(0)) await close();
		expect(openConnectionCount()).toBe(0);
		await emu?.close();
		emu = undefined;
		destroyIdleConnections();
	});
	const bed: NodeTestBed = {
		emulator: async () => (emu ??= await SeaTableEmulator.start()),
		trigger: async (parameters, typeVersion, credentials = {}) => {
			const emulator = await bed.emulator();
			const harness = createTriggerHarness({
				parameters,
				credentials: { serverUrl: emulator.url, apiToken: emulator.apiToken, ...credentials },
				typeVersion,
			});
			const response = await new SeaTableRealtimeTrigger().trigger.call(harness.context);
			closers.push(async () => await response.closeFunction?.());
			return harness;
		},
		onCleanUp: (close) => closers.push(close),
	};
	return bed;
}

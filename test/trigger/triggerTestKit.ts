// Shared set-up for trigger tests: a real emulator, the real node, a mocked n8n context.
import { afterEach, beforeEach, expect } from '@jest/globals';
import type { IDataObject, ITriggerResponse } from 'n8n-workflow';

import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { destroyIdleConnections, getSeaTableClient, openSessionCount as openConnectionCount } from '../../nodes/seatable-client';
import { SeaTableEmulator, type EmulatorOptions } from '../emulator';
import { createTriggerHarness, type TriggerHarness } from '../helpers/triggerContext';

export interface RunningTrigger extends TriggerHarness {
	response: ITriggerResponse;
	close(): Promise<void>;
}

export async function startTrigger(
	emu: SeaTableEmulator,
	parameters: Record<string, unknown> = {},
	options: { mode?: 'trigger' | 'manual'; staticData?: IDataObject; apiToken?: string } = {},
): Promise<RunningTrigger> {
	const harness = createTriggerHarness({
		parameters: { event: 'baseChange', ...parameters },
		credentials: { serverUrl: emu.url, apiToken: options.apiToken ?? emu.apiToken },
		mode: options.mode,
		staticData: options.staticData,
	});
	const response = await new SeaTableRealtimeTrigger().trigger.call(harness.context);
	let closed = false;
	return {
		...harness,
		response,
		close: async () => {
			if (closed) return;
			closed = true;
			await response.closeFunction?.();
		},
	};
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<SeaTableEmulator> {
	return await SeaTableEmulator.start(options);
}

/** Closes triggers and the emulator and checks that the trigger left no connection behind. */
export async function shutDown(emu: SeaTableEmulator | undefined, triggers: RunningTrigger[]): Promise<void> {
	// Whatever happened in the test (faults, renewals), no log line may carry a token.
	const secrets = emu ? await tokensOf(emu) : [];
	for (const trigger of triggers) for (const secret of secrets) expect(trigger.logs.join('\n')).not.toContain(secret);
	for (const trigger of triggers.splice(0)) await trigger.close();
	expect(openConnectionCount()).toBe(0);
	await emu?.close();
	destroyIdleConnections();
}

/** The API token and the base token currently in use for the emulator's base. */
async function tokensOf(emu: SeaTableEmulator): Promise<string[]> {
	const secrets = [emu.apiToken];
	try {
		secrets.push((await getSeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }).getAccess()).accessToken);
	} catch {
		// A test that revoked the token or stopped the server: the API token is still checked.
	}
	return secrets;
}

export function rowsOf(items: IDataObject[]): IDataObject[] {
	return items.map((item) => item.row as IDataObject);
}

export interface TriggerTestBed {
	/** The emulator of the current test (a fresh one per test). */
	emu: SeaTableEmulator;
	/** Starts a trigger that is closed after the test. */
	start(parameters?: Record<string, unknown>, options?: Parameters<typeof startTrigger>[2]): Promise<RunningTrigger>;
	/** Replaces the test's emulator with one started with other options. */
	restartEmulator(options: EmulatorOptions): Promise<SeaTableEmulator>;
}

/** A fresh emulator per test, and every trigger and the emulator closed (and checked) after it. */
export function useTriggerTestBed(): TriggerTestBed {
	const triggers: RunningTrigger[] = [];
	const bed: TriggerTestBed = {
		emu: undefined as unknown as SeaTableEmulator,
		start: async (parameters = {}, options = {}) => {
			const trigger = await startTrigger(bed.emu, parameters, options);
			triggers.push(trigger);
			return trigger;
		},
		restartEmulator: async (options) => {
			await bed.emu.close();
			bed.emu = await startEmulator(options);
			return bed.emu;
		},
	};
	beforeEach(async () => {
		bed.emu = await startEmulator();
	});
	afterEach(async () => {
		await shutDown(bed.emu, triggers);
	});
	return bed;
}

// Shared set-up for trigger tests: a real emulator, the real node, a mocked n8n context.
import { expect } from '@jest/globals';
import type { IDataObject, ITriggerResponse } from 'n8n-workflow';

import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { destroyIdleConnections } from '../../nodes/seatable-client';
import { openConnectionCount } from '../../nodes/seatable-client/connectionPool';
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
	for (const trigger of triggers.splice(0)) await trigger.close();
	expect(openConnectionCount()).toBe(0);
	await emu?.close();
	destroyIdleConnections();
}

export function rowsOf(items: IDataObject[]): IDataObject[] {
	return items.map((item) => item.row as IDataObject);
}

// Hand-built n8n contexts for the SeaTable Toast node: only n8n is mocked, SeaTable is the emulator.
import { jest } from '@jest/globals';
import type { IExecuteFunctions, ILoadOptionsFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { SeaTableEmulator } from '../emulator';
import { contextParameter, executeFunctions } from '../helpers/n8nContext';

export const NODE: INode = {
	id: 'b1c2d3e4-0000-4000-8000-000000000001',
	name: 'SeaTable Toast',
	type: 'n8n-nodes-seatable-realtime.seaTableToast',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

export type Parameters = Record<string, unknown>;

export interface ExecuteOptions {
	/** The same parameters for every item, or per item. */
	parameters: Parameters | ((itemIndex: number) => Parameters);
	items?: number;
	continueOnFail?: boolean;
}

function credentials(emu: SeaTableEmulator) {
	return jest.fn(async () => ({ serverUrl: emu.url, apiToken: emu.apiToken }));
}

export function executeContext(emu: SeaTableEmulator, options: ExecuteOptions) {
	const items: INodeExecutionData[] = Array.from({ length: options.items ?? 1 }, (_, index) => ({ json: { index } }));
	const base = executeFunctions({ node: NODE, parameters: options.parameters, items, continueOnFail: options.continueOnFail });
	// Spies where tests change an answer (the node's version, the credential).
	const context = { ...base, getNode: jest.fn(base.getNode), getCredentials: credentials(emu) };
	return context as typeof context & IExecuteFunctions;
}

export function loadOptionsContext(emu: SeaTableEmulator) {
	const context = {
		getCredentials: credentials(emu),
		getNode: jest.fn(() => NODE),
		getNodeParameter: jest.fn(contextParameter({})),
	};
	return context as typeof context & ILoadOptionsFunctions;
}

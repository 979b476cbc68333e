// Hand-built n8n contexts for the SeaTable Toast node: only n8n is mocked, SeaTable is the emulator.
import { jest } from '@jest/globals';
import type { IExecuteFunctions, ILoadOptionsFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import type { SeaTableEmulator } from '../emulator';

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
	const parametersOf = (itemIndex: number) =>
		typeof options.parameters === 'function' ? options.parameters(itemIndex) : options.parameters;
	const context = {
		getCredentials: credentials(emu),
		getNodeParameter: jest.fn((name: string, itemIndex: number, fallback?: unknown) => {
			const parameters = parametersOf(itemIndex);
			return name in parameters ? parameters[name] : fallback;
		}),
		getInputData: jest.fn(() => items),
		continueOnFail: jest.fn(() => options.continueOnFail ?? false),
		getNode: jest.fn(() => NODE),
		helpers: {
			// As n8n does: wrap plain json, then attach the item it came from.
			returnJsonArray: jest.fn((json: unknown) => (Array.isArray(json) ? json : [json]).map((entry) => ({ json: entry }))),
			constructExecutionMetaData: jest.fn(
				(data: INodeExecutionData[], { itemData }: { itemData: { item: number } }) =>
					data.map((entry) => ({ ...entry, pairedItem: itemData })),
			),
		},
	};
	return context as typeof context & IExecuteFunctions;
}

export function loadOptionsContext(emu: SeaTableEmulator) {
	const context = {
		getCredentials: credentials(emu),
		getNode: jest.fn(() => NODE),
		getNodeParameter: jest.fn((_name: string, fallback?: unknown) => fallback),
	};
	return context as typeof context & ILoadOptionsFunctions;
}

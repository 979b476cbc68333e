// The trigger's parameters, read once at activation into a typed shape.
import { NodeOperationError, type IDataObject, type ITriggerFunctions } from 'n8n-workflow';

import type { ItemOptions } from '../seatable-client/enrich';
import type { EnrichOptions, OperationCategory } from '../seatable-client/operations';
import { chosenTables } from './tableLocator';

export type TriggerEvent = 'baseChange' | 'notification';

export interface TriggerParameters {
	event: TriggerEvent;
	enrich: EnrichOptions;
	/** includeFullRow, resolveCollaborators, resolveLinks: off by default, items stay as they were. */
	items: ItemOptions;
	parallelProcessing: boolean;
	manualTimeoutMs: number;
	catchUp: boolean;
	catchUpMaxOperations: number;
	/** Live changes that may wait in memory (serial processing, catch-up) before they are re-read from the log. */
	maxWaitingChanges: number;
	batchWindowMs: number;
}

const CATEGORIES: OperationCategory[] = ['rowCreated', 'rowUpdated', 'rowDeleted', 'linkChanged', 'schemaChanged'];

export function readParameters(this: ITriggerFunctions): TriggerParameters {
	const event = this.getNodeParameter('event', 'baseChange') as TriggerEvent;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const tables = event === 'baseChange' ? toList(chosenTables(this, this.getNode().typeVersion)) : [];
	const operations = event === 'baseChange' ? toList(this.getNodeParameter('operations', [])) : [];
	for (const operation of operations) {
		if (!CATEGORIES.includes(operation as OperationCategory)) {
			throw new NodeOperationError(this.getNode(), `Unknown operation "${operation}"`, {
				description: `Use one of: ${CATEGORIES.join(', ')}.`,
			});
		}
	}
	return {
		event,
		enrich: {
			resolveNames: options.resolveNames !== false,
			splitRows: options.splitRows !== false,
			includeRaw: options.includeRaw === true,
			watchColumns: toList(options.watchColumns),
			operations: operations as OperationCategory[],
			tables,
		},
		items: {
			includeFullRow: options.includeFullRow === true,
			resolveCollaborators: options.resolveCollaborators === true,
			resolveLinks: options.resolveLinks === true,
			resolveNames: options.resolveNames !== false,
		},
		parallelProcessing: options.parallelProcessing !== false,
		manualTimeoutMs: positiveNumber(options.manualTimeout, 120) * 1000,
		catchUp: options.catchUp !== false,
		catchUpMaxOperations: positiveNumber(options.catchUpMaxOperations, 10_000),
		maxWaitingChanges: Math.floor(positiveNumber(options.maxWaitingChanges, 1000)),
		batchWindowMs: Math.max(0, Number(options.batchWindow ?? 0) || 0),
	};
}

/** Accepts a list or, from an expression, a comma-separated string. */
function toList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry).trim()).filter(Boolean);
	if (typeof value === 'string') return value.split(',').map((entry) => entry.trim()).filter(Boolean);
	return [];
}

function positiveNumber(value: unknown, fallback: number): number {
	const number = Number(value);
	return Number.isFinite(number) && number > 0 ? number : fallback;
}

// A stand-in for n8n's ITriggerFunctions (unit tests only mock n8n, never SeaTable): it records
// what the trigger emits, errors it reports and lines it logs.
import { createDeferredPromise, type IDataObject, type IDeferredPromise, type INodeExecutionData, type IRun, type ITriggerFunctions } from 'n8n-workflow';

import { contextParameter, nodeHelpers } from './n8nContext';

export interface EmitRecord {
	items: IDataObject[];
	done?: IDeferredPromise<IRun>;
}

export interface TriggerHarness {
	context: ITriggerFunctions;
	emits: EmitRecord[];
	errors: Error[];
	logs: string[];
	staticData: IDataObject;
	/** Resolves once at least `count` emits happened (rejects after `timeoutMs`). */
	waitForEmits(count: number, timeoutMs?: number): Promise<EmitRecord[]>;
	/** All emitted items, flattened. */
	items(): IDataObject[];
}

export function createTriggerHarness(options: {
	parameters: Record<string, unknown>;
	credentials: { serverUrl: string; apiToken: string; ignoreSslIssues?: boolean; allowedHttpRequestDomains?: string; allowedDomains?: string };
	mode?: 'trigger' | 'manual';
	staticData?: IDataObject;
	/** The node's version (default 1). */
	typeVersion?: number;
}): TriggerHarness {
	const emits: EmitRecord[] = [];
	const errors: Error[] = [];
	const logs: string[] = [];
	const staticData = options.staticData ?? {};
	const waiters: Array<() => void> = [];
	const log = (level: string) => (message: string, meta?: unknown) => {
		logs.push(`${level} ${message}${meta ? ' ' + JSON.stringify(meta) : ''}`);
	};
	const node = { id: 'trigger', name: 'SeaTable Realtime Trigger', type: 'n8n-nodes-seatable-realtime.seaTableRealtimeTrigger', typeVersion: options.typeVersion ?? 1, position: [0, 0], parameters: {} };
	const context = {
		getNodeParameter: contextParameter(options.parameters),
		getCredentials: async () => ({ ...options.credentials }),
		getMode: () => options.mode ?? 'trigger',
		getActivationMode: () => 'activate',
		getNode: () => node,
		getWorkflowStaticData: () => staticData,
		logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
		emit: (data: INodeExecutionData[][], _response?: unknown, done?: IDeferredPromise<IRun>) => {
			emits.push({ items: data[0].map((entry) => entry.json), done });
			for (const wake of waiters.splice(0)) wake();
		},
		emitError: (error: Error) => {
			errors.push(error);
		},
		saveFailedExecution: (error: Error) => {
			errors.push(error);
		},
		helpers: {
			returnJsonArray: nodeHelpers().returnJsonArray,
			createDeferredPromise,
		},
	} as unknown as ITriggerFunctions;

	const waitForEmits = async (count: number, timeoutMs = 15_000) => {
		const deadline = Date.now() + timeoutMs;
		while (emits.length < count) {
			const remaining = deadline - Date.now();
			if (remaining <= 0) throw new Error(`expected ${count} emits, got ${emits.length}`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, remaining);
				waiters.push(() => {
					clearTimeout(timer);
					resolve();
				});
			});
		}
		return emits;
	};

	return { context, emits, errors, logs, staticData, waitForEmits, items: () => emits.flatMap((entry) => entry.items) };
}

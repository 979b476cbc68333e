// Minimal stand-ins for n8n's ITriggerFunctions and IExecuteFunctions, for driving the real nodes
// outside jest, built on the tests' n8n context (test/helpers/n8nContext.ts). Deliberately cheap (no
// jest.fn, no copies), so they add as little as possible to what is measured.
import {
	createDeferredPromise,
	type IDataObject,
	type IDeferredPromise,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	type IRun,
	type ITriggerFunctions,
} from 'n8n-workflow';

import { contextParameter, executeFunctions, nodeHelpers } from '../test/helpers/n8nContext';

export interface Credentials {
	serverUrl: string;
	apiToken: string;
}

export interface LogLine {
	at: number;
	level: string;
	message: string;
}

/** Keeps warnings and errors (and optionally everything) with a timestamp, for diagnostics. */
export class LogBook {
	readonly lines: LogLine[] = [];

	constructor(private readonly verbose = false) {}

	readonly logger = {
		debug: (message: string) => this.add('debug', message),
		info: (message: string) => this.add('info', message),
		warn: (message: string) => this.add('warn', message),
		error: (message: string) => this.add('error', message),
	};

	private add(level: string, message: string): void {
		if (!this.verbose && (level === 'debug' || level === 'info')) return;
		this.lines.push({ at: performance.now(), level, message });
	}
}

function node(name: string, type: string): INode {
	return { id: `bench-${type}`, name, type: `n8n-nodes-seatable-realtime.${type}`, typeVersion: 1, position: [0, 0], parameters: {} };
}

export interface TriggerContextOptions {
	credentials: Credentials;
	parameters: Record<string, unknown>;
	/** Called synchronously for every emit, with the emitted items (and, for serial processing, the promise n8n resolves when the execution is done). */
	onEmit: (items: IDataObject[], done?: IDeferredPromise<IRun>) => void;
	onError?: (error: Error) => void;
	log?: LogBook;
	staticData?: IDataObject;
}

export function triggerContext(options: TriggerContextOptions): ITriggerFunctions {
	const staticData = options.staticData ?? {};
	const log = options.log ?? new LogBook();
	const context = {
		getNodeParameter: contextParameter(options.parameters),
		getCredentials: async () => ({ ...options.credentials }),
		getMode: () => 'trigger',
		getActivationMode: () => 'activate',
		getNode: () => node('SeaTable Realtime Trigger', 'seaTableRealtimeTrigger'),
		getWorkflowStaticData: () => staticData,
		logger: log.logger,
		emit: (data: INodeExecutionData[][], _response?: unknown, done?: IDeferredPromise<IRun>) =>
			options.onEmit(
				data[0].map((entry) => entry.json),
				done,
			),
		emitError: (error: Error) => options.onError?.(error),
		saveFailedExecution: (error: Error) => options.onError?.(error),
		helpers: {
			returnJsonArray: nodeHelpers().returnJsonArray,
			createDeferredPromise,
		},
	};
	return context as unknown as ITriggerFunctions;
}

export interface ExecuteContextOptions {
	credentials?: Credentials;
	items: INodeExecutionData[];
	/** A parameter value, or a function of the item index. */
	parameters: Record<string, unknown>;
	continueOnFail?: boolean;
	nodeName: string;
	nodeType: string;
}

export function executeContext(options: ExecuteContextOptions): IExecuteFunctions {
	const context = executeFunctions({
		node: node(options.nodeName, options.nodeType),
		parameters: options.parameters,
		items: options.items,
		continueOnFail: options.continueOnFail,
		credentials: async () => ({ ...options.credentials }),
	});
	return context as unknown as IExecuteFunctions;
}

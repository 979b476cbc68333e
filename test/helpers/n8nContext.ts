// The one stand-in for n8n's node contexts, for driving the real nodes outside n8n (unit tests and
// the benchmarks): only n8n is stood in for, with n8n's own behaviour where the nodes depend on it.
// Plain functions without copies, so that the benchmarks measure the nodes, not the stand-in.
import type { IDataObject, INode, INodeExecutionData, IPairedItemData } from 'n8n-workflow';

/** A node's parameters: the same for every item, or per item; a function value is computed per item. */
export type NodeParameters = Record<string, unknown> | ((itemIndex: number) => Record<string, unknown>);

/**
 * n8n's getNodeParameter (n8n-core's NodeExecutionContext): the stored value, else the fallback;
 * with neither, n8n throws "Could not get parameter".
 */
export function nodeParameter(parameters: NodeParameters, name: string, itemIndex = 0, fallback?: unknown): unknown {
	const source = typeof parameters === 'function' ? parameters(itemIndex) : parameters;
	let value = Object.hasOwn(source, name) ? source[name] : undefined;
	if (typeof value === 'function') value = (value as (index: number) => unknown)(itemIndex);
	if (value === undefined) value = fallback;
	if (value === undefined) throw new Error(`Could not get parameter "${name}"`);
	return value;
}

/** getNodeParameter as trigger, webhook and load-options contexts have it (no item index). */
export function contextParameter(parameters: NodeParameters): (name: string, fallback?: unknown) => unknown {
	return (name, fallback) => nodeParameter(parameters, name, 0, fallback);
}

/** The context helpers the nodes use, as n8n implements them. */
export function nodeHelpers() {
	return {
		// As n8n does: wrap plain json, then attach the item it came from.
		returnJsonArray: (json: IDataObject | IDataObject[]) => (Array.isArray(json) ? json : [json]).map((entry) => ({ json: entry })),
		constructExecutionMetaData: (data: INodeExecutionData[], { itemData }: { itemData: IPairedItemData | IPairedItemData[] }) =>
			data.map((entry) => ({ ...entry, pairedItem: itemData })),
	};
}

export interface ExecuteContextOptions {
	node: INode;
	parameters: NodeParameters;
	items: INodeExecutionData[];
	continueOnFail?: boolean;
	/** getCredentials; without it the context has none, as for a node without credentials. */
	credentials?: (type: string, itemIndex?: number) => Promise<IDataObject>;
}

/** The parts of IExecuteFunctions the action nodes use (cast it to IExecuteFunctions to call a node). */
export function executeFunctions(options: ExecuteContextOptions) {
	return {
		getInputData: () => options.items,
		getNode: () => options.node,
		continueOnFail: () => options.continueOnFail ?? false,
		getExecutionCancelSignal: (): AbortSignal | undefined => undefined,
		getNodeParameter: (name: string, itemIndex: number, fallback?: unknown) => nodeParameter(options.parameters, name, itemIndex, fallback),
		...(options.credentials ? { getCredentials: options.credentials } : {}),
		helpers: nodeHelpers(),
	};
}

// Reads the node's parameters for one item into a delivery for the client core.
import {
	type IDataObject,
	type IExecuteFunctions,
	type INode,
	type INodeExecutionData,
	jsonParse,
	NodeOperationError,
} from 'n8n-workflow';

import type { WebhookDelivery } from '../seatable-client/webhook';

interface HeaderEntry {
	name?: string;
	value?: unknown;
}

interface WebhookOptions {
	headers?: { header?: HeaderEntry[] };
	idempotencyKey?: boolean;
	maxResponseSize?: number;
	retries?: number;
	secret?: string;
	timeout?: number;
}

export function readDelivery(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	node: INode,
	credentialSecret: string | undefined,
): WebhookDelivery {
	const options = context.getNodeParameter('options', itemIndex, {}) as WebhookOptions;
	const headers: Record<string, string> = {};
	for (const { name, value } of options.headers?.header ?? []) {
		if (name?.trim()) headers[name.trim()] = String(value ?? '');
	}
	return {
		url: context.getNodeParameter('url', itemIndex) as string,
		body: readBody(context, itemIndex, item, node),
		// The credential wins; a saved workflow's Secret option keeps working without one.
		secret: credentialSecret ?? (options.secret ? String(options.secret) : undefined),
		headers,
		timeoutMs: options.timeout,
		maxResponseBytes: options.maxResponseSize === undefined ? undefined : Math.round(options.maxResponseSize * 1024 * 1024),
		retries: options.retries,
		idempotencyKey: options.idempotencyKey ?? true,
	};
}

function readBody(
	context: IExecuteFunctions,
	itemIndex: number,
	item: INodeExecutionData,
	node: INode,
): unknown {
	const payload = context.getNodeParameter('payload', itemIndex, 'actionAndRow') as string;
	if (payload === 'custom') {
		return parseCustomBody(context.getNodeParameter('body', itemIndex, '{}'), node, itemIndex);
	}
	const action = context.getNodeParameter('action', itemIndex, '') as unknown;
	if (payload === 'item') {
		const body: IDataObject = { ...item.json };
		if (action !== '' && action !== undefined && action !== null) body.action = action as string;
		return body;
	}
	const rowId = context.getNodeParameter('rowId', itemIndex, '') as unknown;
	if (rowId === '' || rowId === undefined || rowId === null) {
		throw new NodeOperationError(node, 'Row ID is empty', {
			itemIndex,
			description:
				'Map the ID of the SeaTable row into Row ID, for example {{ $json.row_id }} after a SeaTable trigger.',
		});
	}
	// SeaTable's example body, keys in this order.
	return { action, _id: String(rowId) };
}

// The json parameter arrives as text when typed, or as a value when an expression produced one.
function parseCustomBody(value: unknown, node: INode, itemIndex: number): unknown {
	if (typeof value !== 'string') return value;
	try {
		return jsonParse<unknown>(value);
	} catch (error) {
		throw new NodeOperationError(node, `Body is not valid JSON: ${error instanceof Error ? error.message : String(error)}`, {
			itemIndex,
			description: 'Fix the JSON in Body, for example {"action": "approve"}. Keys and strings need double quotes.',
		});
	}
}

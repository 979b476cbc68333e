// Core errors as n8n errors, for every node. Only a ClientError's own safe facts are passed on:
// never the original error object, which could hold request configuration.
import { NodeApiError, NodeError, NodeOperationError, type INode } from 'n8n-workflow';

import { ClientError } from '../seatable-client';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
	if (error instanceof NodeError) return error;
	if (!(error instanceof ClientError)) {
		return new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
	}
	if (!error.exchangeFailed) {
		return new NodeOperationError(node, error.message, { description: error.description, itemIndex });
	}
	const apiError = new NodeApiError(node, error.facts(), {
		message: error.message,
		description: error.description,
		httpCode: error.status === undefined ? undefined : String(error.status),
		itemIndex,
	});
	// NodeApiError swaps messages that mention codes like ECONNREFUSED for generic texts; ours
	// name the host and are more useful.
	apiError.message = error.message;
	return apiError;
}

/**
 * n8n errors carry the node, parameters included; a Secret typed into the options would be
 * serialised with every error, so errors get a copy with it masked.
 */
export function withoutSecret(node: INode): INode {
	const options = node.parameters?.options;
	if (!options || typeof options !== 'object' || Array.isArray(options) || !('secret' in options)) {
		return node;
	}
	return { ...node, parameters: { ...node.parameters, options: { ...options, secret: '[hidden]' } } };
}

/** The json of the error item returned when the node continues on fail. */
export function errorItemJson(error: NodeError): { error: string; statusCode?: number } {
	const statusCode = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
	return Number.isInteger(statusCode) ? { error: error.message, statusCode } : { error: error.message };
}

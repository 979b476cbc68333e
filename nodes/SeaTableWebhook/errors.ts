// Turns delivery failures into n8n errors, and keeps the secret out of them.
import {
	type INode,
	type JsonObject,
	NodeApiError,
	NodeError,
	NodeOperationError,
} from 'n8n-workflow';

import { WebhookError } from '../seatable-client/webhook';

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

export function toNodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeError) return error;
	if (!(error instanceof WebhookError)) {
		return new NodeOperationError(node, error instanceof Error ? error : String(error), { itemIndex });
	}
	if (error.kind !== 'http' && error.kind !== 'network' && error.kind !== 'timeout') {
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}

	// A plain object, not the WebhookError: n8n stores it as the error response.
	const response: JsonObject = { message: error.message, attempts: error.attempts };
	if (error.host) response.host = error.host;
	if (error.statusCode !== undefined) response.statusCode = error.statusCode;
	if (error.bodyStart) response.body = error.bodyStart;
	const description = error.bodyStart
		? `${error.hint}\n\nStart of the response body: ${error.bodyStart}`
		: error.code
			? `${error.hint} (${error.code})`
			: error.hint;
	const apiError = new NodeApiError(node, response, {
		message: error.message,
		description,
		httpCode: error.statusCode !== undefined ? String(error.statusCode) : undefined,
		itemIndex,
	});
	// NodeApiError swaps messages that mention codes like ECONNREFUSED for generic texts; ours
	// name the host and are more useful.
	apiError.message = error.message;
	return apiError;
}

/** The json of the error item returned when the node continues on fail. */
export function errorItemJson(error: NodeError): { error: string; statusCode?: number } {
	const statusCode = error instanceof NodeApiError ? Number(error.httpCode) : NaN;
	return Number.isInteger(statusCode) ? { error: error.message, statusCode } : { error: error.message };
}

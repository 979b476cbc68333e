// SeaTable client errors as n8n errors. Only the SeaTableError's own safe fields are passed on:
// never the original error object, which could hold request configuration.
import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { SeaTableError } from '../seatable-client';

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof SeaTableError) {
		if (error.status !== undefined) {
			const response: JsonObject = {
				message: error.message,
				kind: error.kind,
				httpCode: String(error.status),
			};
			if (error.serverMessage) response.error_msg = error.serverMessage;
			return new NodeApiError(node, response, {
				message: error.message,
				description: error.hint,
				httpCode: String(error.status),
				itemIndex,
			});
		}
		return new NodeOperationError(node, error.message, { description: error.hint, itemIndex });
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}

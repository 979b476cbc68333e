// Core errors as n8n errors, for every node. Only a ClientError's own safe facts are passed on:
// never the original error object, which could hold request configuration. The core's hints name
// the setting to check; where that setting is in n8n is said here.
import { NodeApiError, NodeError, NodeOperationError, type INode } from 'n8n-workflow';

import { ClientError, type ClientSetting } from '../seatable-client';

const CREDENTIAL = 'the SeaTable Realtime API credential';

/** Where each setting a core hint names is set in n8n. */
export const SETTING_PLACES: Readonly<Record<ClientSetting, string>> = {
	serverUrl: `The Server URL is set in ${CREDENTIAL}.`,
	apiToken: `The API token is set in ${CREDENTIAL}.`,
	ignoreSslIssues: `"Ignore SSL Issues" is in ${CREDENTIAL}.`,
	secret: 'The secret is set in the SeaTable Webhook Secret API credential (in nodes saved before it existed, in the Secret option).',
	headers: 'Headers is one of the node options.',
	retries: 'Retries is one of the node options.',
	sendingRate: 'Retries is one of the node options; to send items more slowly, put a Loop Over Items and a Wait node before this one.',
	timeout: 'Timeout is one of the node options.',
	maxResponseSize: 'Max Response Size is one of the node options.',
};

/** The core's hint, where its setting is in n8n, then the details. */
export function nodeDescription(error: ClientError): string {
	const place = error.setting === undefined ? '' : ` ${SETTING_PLACES[error.setting]}`;
	return `${error.hint}${place}${error.details ?? ''}`;
}

export function toNodeError(node: INode, error: unknown, itemIndex?: number): NodeError {
	if (error instanceof NodeError) return error;
	if (!(error instanceof ClientError)) {
		return new NodeOperationError(node, error instanceof Error ? error.message : String(error), { itemIndex });
	}
	if (!error.exchangeFailed) {
		return new NodeOperationError(node, error.message, { description: nodeDescription(error), itemIndex });
	}
	const apiError = new NodeApiError(node, error.facts(), {
		message: error.message,
		description: nodeDescription(error),
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

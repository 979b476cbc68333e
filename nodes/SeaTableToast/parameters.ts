// Reads and checks one item's message and toast type before anything is sent, so a mistake costs
// no API call.
import { type IExecuteFunctions, NodeOperationError } from 'n8n-workflow';

import { toNodeError } from '../shared/errors';
import { checkToastMessage, type ToastType } from '../seatable-client';

export const TOAST_TYPES: readonly ToastType[] = ['success', 'warning', 'danger'];

export interface ToastParameters {
	/** "to" as the workflow gave it: a list or a comma-separated text, not yet resolved. */
	to: unknown;
	message: string;
	toastType: ToastType;
}

export function readToastParameters(context: IExecuteFunctions, itemIndex: number): ToastParameters {
	const node = context.getNode();

	const rawMessage = context.getNodeParameter('message', itemIndex, '') as unknown;
	// An expression may produce a number or boolean; anything else is not plain text.
	if (rawMessage !== null && rawMessage !== undefined && typeof rawMessage === 'object') {
		throw new NodeOperationError(node, 'The message must be plain text', {
			itemIndex,
			description: 'The Message expression produced an object or a list. Map a text field instead.',
		});
	}
	const message = rawMessage === null || rawMessage === undefined ? '' : String(rawMessage);
	if (message.trim() === '') {
		throw new NodeOperationError(node, 'The message is empty', {
			itemIndex,
			description: 'Enter the text to show in the toast, or check that the Message expression produces text for this item.',
		});
	}

	try {
		checkToastMessage(message);
	} catch (error) {
		throw toNodeError(node, error, itemIndex);
	}

	const toastType = context.getNodeParameter('toastType', itemIndex, 'success') as unknown;
	if (!TOAST_TYPES.includes(toastType as ToastType)) {
		throw new NodeOperationError(
			node,
			`Invalid toast type ${JSON.stringify(toastType)}. Valid toast types are: ${TOAST_TYPES.join(', ')}`,
			{ itemIndex },
		);
	}

	return {
		to: recipientsFromParameter(context.getNodeParameter('to', itemIndex, [])),
		message,
		toastType: toastType as ToastType,
	};
}

/** The recipients as version 1 stored them (a list or text), or the value of version 2's locator. */
export function recipientsFromParameter(value: unknown): unknown {
	if (value && typeof value === 'object' && !Array.isArray(value) && '__rl' in value) {
		return (value as { value?: unknown }).value ?? '';
	}
	return value;
}

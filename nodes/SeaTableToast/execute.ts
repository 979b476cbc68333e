// The operation: per item, shows the toast to each of the item's distinct recipients.
import {
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	NodeOperationError,
} from 'n8n-workflow';

import { SeaTableError, type Collaborator, type SeaTableClient } from '../seatable-client';
import { acquireClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { executeItems } from '../shared/executeItems';
import type { ToastOutput } from './output';
import { readToastParameters } from './parameters';
import { RecipientError, resolveRecipients, splitRecipients } from './recipients';

/** One client (and one collaborator list) for all items of the execution. */
export async function executeToast(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const lease = await acquireClient.call(this);
	try {
		const client = lease.client;
		const collaborators = collaboratorsOnce(client);
		return await executeItems(this, (itemIndex) => sendToast.call(this, itemIndex, client, collaborators));
	} finally {
		lease.release();
	}
}

export type CollaboratorSource = () => Promise<Collaborator[]>;

/**
 * The base's collaborators, loaded on first use and reused for every later item of the execution:
 * a thousand items cost one related-users call, not a thousand.
 */
export function collaboratorsOnce(client: SeaTableClient): CollaboratorSource {
	let pending: Promise<Collaborator[]> | undefined;
	return () => (pending ??= client.getCollaborators());
}

export async function sendToast(
	this: IExecuteFunctions,
	itemIndex: number,
	client: SeaTableClient,
	collaborators: CollaboratorSource,
): Promise<IDataObject & ToastOutput> {
	const node = this.getNode();
	const { to, message, toastType } = readToastParameters(this, itemIndex);

	let usernames: string[];
	try {
		const entries = splitRecipients(to);
		usernames = resolveRecipients(entries, await collaborators());
	} catch (error) {
		if (error instanceof RecipientError) throw new NodeOperationError(node, error.message, { itemIndex });
		throw toNodeError(node, error, itemIndex);
	}

	// One after the other: a few recipients do not need parallelism, and it spares the rate limit.
	const shown: string[] = [];
	for (const username of usernames) {
		try {
			await client.sendToast(username, message, toastType);
		} catch (error) {
			const nodeError = toNodeError(node, error, itemIndex);
			if (error instanceof SeaTableError && error.kind === 'notFound' && error.serverMessage) {
				// The toast API answers 404 for a recipient it does not know, not for a wrong URL.
				nodeError.description = `SeaTable did not accept the recipient ${username}: ${error.serverMessage} Check that this user still has access to the base.`;
			}
			if (shown.length > 0) {
				// Retrying the item would show these people the toast twice.
				nodeError.description = `${nodeError.description ?? ''} The toast was already shown to: ${shown.join(', ')}.`.trim();
			}
			throw nodeError;
		}
		shown.push(username);
	}

	const output: ToastOutput = { sent: true, to: usernames, toastType, message };
	return output;
}

// Checks of SeaTable's answers whose shape the nodes rely on: a server that answers otherwise gets
// a clear error here instead of a TypeError deep inside a node.
import { safeServerText, SeaTableError } from './errors';
import type { Collaborator } from './types';

/** The longest toast message sent; SeaTable shows toasts as one short popup. */
export const MAX_TOAST_MESSAGE_LENGTH = 5_000;

/** Refuses a message over the limit before anything is sent. */
export function checkToastMessage(message: string): void {
	if (message.length <= MAX_TOAST_MESSAGE_LENGTH) return;
	throw new SeaTableError(`The message is ${message.length} characters long; a toast shows at most ${MAX_TOAST_MESSAGE_LENGTH}`, {
		kind: 'badRequest',
		hint: 'Shorten the message, for example by sending a summary and a link to the row instead of its whole content.',
	});
}

function malformed(what: string, request: string): SeaTableError {
	return new SeaTableError(`SeaTable's list of collaborators is malformed: ${what}`, {
		kind: 'notSeaTable',
		hint: 'Check the Server URL: it must be the address of your SeaTable server. If it is, the server answered unexpectedly; try again later.',
		setting: 'serverUrl',
		request,
	});
}

/** `user_list` of related-users: every entry needs a text `email` (the username). */
export function readCollaborators(data: unknown, request: string): Collaborator[] {
	const list = data && typeof data === 'object' ? (data as { user_list?: unknown }).user_list : undefined;
	if (list === undefined) return [];
	if (!Array.isArray(list)) throw malformed('user_list is not a list', request);
	return list.map((entry: unknown, index) => {
		const record = entry && typeof entry === 'object' ? (entry as Record<string, unknown>) : undefined;
		if (record === undefined || typeof record.email !== 'string' || record.email.trim() === '') {
			throw malformed(`entry ${index + 1} has no username (email)`, request);
		}
		// Optional texts of the wrong type are treated as absent rather than failing every toast.
		const collaborator: Collaborator = { email: record.email, name: typeof record.name === 'string' ? record.name : '' };
		if (typeof record.contact_email === 'string') collaborator.contact_email = record.contact_email;
		if (typeof record.avatar_url === 'string') collaborator.avatar_url = record.avatar_url;
		return collaborator;
	});
}

/** The toast answer: documented `{"success": true}`; an explicit `success: false` was not shown. */
export function checkToastAnswer(data: unknown, request: string, secrets: readonly string[]): void {
	if (!data || typeof data !== 'object' || (data as { success?: unknown }).success !== false) return;
	const answer = safeServerText(JSON.stringify(data), secrets);
	throw new SeaTableError(`SeaTable did not show the toast: it answered ${answer}`, {
		kind: 'http',
		hint: 'Check that the recipient still has access to the base and that the message is plain text; SeaTable gave no other reason.',
		status: 200,
		serverMessage: answer,
		request,
	});
}

/** A row read by id: a JSON object (keyed by column names). */
export function readRow(data: unknown, request: string): Record<string, unknown> {
	if (data && typeof data === 'object' && !Array.isArray(data)) return data as Record<string, unknown>;
	throw new SeaTableError('SeaTable answered the row request with something other than a row', {
		kind: 'notSeaTable',
		hint: 'Check the Server URL: it must be the address of your SeaTable server. If it is, the server answered unexpectedly; try again later.',
		setting: 'serverUrl',
		request,
	});
}

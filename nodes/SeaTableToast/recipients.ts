// Turns what the workflow author wrote in "to" into SeaTable usernames (`…@auth.local`), the only
// form the toast API accepts. Pure: the caller supplies the base's collaborators.
import type { Collaborator } from '../seatable-client';

export type RecipientProblem = 'missing' | 'invalid' | 'unknown' | 'ambiguous';

export class RecipientError extends Error {
	constructor(
		message: string,
		readonly problem: RecipientProblem,
		readonly recipient?: string,
	) {
		super(message);
		this.name = 'RecipientError';
	}
}

// Enough to recognise a base's people in an error message without flooding it on large teams.
const LISTED_COLLABORATORS = 10;

/** "Name (email)": the contact email when there is one, as people know it, else the username. */
export function describeCollaborator(collaborator: Collaborator): string {
	const email = collaborator.contact_email?.trim() || collaborator.email;
	const name = collaborator.name?.trim() || email;
	return `${name} (${email})`;
}

/**
 * The recipients as written. A text is split at commas; a list (picked in the editor, or an
 * expression such as a SeaTable collaborator column) gives one recipient per entry, so a name that
 * itself contains a comma can still be given in a list. Checked before the collaborators are
 * loaded, so an empty field costs no API call.
 */
export function splitRecipients(value: unknown): string[] {
	const entries = (Array.isArray(value) ? value.map(entryText) : entryText(value).split(','))
		.map((entry) => entry.trim())
		.filter((entry) => entry !== '');
	if (entries.length === 0) {
		throw new RecipientError(
			'No recipient given. Pick collaborators in "Recipient Names or IDs" or give their usernames, emails or names separated by commas.',
			'missing',
		);
	}
	return entries;
}

function entryText(entry: unknown): string {
	if (entry === null || entry === undefined) return '';
	if (typeof entry === 'string' || typeof entry === 'number') return String(entry);
	// A collaborator object, e.g. `{ email, name }` from a row or from the related-users list.
	if (typeof entry === 'object' && typeof (entry as { email?: unknown }).email === 'string') {
		return (entry as { email: string }).email;
	}
	throw new RecipientError(
		`Invalid recipient ${JSON.stringify(entry)}: a recipient must be a text (username, email or name)`,
		'invalid',
	);
}

/**
 * The distinct usernames of the recipients (from splitRecipients), in the order given. Throws a
 * RecipientError naming the first recipient that matches no collaborator or several.
 */
export function resolveRecipients(entries: string[], collaborators: Collaborator[]): string[] {
	const usernames: string[] = [];
	for (const entry of entries) {
		const username = resolveOne(entry, collaborators);
		if (!usernames.includes(username)) usernames.push(username);
	}
	return usernames;
}

function resolveOne(entry: string, collaborators: Collaborator[]): string {
	const lower = entry.toLowerCase();
	// Most specific first: a username is unique, an email nearly so, a display name often is not.
	const byUsername = collaborators.find((c) => c.email?.toLowerCase() === lower);
	if (byUsername) return byUsername.email;
	for (const matches of [
		collaborators.filter((c) => c.contact_email?.trim().toLowerCase() === lower),
		collaborators.filter((c) => c.name?.trim() === entry),
	]) {
		const distinct = [...new Map(matches.map((c) => [c.email, c])).values()];
		if (distinct.length === 1) return distinct[0].email;
		if (distinct.length > 1) {
			throw new RecipientError(
				`Ambiguous recipient "${entry}": ${distinct.length} collaborators match it: ${distinct.map(describeWithUsername).join(', ')}. Use the email or …@auth.local username of the one you mean.`,
				'ambiguous',
				entry,
			);
		}
	}
	const known = collaborators.length
		? `the base's collaborators are: ${listCollaborators(collaborators)}`
		: 'the base has no collaborators';
	throw new RecipientError(
		`Unknown recipient "${entry}". Use a collaborator's …@auth.local username, email or exact name; ${known}`,
		'unknown',
		entry,
	);
}

// Two people may share a contact email too; only the username is sure to tell them apart.
function describeWithUsername(collaborator: Collaborator): string {
	const contact = collaborator.contact_email?.trim();
	if (!contact || contact === collaborator.email) return describeCollaborator(collaborator);
	return `${collaborator.name?.trim() || contact} (${contact}, username ${collaborator.email})`;
}

function listCollaborators(collaborators: Collaborator[]): string {
	const listed = collaborators.slice(0, LISTED_COLLABORATORS).map(describeCollaborator).join(', ');
	const more = collaborators.length - LISTED_COLLABORATORS;
	return more > 0 ? `${listed} and ${more} more` : listed;
}

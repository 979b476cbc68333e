// Recipient resolution on its own: the pure function the node uses on the base's related users.
import { describe, expect, it } from '@jest/globals';

import {
	describeCollaborator,
	RecipientError,
	resolveRecipients,
	splitRecipients,
} from '../../nodes/SeaTableToast/recipients';
import { sampleBase } from '../emulator';

const collaborators = sampleBase().collaborators;
const [ANNA, BEN, CHIARA] = collaborators;

function problemOf(action: () => unknown): RecipientError {
	try {
		action();
	} catch (error) {
		expect(error).toBeInstanceOf(RecipientError);
		return error as RecipientError;
	}
	throw new Error('expected a RecipientError');
}

describe('splitRecipients', () => {
	it('splits text at commas and drops blanks', () => {
		expect(splitRecipients(' a ,b,, c ,')).toEqual(['a', 'b', 'c']);
	});

	it('keeps list entries whole, so a name with a comma works in a list', () => {
		expect(splitRecipients(['Smith, John', ' x@auth.local ', ''])).toEqual(['Smith, John', 'x@auth.local']);
	});

	it('takes the username of collaborator objects, as a row\'s collaborator cell may hold', () => {
		expect(splitRecipients([{ email: ANNA.email, name: ANNA.name }])).toEqual([ANNA.email]);
		expect(splitRecipients({ email: BEN.email })).toEqual([BEN.email]);
	});

	it.each([undefined, null, '', ' , ', []])('refuses %j as no recipient', (value) => {
		expect(problemOf(() => splitRecipients(value)).problem).toBe('missing');
	});

	it('refuses entries that are not text', () => {
		const error = problemOf(() => splitRecipients([ANNA.email, { id: 1 }]));
		expect(error.problem).toBe('invalid');
		expect(error.message).toContain('{"id":1}');
	});
});

describe('resolveRecipients', () => {
	it('resolves usernames, emails, contact emails and exact names to usernames, in order, without duplicates', () => {
		const dora = { email: 'dora@example.com', name: 'Dora Lee', contact_email: '' };
		const entries = ['Chiara Rossi', 'DORA@example.com', ANNA.email.toUpperCase(), 'ben.carter@example.org', 'Anna Schmidt'];
		expect(resolveRecipients(entries, [...collaborators, dora])).toEqual([CHIARA.email, dora.email, ANNA.email, BEN.email]);
	});

	it('prefers a username over a contact email over a display name', () => {
		const tricky = [
			{ email: 'x@auth.local', name: 'y@example.com', contact_email: 'z@example.com' },
			{ email: 'y@auth.local', name: 'Why', contact_email: 'y@example.com' },
			{ email: 'z@example.com', name: 'Zed', contact_email: '' },
		];
		expect(resolveRecipients(['z@example.com'], tricky)).toEqual(['z@example.com']);
		expect(resolveRecipients(['y@example.com'], tricky)).toEqual(['y@auth.local']);
	});

	it('matches display names exactly (no guessing on case)', () => {
		const error = problemOf(() => resolveRecipients(['anna schmidt'], collaborators));
		expect(error.problem).toBe('unknown');
		expect(error.recipient).toBe('anna schmidt');
	});

	it('names an unknown recipient and lists at most ten collaborators', () => {
		const many = Array.from({ length: 12 }, (_, i) => ({ email: `u${i}@auth.local`, name: `P${i}`, contact_email: '' }));
		const error = problemOf(() => resolveRecipients(['bob'], many));
		expect(error.message).toBe(
			'Unknown recipient "bob". Use a collaborator\'s …@auth.local username, email or exact name; the base\'s collaborators are: ' +
				many.slice(0, 10).map((c) => `${c.name} (${c.email})`).join(', ') +
				' and 2 more',
		);
	});

	it('says so when the base has no collaborators', () => {
		expect(problemOf(() => resolveRecipients(['bob'], [])).message).toContain('the base has no collaborators');
	});

	it('refuses a name two collaborators share, listing both', () => {
		const twins = [
			{ email: 'a1@auth.local', name: 'Alex Kim', contact_email: 'one@example.com' },
			{ email: 'a2@auth.local', name: 'Alex Kim', contact_email: 'two@example.com' },
		];
		const error = problemOf(() => resolveRecipients(['Alex Kim'], twins));
		expect(error.problem).toBe('ambiguous');
		expect(error.message).toBe(
			'Ambiguous recipient "Alex Kim": 2 collaborators match it: Alex Kim (one@example.com, username a1@auth.local), Alex Kim (two@example.com, username a2@auth.local). Use the email or …@auth.local username of the one you mean.',
		);
		expect(resolveRecipients(['two@example.com'], twins)).toEqual(['a2@auth.local']);
	});

	it('refuses a contact email two collaborators share, naming their usernames', () => {
		const shared = [
			{ email: 's1@auth.local', name: 'Sam', contact_email: 'team@example.com' },
			{ email: 's2@example.com', name: 'Sue', contact_email: 'Team@example.com' },
		];
		const error = problemOf(() => resolveRecipients(['team@example.com'], shared));
		expect(error.problem).toBe('ambiguous');
		expect(error.message).toContain('Sam (team@example.com, username s1@auth.local), Sue (Team@example.com, username s2@example.com)');
		expect(resolveRecipients(['s1@auth.local'], shared)).toEqual(['s1@auth.local']);
	});
});

describe('describeCollaborator', () => {
	it('shows the contact email, else the username, and the username when there is no name', () => {
		expect(describeCollaborator(ANNA)).toBe('Anna Schmidt (anna.schmidt@example.com)');
		expect(describeCollaborator({ email: 'u@auth.local', name: 'Una', contact_email: '' })).toBe('Una (u@auth.local)');
		expect(describeCollaborator({ email: 'u@auth.local', name: '' })).toBe('u@auth.local (u@auth.local)');
	});
});

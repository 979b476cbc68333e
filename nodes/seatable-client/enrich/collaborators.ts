// The base's people by username (`…@auth.local`): read once when a trigger starts, and again when a
// change names someone unknown, at most once per `refreshIntervalMs` (someone invited later).
// Shared by every trigger on the same client, like the schema cache.
import type { SeaTableClient } from '../client';
import { perClient } from '../perClient';

export interface Person {
	username: string;
	name: string | null;
	email: string | null;
}

export const COLLABORATOR_REFRESH_MS = 60_000;

export class CollaboratorDirectory {
	private people = new Map<string, Person>();
	private loadedAt = -Infinity;
	private loading: Promise<void> | undefined;

	constructor(
		private readonly client: SeaTableClient,
		private readonly now: () => number = Date.now,
	) {}

	/** Loads the list unless it is loaded or loading. */
	async load(): Promise<void> {
		if (this.loadedAt > -Infinity) return;
		await this.reload();
	}

	/** The person, or undefined when not (yet) known. */
	find(username: string): Person | undefined {
		return this.people.get(username);
	}

	/** Reads the list again when one of `usernames` is unknown and the last read is old enough. */
	async refreshFor(usernames: Iterable<string>, refreshIntervalMs: number): Promise<void> {
		let missing = false;
		for (const username of usernames) if (!this.people.has(username)) missing = true;
		if (!missing) return;
		if (this.loading) return await this.loading;
		if (this.now() - this.loadedAt < refreshIntervalMs) return;
		await this.reload();
	}

	/** A person for any username: unknown ones keep their username and no name or email. */
	person(username: string): Person {
		return this.people.get(username) ?? { username, name: null, email: null };
	}

	private async reload(): Promise<void> {
		if (!this.loading) {
			// A failed read also counts: a broken endpoint is not asked again for every change.
			this.loadedAt = this.now();
			this.loading = this.client
				.getCollaborators()
				.then((list) => {
					const people = new Map<string, Person>();
					for (const user of list) {
						if (!user || typeof user.email !== 'string') continue;
						const email = typeof user.contact_email === 'string' && user.contact_email ? user.contact_email : null;
						people.set(user.email, { username: user.email, name: typeof user.name === 'string' ? user.name : null, email });
					}
					this.people = people;
				})
				.finally(() => {
					this.loading = undefined;
				});
		}
		await this.loading;
	}
}

export const collaboratorsFor = perClient((client) => new CollaboratorDirectory(client));

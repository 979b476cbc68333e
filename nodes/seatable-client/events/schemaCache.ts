// Base metadata for name resolution, fetched once per base and shared by every subscription on it
// (the base's session holds it; it outlives the session, so a re-activation does not refetch it).
// Schema operations seen on the stream are applied to it as dtable-store applies them to its base,
// so names are right on the very next event without a metadata call; only an operation that does
// not say enough (or a schema not loaded yet) marks it for one refetch.
import type { SeaTableClient } from '../client';
import { BaseSchema, changesSchema } from '../operations';

export class SchemaCache {
	private schema: BaseSchema | undefined;
	private stale = true;
	private loading: Promise<BaseSchema> | undefined;
	private lastAppliedVersion = -Infinity;

	constructor(private readonly client: SeaTableClient) {}

	/** The current schema; refetched when a schema operation made it stale. */
	async get(): Promise<BaseSchema> {
		if (this.schema && !this.stale) return this.schema;
		if (!this.loading) {
			this.loading = this.client
				.getMetadata()
				.then((metadata) => {
					this.schema = new BaseSchema(metadata);
					this.stale = false;
					return this.schema;
				})
				.finally(() => {
					this.loading = undefined;
				});
		}
		return await this.loading;
	}

	/** The schema if it is loaded and up to date, else undefined (then call `get()`). */
	get fresh(): BaseSchema | undefined {
		return this.stale ? undefined : this.schema;
	}

	/** The schema as last known, without fetching (a fallback when SeaTable can't be reached). */
	get lastKnown(): BaseSchema | undefined {
		return this.schema;
	}

	/**
	 * Call after mapping each operation. Subscriptions map at different positions (a serial one
	 * lags, a catch-up replays): each change is applied once, and never after a later one.
	 */
	noteOperation(operation: Record<string, unknown>, version: number | undefined): void {
		if (!changesSchema(operation)) return;
		if (version !== undefined) {
			if (version <= this.lastAppliedVersion) return;
			this.lastAppliedVersion = version;
		}
		// A refetch after a later change would name earlier events by later names; patch when we can.
		if (this.schema?.applySchemaOperation(operation) !== true) this.stale = true;
	}
}

const caches = new WeakMap<SeaTableClient, SchemaCache>();

export function schemaCacheFor(client: SeaTableClient): SchemaCache {
	let cache = caches.get(client);
	if (!cache) {
		cache = new SchemaCache(client);
		caches.set(client, cache);
	}
	return cache;
}

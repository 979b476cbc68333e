// Base metadata for name resolution, fetched once per base and shared by every trigger on it.
// Schema operations seen on the stream update it at once (a renamed column shows its new name
// on the very next event) and mark it for a refetch, which also picks up what ops don't carry.
import type { SeaTableClient } from '../client';
import { BaseSchema, invalidatesNames } from '../operations';

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

	/** Call after mapping each operation; several listeners may report the same one. */
	noteOperation(operation: Record<string, unknown>, version: number | undefined): void {
		if (!invalidatesNames(operation)) return;
		if (version !== undefined) {
			if (version <= this.lastAppliedVersion) return;
			this.lastAppliedVersion = version;
		}
		this.schema?.applySchemaOperation(operation);
		this.stale = true;
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

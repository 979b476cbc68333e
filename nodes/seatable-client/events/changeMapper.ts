// Turns a change into workflow items with the operation library, resolving names from the
// shared schema cache when asked to.
import type { SeaTableClient } from '../client';
import type { Logger } from '../logger';
import { operationToItems, type BaseSchema, type EnrichOptions, type EventItem } from '../operations';
import type { ChangeEvent } from './baseEventStream';
import { schemaCacheFor } from './schemaCache';

export function createChangeMapper(
	client: SeaTableClient,
	dtableUuid: string,
	options: EnrichOptions,
	logger: Logger,
): (event: ChangeEvent) => EventItem[] | Promise<EventItem[]> {
	const schemas = schemaCacheFor(client);
	const map = (event: ChangeEvent, schema: BaseSchema | undefined): EventItem[] => {
		const items = operationToItems(
			{
				operation: event.operation,
				version: event.version ?? 0,
				dtable_uuid: dtableUuid,
				receivedAt: event.receivedAt,
				replayed: event.replayed,
				author: event.author,
			},
			options,
			schema,
		);
		schemas.noteOperation(event.operation, event.version);
		return items;
	};
	return (event) => {
		if (!options.resolveNames) return map(event, undefined);
		// The usual case stays synchronous: the schema is loaded and no schema change made it stale.
		const fresh = schemas.fresh;
		if (fresh) return map(event, fresh);
		return schemas.get().then(
			(schema) => map(event, schema),
			(error: Error) => {
				// Better an item with column keys than a lost event.
				logger.warn(`SeaTable realtime: could not load the base's column names (${error.message})`);
				return map(event, schemas.lastKnown);
			},
		);
	};
}

// Turns a change into workflow items with the operation library, resolving names from the
// shared schema cache when asked to.
import type { SeaTableClient } from '../client';
import type { Logger } from '../logger';
import { operationToItems, type EnrichOptions, type EventItem } from '../operations';
import type { ChangeEvent } from './baseEventStream';
import { schemaCacheFor } from './schemaCache';

export function createChangeMapper(
	client: SeaTableClient,
	dtableUuid: string,
	options: EnrichOptions,
	logger: Logger,
): (event: ChangeEvent) => Promise<EventItem[]> {
	const schemas = schemaCacheFor(client);
	return async (event) => {
		let schema = undefined;
		if (options.resolveNames) {
			try {
				schema = await schemas.get();
			} catch (error) {
				// Better an item with column keys than a lost event.
				schema = schemas.lastKnown;
				logger.warn(`SeaTable realtime: could not load the base's column names (${(error as Error).message})`);
			}
		}
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
}

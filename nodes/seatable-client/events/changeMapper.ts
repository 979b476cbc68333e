// Turns a change into workflow items with the operation library, resolving names from the
// shared schema cache when asked to.
import { logValue, type Logger } from '../logger';
import { operationToItems, type BaseSchema, type ChangeEvent, type EnrichOptions, type EventItem } from '../operations';
import type { SchemaCache } from './schemaCache';

export function createChangeMapper(
	schemas: SchemaCache,
	/** The base's uuid; read at each change, as it is known only once the connection has opened. */
	dtableUuid: () => string,
	options: EnrichOptions,
	logger: Logger,
): (event: ChangeEvent) => EventItem[] | Promise<EventItem[]> {
	const map = (event: ChangeEvent, schema: BaseSchema | undefined): EventItem[] => {
		const uuid = dtableUuid();
		const version = event.version ?? 0;
		const items = operationToItems(
			{
				operation: event.operation,
				version,
				dtable_uuid: uuid,
				receivedAt: event.receivedAt,
				replayed: event.replayed,
				author: event.author,
			},
			options,
			schema,
		);
		if (event.eventKey !== undefined) renameEvents(items, `${uuid}:${version}`, `${uuid}:${event.eventKey}`);
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
				logger.warn(`SeaTable realtime: could not load the base's column names (${logValue(error.message)})`);
				return map(event, schemas.lastKnown);
			},
		);
	};
}

/** A change the version alone does not name (shared or no usable version) gets its own eventIds. */
function renameEvents(items: EventItem[], plain: string, named: string): void {
	for (const item of items) {
		if (item.eventId.startsWith(plain)) item.eventId = named + item.eventId.slice(plain.length);
	}
}

// One subscription per trigger on a base's session: its own version store, catch-up, filters,
// mapping, batching, item enrichment and delivery for changes, or the base's notifications.
import type { SeaTableClient } from '../client';
import { ItemEnricher, wantsItemEnrichment, type ItemOptions } from '../enrich';
import type { SeaTableError } from '../errors';
import { createChangeMapper } from '../events/changeMapper';
import { ChangeStream } from '../events/changeStream';
import type { VersionStore } from '../events/versions';
import { logValue, type Logger } from '../logger';
import type { EnrichOptions, EventItem } from '../operations';
import { sessionFor, type BaseSession, type SessionMember } from './baseSession';

export interface ChangeSubscriptionOptions {
	event: 'baseChange';
	enrich: EnrichOptions;
	/** includeFullRow, resolveCollaborators, resolveLinks: each costs calls, so only when asked for. */
	items: ItemOptions;
	catchUp: boolean;
	catchUpMaxOperations: number;
	/** Live changes that may wait in memory before they are re-read from the operation log. */
	maxWaitingChanges: number;
	/** Collect items for this many ms and deliver them together; 0 delivers each change at once. */
	batchWindowMs: number;
	versionStore: VersionStore;
	/** One call at a time, in version order: a promise returned holds the next delivery. */
	deliver(items: EventItem[]): void | Promise<void>;
}

export interface NotificationSubscriptionOptions {
	event: 'notification';
	onNotification(notification: Record<string, unknown>): void;
}

export type SubscribeOptions = (ChangeSubscriptionOptions | NotificationSubscriptionOptions) & {
	logger: Logger;
	/** Aborting it closes the subscription. */
	signal?: AbortSignal;
	/** The credential stopped working (heard once `opened` has resolved). */
	onFatal?(error: SeaTableError): void;
};

export interface Subscription {
	/** Resolves once the base is joined (and its column names loaded when names are resolved); rejects if the connection cannot open. */
	readonly opened: Promise<void>;
	/** The base's uuid, known once `opened` has resolved. */
	readonly dtableUuid: string;
	/** Stops listening and leaves the session (the last one closes the socket); idempotent. */
	close(): void;
}

/**
 * Listens to a base from now on: changes that arrive while the connection joins are kept. Await
 * `opened` for errors, and close the subscription (or abort its signal) either way.
 */
export function subscribe(client: SeaTableClient, options: SubscribeOptions): Subscription {
	const session = sessionFor(client, { logger: options.logger });
	let ready = false;
	const member: SessionMember = { onFatal: (error) => ready && options.onFatal?.(error) };
	const listening = options.event === 'notification' ? listenToNotifications(member, options) : listenToChanges(session, member, options);
	const leave = session.join(member);
	// A change stream starts (and catches up) only once it is a member: nothing falls in between.
	listening.start?.(session.joined);

	let closed = false;
	const close = () => {
		if (closed) return;
		closed = true;
		options.signal?.removeEventListener('abort', close);
		listening.stop();
		leave();
	};
	if (options.signal?.aborted) close();
	else options.signal?.addEventListener('abort', close, { once: true });

	const preload = options.event === 'baseChange' && options.enrich.resolveNames;
	const opened = session.opened.then(async () => {
		// Column names now, so that even the first change is mapped without waiting.
		if (preload) {
			await session.schemas
				.get()
				.catch((error: Error) => options.logger.warn(`SeaTable realtime: could not load the base's column names yet (${logValue(error.message)})`));
		}
		ready = true;
	});
	return {
		opened,
		get dtableUuid() {
			return session.connection.dtableUuid;
		},
		close,
	};
}

interface Listening {
	start?(joined: boolean): void;
	stop(): void;
}

function listenToNotifications(member: SessionMember, options: NotificationSubscriptionOptions): Listening {
	member.onNotification = (notification) => options.onNotification(notification);
	return { stop: () => (member.onNotification = undefined) };
}

function listenToChanges(session: BaseSession, member: SessionMember, options: ChangeSubscriptionOptions & { logger: Logger }): Listening {
	const { client, connection, schemas } = session;
	const mapChange = createChangeMapper(schemas, () => connection.dtableUuid, options.enrich, options.logger);
	const deliver = (items: EventItem[]) => options.deliver(items);
	const enricher = wantsItemEnrichment(options.items) ? new ItemEnricher(client, schemas, options.items, options.logger) : undefined;
	void enricher?.start();
	const stream = new ChangeStream(client, {
		mapChange: enricher ? enricher.mapper(mapChange) : mapChange,
		deliver: enricher ? enricher.deliverer(deliver) : deliver,
		catchUp: options.catchUp,
		catchUpMaxOperations: options.catchUpMaxOperations,
		maxWaitingChanges: options.maxWaitingChanges,
		batchWindowMs: options.batchWindowMs,
		versionStore: options.versionStore,
		logger: options.logger,
	});
	member.onChange = (event) => stream.onLive(event);
	member.onJoined = (info) => stream.onJoined(info);
	member.onDisconnected = () => stream.onDisconnected();
	return {
		start: (joined) => stream.start(joined),
		stop: () => {
			stream.stop();
			enricher?.stop();
		},
	};
}

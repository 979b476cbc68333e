// The trigger's lifecycle: lease the shared connection, start a stream of base changes (or
// notifications), emit items into n8n, and release everything in closeFunction.
import {
	NodeOperationError,
	type IDataObject,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { acquireConnection, type ConnectionLease } from '../seatable-client/connectionPool';
import { BaseEventStream } from '../seatable-client/events/baseEventStream';
import { createChangeMapper } from '../seatable-client/events/changeMapper';
import { schemaCacheFor } from '../seatable-client/events/schemaCache';
import { ItemEnricher, wantsItemEnrichment } from '../seatable-client/enrich';
import type { SeaTableError } from '../seatable-client';
import type { EventItem } from '../seatable-client/operations';
import { acquireClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { deduplicationKey, emitsWithDeduplicationKey, lowestVersion, type EmitWithKey } from './emitKeys';
import { readSettings, type TriggerSettings } from './settings';
import { memoryVersionStore, persistentVersionStore, type TriggerVersionStore } from './versionStore';

interface Listener {
	stop(): void;
}

export async function listen(this: ITriggerFunctions): Promise<ITriggerResponse> {
	const settings = readSettings.call(this);
	const clientLease = await acquireClient.call(this);
	const client = clientLease.client;
	let lease: ConnectionLease;
	try {
		lease = await acquireConnection(client, { logger: this.logger });
	} catch (error) {
		clientLease.release();
		// Activation fails visibly, and n8n retries it.
		throw toNodeError(this.getNode(), error);
	}
	const connection = lease.connection;
	if (settings.event === 'baseChange' && settings.enrich.resolveNames) {
		// Load the column names now, so that even the first change is mapped without waiting.
		await schemaCacheFor(client)
			.get()
			.catch((error: Error) => this.logger.warn(`SeaTable realtime: could not load the base's column names yet (${error.message})`));
	}
	const onFatal = (error: SeaTableError) => this.emitError(toNodeError(this.getNode(), error));
	connection.on('fatal', onFatal);

	const isManual = this.getMode() === 'manual';
	// n8n 2.41 and later refuse a second execution with the same key: a change read again after a
	// crash or restart cannot run twice. Older n8n's emit takes three arguments.
	const dedupe = !isManual && emitsWithDeduplicationKey(this.emit);
	const versionStore: TriggerVersionStore = isManual
		? memoryVersionStore()
		: persistentVersionStore.call(this, connection.dtableUuid, { confirmed: dedupe });

	let listener: Listener | undefined;
	let closed = false;
	const close = () => {
		if (closed) return;
		closed = true;
		listener?.stop();
		versionStore.dispose();
		connection.off('fatal', onFatal);
		lease.release();
		clientLease.release();
	};

	const serial = !isManual && !settings.parallelProcessing;
	const emitItems = (items: IDataObject[]): void | Promise<void> => {
		const data = [this.helpers.returnJsonArray(items)];
		const confirm = versionStore.emitted(lowestVersion(items));
		if (!serial && !dedupe) {
			this.emit(data);
			return;
		}
		const done = this.helpers.createDeferredPromise<IRun>();
		const key = dedupe ? deduplicationKey(this.getWorkflow().id, this.getNode().id, items) : undefined;
		(this.emit as EmitWithKey)(data, undefined, done, key);
		// A failed execution is n8n's to report; the next change goes ahead either way.
		const settled = done.promise.then(confirm, confirm);
		// Serialised: the next change waits until this execution has finished.
		return serial ? settled : undefined;
	};

	if (!isManual) {
		listener = startListener.call(this, settings, lease, emitItems, versionStore);
		return { closeFunction: async () => close() };
	}

	// "Execute step": wait for the next change only, emit it, and close.
	let settle: (() => void) | undefined;
	const manualTriggerFunction = async () =>
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				close();
				reject(
					new NodeOperationError(this.getNode(), `No ${settings.event === 'notification' ? 'notification' : 'change'} arrived within ${settings.manualTimeoutMs / 1000} seconds`, {
						description: 'Make a change in the base while the node is waiting, or raise "Manual Run Timeout" in the options.',
					}),
				);
			}, settings.manualTimeoutMs);
			settle = () => {
				clearTimeout(timer);
				resolve();
			};
			const manualSettings: TriggerSettings = { ...settings, catchUp: false, batchWindowMs: 0 };
			listener = startListener.call(
				this,
				manualSettings,
				lease,
				(items) => {
					if (closed) return;
					emitItems(items);
					close();
					settle?.();
				},
				versionStore,
			);
		});
	return {
		manualTriggerFunction,
		closeFunction: async () => {
			close();
			settle?.(); // stopped by the user while waiting: nothing to report
		},
	};
}

function startListener(
	this: ITriggerFunctions,
	settings: TriggerSettings,
	lease: ConnectionLease,
	emitItems: (items: IDataObject[]) => void | Promise<void>,
	versionStore: TriggerVersionStore,
): Listener {
	const connection = lease.connection;
	if (settings.event === 'notification') {
		const onNotification = (notification: Record<string, unknown>) => {
			void emitItems([{ event: 'new-notification', notification, received_at: new Date().toISOString() } as IDataObject]);
		};
		connection.on('notification', onNotification);
		return { stop: () => connection.off('notification', onNotification) };
	}
	const mapChange = createChangeMapper(connection.client, connection.dtableUuid, settings.enrich, this.logger);
	const deliver = (items: EventItem[]) => emitItems(items as IDataObject[]);
	// Full rows, people, link display values: only when asked for (each costs calls, see README).
	const enricher = wantsItemEnrichment(settings.items)
		? new ItemEnricher(connection.client, schemaCacheFor(connection.client), settings.items, this.logger)
		: undefined;
	void enricher?.start();
	const stream = new BaseEventStream(connection, connection.client, {
		mapChange: enricher ? enricher.mapper(mapChange) : mapChange,
		deliver: enricher ? enricher.deliverer(deliver) : deliver,
		catchUp: settings.catchUp,
		catchUpMaxOperations: settings.catchUpMaxOperations,
		batchWindowMs: settings.batchWindowMs,
		versionStore,
		logger: this.logger,
	});
	stream.start();
	return {
		stop: () => {
			stream.stop();
			enricher?.stop();
		},
	};
}

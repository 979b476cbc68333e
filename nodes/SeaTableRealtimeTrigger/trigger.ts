// The trigger's n8n side: the mode (manual or active), emitting items into n8n (deduplication key,
// serialised executions, version store confirmation), the manual timeout, and closing with an
// AbortController. Listening to the base is the core's subscription.
import {
	NodeOperationError,
	type IDataObject,
	type IRun,
	type ITriggerFunctions,
	type ITriggerResponse,
} from 'n8n-workflow';

import { sessionBaseUuid, subscribe, type ChangeSubscriptionOptions, type NotificationSubscriptionOptions } from '../seatable-client';
import { acquireClient } from '../shared/client';
import { toNodeError } from '../shared/errors';
import { deduplicationKey, emitsWithDeduplicationKey, lowestVersion, type EmitWithKey } from './emitKeys';
import type { NotificationItem } from './items';
import { readParameters, type TriggerParameters } from './parameters';
import { memoryVersionStore, persistentVersionStore, type TriggerVersionStore } from './versionStore';

type EmitItems = (items: IDataObject[]) => void | Promise<void>;

export async function trigger(this: ITriggerFunctions): Promise<ITriggerResponse> {
	const parameters = readParameters.call(this);
	const isManual = this.getMode() === 'manual';
	const clientLease = await acquireClient.call(this);
	// n8n 2.41 and later refuse a second execution with the same key: a change read again after a
	// crash or restart cannot run twice. Older n8n's emit takes three arguments.
	const dedupe = !isManual && emitsWithDeduplicationKey(this.emit);
	const client = clientLease.client;
	const versionStore: TriggerVersionStore = isManual
		? memoryVersionStore()
		: persistentVersionStore.call(this, () => sessionBaseUuid(client), { confirmed: dedupe });
	const abort = new AbortController();

	const emitItems = emitter.call(this, !isManual && !parameters.parallelProcessing, dedupe, versionStore);
	// "Execute step" waits for the next change only: the one that arrives while someone waits.
	let waiter: EmitItems | undefined;
	const deliver: EmitItems = isManual ? (items) => waiter?.(items) : emitItems;
	const subscription = subscribe(client, {
		...subscriptionOptions(isManual ? { ...parameters, catchUp: false, batchWindowMs: 0 } : parameters, versionStore, deliver),
		logger: this.logger,
		signal: abort.signal,
		onFatal: (error) => this.emitError(toNodeError(this.getNode(), error)),
	});
	// After the subscription's own close (it listens to the same signal first).
	abort.signal.addEventListener('abort', () => {
		versionStore.dispose();
		clientLease.release();
	});
	try {
		await subscription.opened;
	} catch (error) {
		abort.abort();
		// Activation fails visibly, and n8n retries it.
		throw toNodeError(this.getNode(), error);
	}
	if (!isManual) return { closeFunction: async () => abort.abort() };

	let settle: (() => void) | undefined;
	const manualTriggerFunction = async () =>
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => {
				abort.abort();
				reject(
					new NodeOperationError(this.getNode(), `No ${parameters.event === 'notification' ? 'notification' : 'change'} arrived within ${parameters.manualTimeoutMs / 1000} seconds`, {
						description: 'Make a change in the base while the node is waiting, or raise "Manual Run Timeout" in the options.',
					}),
				);
			}, parameters.manualTimeoutMs);
			settle = () => {
				clearTimeout(timer);
				resolve();
			};
			waiter = (items) => {
				if (abort.signal.aborted) return;
				void emitItems(items);
				abort.abort();
				settle?.();
			};
		});
	return {
		manualTriggerFunction,
		closeFunction: async () => {
			abort.abort();
			settle?.(); // stopped by the user while waiting: nothing to report
		},
	};
}

/** Emits items into n8n; serialised, it returns a promise that holds the next change until the execution has finished. */
function emitter(this: ITriggerFunctions, serial: boolean, dedupe: boolean, versionStore: TriggerVersionStore): EmitItems {
	return (items) => {
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
		return serial ? settled : undefined;
	};
}

function subscriptionOptions(parameters: TriggerParameters, versionStore: TriggerVersionStore, deliver: EmitItems): ChangeSubscriptionOptions | NotificationSubscriptionOptions {
	if (parameters.event === 'notification') {
		return {
			event: 'notification',
			onNotification: (notification) => {
				const item: NotificationItem = { event: 'new-notification', notification, received_at: new Date().toISOString() };
				void deliver([item as IDataObject]);
			},
		};
	}
	return {
		event: 'baseChange',
		enrich: parameters.enrich,
		items: parameters.items,
		catchUp: parameters.catchUp,
		catchUpMaxOperations: parameters.catchUpMaxOperations,
		maxWaitingChanges: parameters.maxWaitingChanges,
		batchWindowMs: parameters.batchWindowMs,
		versionStore,
		deliver: (items) => deliver(items as IDataObject[]),
	};
}

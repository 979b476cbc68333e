// n8n's execution deduplication (n8n 2.41: `emit(data, responsePromise, donePromise, deduplicationKey)`):
// the key is stored with the execution, unique across the whole instance, so it names the
// workflow and trigger node as well as the change.
import { createHash } from 'crypto';
import type { IDataObject, ITriggerFunctions } from 'n8n-workflow';

export type EmitWithKey = (
	data: Parameters<ITriggerFunctions['emit']>[0],
	responsePromise: Parameters<ITriggerFunctions['emit']>[1],
	donePromise: Parameters<ITriggerFunctions['emit']>[2],
	deduplicationKey?: string,
) => void;

/** n8n's emit declares the key as its fourth parameter from 2.41 on. */
export function emitsWithDeduplicationKey(emit: ITriggerFunctions['emit']): boolean {
	return typeof emit === 'function' && emit.length >= 4;
}

/**
 * One key per emit: its first and last eventId (a batch window emits many changes at once), hashed
 * to stay within n8n's 255 characters. Undefined when the items carry no eventId (notifications).
 */
export function deduplicationKey(workflowId: string | undefined, nodeId: string, items: IDataObject[]): string | undefined {
	const first = items[0]?.eventId;
	const last = items[items.length - 1]?.eventId;
	if (typeof first !== 'string' || typeof last !== 'string') return undefined;
	const digest = createHash('sha256')
		.update(JSON.stringify([workflowId ?? '', nodeId, first, last, items.length]))
		.digest('hex');
	return `seatable-realtime:${digest}`;
}

/** The lowest base version among the items (the one a catch-up must start at to read them again). */
export function lowestVersion(items: IDataObject[]): number | undefined {
	let lowest: number | undefined;
	for (const item of items) {
		const version = item.version;
		if (typeof version === 'number' && Number.isSafeInteger(version) && (lowest === undefined || version < lowest)) lowest = version;
	}
	return lowest;
}

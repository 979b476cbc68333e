// The node's parameters and secret, read per request into the core's settings.
import type { IDataObject, IWebhookFunctions } from 'n8n-workflow';

import type { OperationCategory } from '../seatable-client/operations';
import type { ReceiveSettings, WebhookSource } from '../seatable-client/webhookReceive';
import { CREDENTIAL_TYPE } from '../shared/client';
import { readWebhookSecretCached } from '../shared/webhookSecret';

export interface WebhookTriggerSettings extends ReceiveSettings {
	/** Read the automation's row (a SeaTable Realtime API credential is selected). */
	readRow: boolean;
	table: string;
}

export async function readSettings(this: IWebhookFunctions): Promise<WebhookTriggerSettings> {
	const node = this.getNode();
	const source = this.getNodeParameter('source', 'baseWebhook') as WebhookSource;
	const options = this.getNodeParameter('options', {}) as IDataObject;
	const base = source === 'baseWebhook';
	const windowSeconds = Number(options.dedupeWindow ?? 60);
	return {
		source,
		secret: await readWebhookSecretCached(this),
		allowUnsigned: options.allowUnsigned === true,
		tables: base ? toList(this.getNodeParameter('tables', '')) : [],
		operations: (base ? toList(this.getNodeParameter('operations', [])) : []) as OperationCategory[],
		watchColumns: base ? toList(this.getNodeParameter('watchColumns', '')) : [],
		actions: base ? [] : toList(this.getNodeParameter('actions', '')),
		dedupe:
			Number.isFinite(windowSeconds) && windowSeconds > 0
				? { scope: `${this.getWorkflow().id ?? ''}:${node.id}:${this.getMode()}`, windowMs: windowSeconds * 1000 }
				: undefined,
		readRow: !base && node.credentials?.[CREDENTIAL_TYPE] !== undefined,
		table: base ? '' : String(this.getNodeParameter('table', '') ?? ''),
	};
}

/** A list or, from an expression or a text field, a comma-separated string. */
function toList(value: unknown): string[] {
	if (Array.isArray(value)) return value.map((entry) => String(entry).trim()).filter(Boolean);
	if (typeof value === 'string') return value.split(',').map((entry) => entry.trim()).filter(Boolean);
	return [];
}

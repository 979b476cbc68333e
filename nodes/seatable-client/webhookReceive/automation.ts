// The POST of an automation script: any JSON object, `{"action": …, "_id": …}` by SeaTable's example.
import { createHash } from 'node:crypto';

import { asString } from '../operations/fields';
import type { JsonObject } from '../operations/types';
import type { ReceiveSettings, WebhookItem } from './types';

export type AutomationResult = { item: WebhookItem; filtered?: undefined } | { filtered: true; item?: undefined };

export function automationItem(body: JsonObject, rawBody: Buffer, settings: ReceiveSettings, receivedAt: string): AutomationResult {
	const action = scalar(body.action);
	if (settings.actions.length > 0 && (action === undefined || !settings.actions.includes(action))) return { filtered: true };
	const rowId = scalar(body._id) ?? scalar(body.row_id) ?? null;
	const item = {
		event: 'automation',
		// An automation has no change id of its own: the same bytes posted again are the same event.
		eventId: createHash('sha256').update(rawBody).digest('hex').slice(0, 32),
	} as WebhookItem;
	if (action !== undefined) item.action = action;
	item.row_id = rowId;
	const tableName = asString(body.table_name);
	if (tableName !== undefined) item.table_name = tableName;
	item.body = body;
	item.received_at = receivedAt;
	item.source = 'automation';
	return { item };
}

function scalar(value: unknown): string | undefined {
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	return undefined;
}

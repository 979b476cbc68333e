// Shapes of the webhook receiver: what arrives, what the node asked for, and what it answers.
import type { OperationCategory } from '../operations';
import type { JsonObject } from '../operations/types';

export type WebhookSource = 'baseWebhook' | 'automation';

/** What the receiver needs from an HTTP request: the raw bytes, never a re-serialised body. */
export interface IncomingWebhook {
	/** Media type without parameters, e.g. `application/json`. */
	contentType: string | undefined;
	rawBody: Buffer | undefined;
	/** The `X-SeaTable-Signature` header. */
	signature: string | undefined;
}

export interface ReceiveSettings {
	source: WebhookSource;
	/** Empty or undefined: no signature is checked. */
	secret?: string;
	/** With a secret: accept requests without a signature header (a wrong signature is still refused). */
	allowUnsigned: boolean;
	/** Table ids or names; empty = all. */
	tables: readonly string[];
	operations: readonly OperationCategory[];
	/** Column names or keys; for row updates only. */
	watchColumns: readonly string[];
	/** Automation `action` values; empty = all. */
	actions: readonly string[];
	maxBodyBytes?: number;
	/** Redelivered identical events within the window are answered but start nothing. */
	dedupe?: { scope: string; windowMs: number };
}

/** A short JSON answer for SeaTable (or whoever posted). */
export type WebhookAnswer = { received: true; duplicate?: true; ignored?: string } | { error: string; hint?: string };

export type ReceiveResult =
	| { status: 400 | 401; answer: WebhookAnswer; items?: undefined }
	| { status: 200; answer: WebhookAnswer; items: WebhookItem[] };

export type WebhookLink = {
	/** Link column name, when the payload names it. */
	column?: string;
	row_name?: string;
	other_row_id?: string;
	other_row_name?: string;
	added?: string[];
	removed?: string[];
	/** Names of the linked rows, by row id, as SeaTable sends them in link cells. */
	row_names?: Record<string, string>;
};

// Field names as in the realtime trigger's items where they overlap.
export type WebhookItem = {
	event: string;
	eventId: string;
	op_type?: string;
	table_id?: string | null;
	table_name?: string;
	row_id: string | null;
	row_name?: string;
	row?: JsonObject;
	old_row?: JsonObject;
	changed_columns?: string[];
	link?: WebhookLink;
	modifier?: string;
	op_time?: number;
	action?: string;
	body?: unknown;
	/** Why the body could not be made readable (the item still starts the workflow). */
	enrich_error?: string;
	/** Why the row of an automation could not be read. */
	row_error?: string;
	received_at: string;
	source: WebhookSource;
};

// What is sent: the URL checked, the body serialised once, the headers, and the signature over
// exactly those bytes.
import { createHmac, randomUUID } from 'node:crypto';

import type { WebhookDelivery } from './deliver';
import { shorten, WebhookError } from './errors';

export const WEBHOOK_USER_AGENT =
	'n8n-nodes-seatable-realtime (+https://github.com/seatable-realtime/n8n-nodes-seatable-realtime)';
export const SIGNATURE_HEADER = 'X-SeaTable-Signature';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
// Set by this module; letting users override them would break signing or framing.
const RESERVED_HEADERS = new Set([
	'connection',
	'content-length',
	'content-type',
	'host',
	'transfer-encoding',
	SIGNATURE_HEADER.toLowerCase(),
]);

const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function parseWebhookUrl(value: unknown): URL {
	const text = typeof value === 'string' ? value.trim() : '';
	const hint = 'Enter the full address of the receiver, such as https://example.com/webhook';
	if (text === '') throw new WebhookError('invalidUrl', 'The URL is empty', { hint });
	const url = URL.canParse(text) ? new URL(text) : undefined;
	if (url === undefined) {
		throw new WebhookError('invalidUrl', `"${shorten(text, 200)}" is not a valid URL`, { hint });
	}
	if (url.protocol !== 'http:' && url.protocol !== 'https:') {
		throw new WebhookError(
			'invalidUrl',
			`The URL must start with http:// or https://, not ${url.protocol}//`,
			{ hint: `Webhooks are sent as HTTP POST requests. ${hint}` },
		);
	}
	return url;
}

/** Serialises once: these exact bytes are signed and sent on every attempt. */
export function encodeBody(value: unknown): Buffer {
	let text: string | undefined;
	let problem: string | undefined;
	try {
		text = JSON.stringify(value);
	} catch (error) {
		problem = error instanceof Error ? error.message : String(error);
	}
	if (problem !== undefined || text === undefined) {
		throw new WebhookError(
			'invalidBody',
			`The payload cannot be sent as JSON: ${problem ?? `a value of type ${typeof value} has no JSON form`}`,
			{ hint: 'Remove circular references, BigInt values and functions from the data you send' },
		);
	}
	return Buffer.from(text, 'utf8');
}

/** The header value SeaTable uses: sha256=<hex HMAC-SHA256 of the raw body>. */
export function signBody(body: Buffer, secret: string): string {
	return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function buildHeaders(delivery: WebhookDelivery, body: Buffer, secret: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const given = new Set<string>();
	for (const [name, value] of Object.entries(delivery.headers ?? {})) {
		const key = name.trim();
		if (key === '') continue;
		const lower = key.toLowerCase();
		const fix = { hint: 'Fix or remove this header.', setting: 'headers' } as const;
		if (!HEADER_NAME.test(key)) {
			throw new WebhookError('invalidHeader', `"${shorten(key, 100)}" is not a valid header name`, fix);
		}
		if (RESERVED_HEADERS.has(lower)) {
			throw new WebhookError('invalidHeader', `The header ${key} is set automatically and cannot be changed`, {
				hint: 'Remove this header.',
				setting: 'headers',
			});
		}
		const text = String(value ?? '');
		if (!HEADER_VALUE.test(text)) {
			throw new WebhookError(
				'invalidHeader',
				`The value of header ${key} contains characters a header cannot carry (such as line breaks)`,
				fix,
			);
		}
		headers[key] = text;
		given.add(lower);
	}
	headers['Content-Type'] = 'application/json';
	if (!given.has('user-agent')) headers['User-Agent'] = WEBHOOK_USER_AGENT;
	const key = delivery.idempotencyKey ?? true;
	if (key !== false && !given.has(IDEMPOTENCY_HEADER.toLowerCase())) {
		headers[IDEMPOTENCY_HEADER] = key === true ? randomUUID() : key;
	}
	if (secret) headers[SIGNATURE_HEADER] = signBody(body, secret);
	return headers;
}


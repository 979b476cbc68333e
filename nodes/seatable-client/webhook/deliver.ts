// Signed, retried webhook delivery: the webhook's rules over the one transport (transport/). No
// n8n imports, so it can be reused outside n8n.
import type { ClientSetting } from '../clientError';
import { secretsOf } from '../redact';
import { type Answer, type BackoffOptions, DEFAULT_BACKOFF, exchange, type RetryRule } from '../transport';
import { cancelled, httpError, networkError, tooLarge, WebhookError } from './errors';
import { buildHeaders, encodeBody, parseWebhookUrl } from './request';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 3;
export const MAX_RETRIES = 10;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Far above any answer worth putting into an item, below what a JavaScript string can hold. */
const MAX_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

export interface WebhookDelivery {
	url: string;
	/** Any JSON-serialisable value; serialised once and sent byte for byte on every attempt. */
	body: unknown;
	/** When set, the body is signed with HMAC-SHA256 as SeaTable's own webhooks are. */
	secret?: string;
	headers?: Record<string, string>;
	/** Per attempt, from connect to the last byte of the answer. */
	timeoutMs?: number;
	/** The most bytes of the answer read; a larger answer is an error (not retried). */
	maxResponseBytes?: number;
	/** Extra attempts after the first one, for network errors, timeouts, 429 and 5xx. */
	retries?: number;
	/** true: a fresh random key per delivery; a string: that key; false: no header. */
	idempotencyKey?: boolean | string;
	backoff?: BackoffOptions;
	/** Stops waiting between attempts and aborts the request in flight. */
	signal?: AbortSignal;
}

export interface WebhookResult {
	statusCode: number;
	/** Parsed JSON when the receiver answered JSON, else the text. */
	body: unknown;
	attempts: number;
	durationMs: number;
}

export async function deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
	const url = parseWebhookUrl(delivery.url);
	const timeoutMs = checkNumber('Timeout', 'timeout', delivery.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 2 ** 31 - 1);
	const retries = checkNumber('Retries', 'retries', delivery.retries ?? DEFAULT_RETRIES, 0, MAX_RETRIES);
	const maxBytes = checkNumber('Max Response Size', 'maxResponseSize', delivery.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 1, MAX_MAX_RESPONSE_BYTES);
	const backoff = delivery.backoff ?? DEFAULT_BACKOFF;
	// Coerced: an expression may yield a number, and createHmac's type error would quote it.
	const secret = delivery.secret === undefined || delivery.secret === null ? '' : String(delivery.secret);
	const body = encodeBody(delivery.body);
	const headers = buildHeaders(delivery, body, secret);
	// Nothing the receiver echoes of what it was sent reaches a message.
	const secrets = [...(secret ? [secret] : []), ...secretsOf(Object.values(delivery.headers ?? {}).map(String))];
	const { signal } = delivery;

	const rule: RetryRule = { retries, backoff, retryStatus: isRetryable, retryFailure: () => true };
	const started = performance.now();
	const request = { method: 'POST' as const, url: url.href, headers, data: body, responseType: 'arraybuffer' as const };
	const outcome = await exchange<Buffer>({ ...request, timeoutMs, maxBytes, signal }, rule);
	const { attempts } = outcome;
	if ('failure' in outcome) {
		const { failure } = outcome;
		if (failure.reason === 'cancelled') throw cancelled(url, attempts);
		// Sending again would deliver again, only to meet the same answer.
		if (failure.reason === 'tooLarge') throw tooLarge(url, maxBytes, attempts);
		throw networkError(url, failure, attempts, timeoutMs, secrets);
	}
	const { response } = outcome;
	if (response.status < 200 || response.status >= 300) throw httpError(url, response, attempts, secrets);
	return {
		statusCode: response.status,
		body: decodeBody(response),
		attempts,
		durationMs: Math.round(performance.now() - started),
	};
}

// The issue asks for every 5xx (SeaTable's list is narrower, tuned for its API).
function isRetryable(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599);
}

function decodeBody(response: Answer<Buffer>): unknown {
	const text = Buffer.isBuffer(response.data) ? response.data.toString('utf8') : String(response.data ?? '');
	const type = String(response.headers['content-type'] ?? '');
	if (text.trim() === '' || !/[/+]json\b/i.test(type)) return text;
	try {
		return JSON.parse(text) as unknown;
	} catch {
		// Says JSON but is not: hand over the text rather than failing a delivery that succeeded.
		return text;
	}
}

function checkNumber(name: string, setting: ClientSetting, value: number, min: number, max: number): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new WebhookError('invalidOption', `${name} must be a whole number from ${min} to ${max}`, {
			hint: `Change ${name}.`,
			setting,
		});
	}
	return value;
}


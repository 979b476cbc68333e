// Signed, retried webhook delivery. No n8n imports, so it can be reused outside n8n.
import { ExchangeLimitError } from '../exchangeLimits';
import { secretsOf } from '../redact';
import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, retryDelay, sleep } from '../retry';
import { cancelled, httpError, networkError, tooLarge, WebhookError } from './errors';
import { buildHeaders, encodeBody, parseWebhookUrl } from './request';
import { decodeBody, postOnce } from './transport';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 3;
export const MAX_RETRIES = 10;
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024;
/** Far above any answer worth putting into an item, below what a JavaScript string can hold. */
export const MAX_MAX_RESPONSE_BYTES = 256 * 1024 * 1024;

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
	const timeoutMs = checkNumber('Timeout', delivery.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 2 ** 31 - 1);
	const retries = checkNumber('Retries', delivery.retries ?? DEFAULT_RETRIES, 0, MAX_RETRIES);
	const maxBytes = checkNumber('Max Response Size', delivery.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES, 1, MAX_MAX_RESPONSE_BYTES);
	const backoff = delivery.backoff ?? DEFAULT_BACKOFF;
	// Coerced: an expression may yield a number, and createHmac's type error would quote it.
	const secret = delivery.secret === undefined || delivery.secret === null ? '' : String(delivery.secret);
	const body = encodeBody(delivery.body);
	const headers = buildHeaders(delivery, body, secret);
	// Nothing the receiver echoes of what it was sent reaches a message.
	const secrets = [...(secret ? [secret] : []), ...secretsOf(Object.values(delivery.headers ?? {}).map(String))];
	const { signal } = delivery;

	const started = performance.now();
	for (let attempt = 1; ; attempt++) {
		if (signal?.aborted) throw cancelled(url, attempt - 1);
		const outcome = await postOnce(url, body, headers, timeoutMs, maxBytes, signal);

		if ('response' in outcome) {
			const { response } = outcome;
			if (response.status >= 200 && response.status < 300) {
				return {
					statusCode: response.status,
					body: decodeBody(response),
					attempts: attempt,
					durationMs: Math.round(performance.now() - started),
				};
			}
			if (!isRetryable(response.status) || attempt > retries) {
				throw httpError(url, response, attempt, secrets);
			}
			await sleep(retryDelay(attempt - 1, response.headers['retry-after'], backoff), signal);
		} else {
			if (signal?.aborted) throw cancelled(url, attempt);
			const { failure } = outcome;
			// Sending again would deliver again, only to meet the same answer.
			if (failure instanceof ExchangeLimitError && failure.reason === 'tooLarge') throw tooLarge(url, maxBytes, attempt);
			if (attempt > retries) throw networkError(url, failure, attempt, timeoutMs, secrets);
			await sleep(backoffDelay(attempt - 1, backoff), signal);
		}
	}
}

// The issue asks for every 5xx (retry.ts's list is narrower, tuned for the SeaTable API).
function isRetryable(status: number): boolean {
	return status === 429 || (status >= 500 && status <= 599);
}

function checkNumber(name: string, value: number, min: number, max: number): number {
	if (!Number.isInteger(value) || value < min || value > max) {
		throw new WebhookError('invalidOption', `${name} must be a whole number from ${min} to ${max}`, {
			hint: `Change ${name} in the node options`,
		});
	}
	return value;
}


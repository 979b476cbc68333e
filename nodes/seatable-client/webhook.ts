// Signed, retried webhook delivery. No n8n imports, so it can be reused outside n8n.
import axios, { type AxiosResponse } from 'axios';
import { createHmac, randomUUID } from 'node:crypto';
import http from 'node:http';
import https from 'node:https';

import { type BackoffOptions, backoffDelay, DEFAULT_BACKOFF, retryDelay, sleep } from './retry';

export const WEBHOOK_USER_AGENT =
	'n8n-nodes-seatable-realtime (+https://github.com/seatable-realtime/n8n-nodes-seatable-realtime)';
export const SIGNATURE_HEADER = 'X-SeaTable-Signature';
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
export const DEFAULT_TIMEOUT_MS = 10_000;
export const DEFAULT_RETRIES = 3;
export const MAX_RETRIES = 10;

// Enough of the answer to recognise it, short enough for an error message.
const BODY_START_LENGTH = 300;

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

export interface WebhookDelivery {
	url: string;
	/** Any JSON-serialisable value; serialised once and sent byte for byte on every attempt. */
	body: unknown;
	/** When set, the body is signed with HMAC-SHA256 as SeaTable's own webhooks are. */
	secret?: string;
	headers?: Record<string, string>;
	/** Per attempt, until the answer's headers arrive (and as idle limit while reading the body). */
	timeoutMs?: number;
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

export type WebhookErrorKind =
	| 'invalidUrl'
	| 'invalidBody'
	| 'invalidHeader'
	| 'invalidOption'
	| 'http'
	| 'timeout'
	| 'network'
	| 'cancelled';

interface WebhookErrorDetails {
	hint: string;
	attempts?: number;
	host?: string;
	statusCode?: number;
	bodyStart?: string;
	code?: string;
}

/**
 * Every failure of a delivery. Carries only what the user needs (never the secret, the request
 * headers or the library error), so it can be logged or serialised safely.
 */
export class WebhookError extends Error {
	readonly kind: WebhookErrorKind;
	/** What the user can do about it. */
	readonly hint: string;
	readonly attempts: number;
	readonly host?: string;
	readonly statusCode?: number;
	readonly bodyStart?: string;
	readonly code?: string;

	constructor(kind: WebhookErrorKind, message: string, details: WebhookErrorDetails) {
		super(message);
		this.name = 'WebhookError';
		this.kind = kind;
		this.hint = details.hint;
		this.attempts = details.attempts ?? 0;
		this.host = details.host;
		this.statusCode = details.statusCode;
		this.bodyStart = details.bodyStart;
		this.code = details.code;
	}
}

// One keep-alive agent per protocol: Node pools sockets per host:port inside each agent, so a
// loop over many items reuses a few connections. Idle sockets are unref'd by Node and do not keep
// the process alive.
const agents: { http?: http.Agent; https?: https.Agent } = {};

function agentFor(protocol: string): { httpAgent?: http.Agent; httpsAgent?: https.Agent } {
	const options = { keepAlive: true, maxSockets: 32, maxFreeSockets: 8 };
	if (protocol === 'https:') {
		agents.https ??= new https.Agent(options);
		return { httpsAgent: agents.https };
	}
	agents.http ??= new http.Agent(options);
	return { httpAgent: agents.http };
}

/** Closes the pooled connections (for tests and shutdown); later deliveries make new agents. */
export function destroyWebhookAgents(): void {
	agents.http?.destroy();
	agents.https?.destroy();
	delete agents.http;
	delete agents.https;
}

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

export async function deliverWebhook(delivery: WebhookDelivery): Promise<WebhookResult> {
	const url = parseWebhookUrl(delivery.url);
	const timeoutMs = checkNumber('Timeout', delivery.timeoutMs ?? DEFAULT_TIMEOUT_MS, 1, 2 ** 31 - 1);
	const retries = checkNumber('Retries', delivery.retries ?? DEFAULT_RETRIES, 0, MAX_RETRIES);
	const backoff = delivery.backoff ?? DEFAULT_BACKOFF;
	// Coerced: an expression may yield a number, and createHmac's type error would quote it.
	const secret = delivery.secret === undefined || delivery.secret === null ? '' : String(delivery.secret);
	const body = encodeBody(delivery.body);
	const headers = buildHeaders(delivery, body, secret);
	const { signal } = delivery;

	const started = performance.now();
	for (let attempt = 1; ; attempt++) {
		if (signal?.aborted) throw cancelled(url, attempt - 1);
		const outcome = await postOnce(url, body, headers, timeoutMs, signal);

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
				throw httpError(url, response, attempt, secret);
			}
			await sleep(retryDelay(attempt - 1, response.headers['retry-after'], backoff), signal);
		} else {
			if (signal?.aborted) throw cancelled(url, attempt);
			if (attempt > retries) throw networkError(url, outcome.failure, attempt, timeoutMs, secret);
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

function buildHeaders(delivery: WebhookDelivery, body: Buffer, secret: string): Record<string, string> {
	const headers: Record<string, string> = {};
	const given = new Set<string>();
	for (const [name, value] of Object.entries(delivery.headers ?? {})) {
		const key = name.trim();
		if (key === '') continue;
		const lower = key.toLowerCase();
		const hint = 'Fix or remove this entry in the Headers option';
		if (!HEADER_NAME.test(key)) {
			throw new WebhookError('invalidHeader', `"${shorten(key, 100)}" is not a valid header name`, { hint });
		}
		if (RESERVED_HEADERS.has(lower)) {
			throw new WebhookError('invalidHeader', `The header ${key} is set by the node and cannot be changed`, {
				hint: 'Remove this entry from the Headers option',
			});
		}
		const text = String(value ?? '');
		if (!HEADER_VALUE.test(text)) {
			throw new WebhookError(
				'invalidHeader',
				`The value of header ${key} contains characters a header cannot carry (such as line breaks)`,
				{ hint },
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

type Outcome = { response: AxiosResponse<Buffer> } | { failure: unknown };

async function postOnce(
	url: URL,
	body: Buffer,
	headers: Record<string, string>,
	timeoutMs: number,
	signal: AbortSignal | undefined,
): Promise<Outcome> {
	try {
		const response = await axios.request<Buffer>({
			method: 'POST',
			url: url.href,
			data: body,
			headers,
			timeout: timeoutMs,
			signal,
			adapter: 'http',
			...agentFor(url.protocol),
			// A signed request goes only where it was meant to; 3xx is reported, not followed.
			maxRedirects: 0,
			responseType: 'arraybuffer',
			transformRequest: [(data: Buffer) => data],
			transformResponse: [(data: Buffer) => data],
			validateStatus: () => true,
			transitional: { clarifyTimeoutError: true },
		});
		return { response };
	} catch (failure) {
		return { failure };
	}
}

function decodeBody(response: AxiosResponse<Buffer>): unknown {
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

function httpError(url: URL, response: AxiosResponse<Buffer>, attempts: number, secret: string): WebhookError {
	const status = response.status;
	const raw = Buffer.isBuffer(response.data) ? response.data.toString('utf8') : '';
	// Redact before cutting, so a secret split by the cut cannot leak its first half.
	const bodyStart = shorten(redact(raw.trim(), secret), BODY_START_LENGTH);
	const statusText = response.statusText ? ` ${response.statusText}` : '';
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	const message =
		`The webhook receiver at ${url.host} answered ${status}${statusText}${tries}` +
		(bodyStart ? `: ${bodyStart}` : '');
	return new WebhookError('http', message, {
		hint: httpHint(status, attempts, redact(String(response.headers.location ?? ''), secret)),
		attempts,
		host: url.host,
		statusCode: status,
		bodyStart,
	});
}

function httpHint(status: number, attempts: number, location: string): string {
	if (status === 429) {
		return `The receiver is limiting the request rate and still refused after ${attempts} attempts. Send items more slowly (for example Loop Over Items with a Wait node) or raise Retries in the node options.`;
	}
	if (status >= 500) {
		return `The receiver failed ${attempts} time(s) in a row. Check that the service behind the URL is healthy, or raise Retries in the node options.`;
	}
	if (status >= 300 && status < 400) {
		return `The receiver redirects${location ? ` to ${location}` : ''}. Enter the final address as URL: redirects are not followed, so a signed request only goes where it was meant to.`;
	}
	if (status === 401 || status === 403) {
		return 'The receiver refused the request. If it checks the X-SeaTable-Signature header, make sure Secret matches the secret configured at the receiver. Client errors are not retried.';
	}
	if (status === 404) {
		return 'The receiver has nothing at this address. Check the URL. Client errors are not retried.';
	}
	if (status >= 400) {
		return 'The receiver rejected the request. Check the URL, the payload and any headers it expects. Client errors (4xx other than 429) are not retried.';
	}
	return 'Only 2xx answers count as delivered. Check what the receiver expects.';
}

interface FailureInfo {
	code: string;
	detail: string;
}

// Axios wraps Node errors; with dual-stack connects the real code may sit in an AggregateError.
function describeFailure(failure: unknown): FailureInfo {
	const error = failure as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
	const nested = [error?.cause, ...(Array.isArray(error?.errors) ? error.errors : [])] as Array<
		{ code?: unknown; message?: unknown } | undefined
	>;
	const candidates = [error, ...nested];
	const code = candidates.map((c) => c?.code).find((c): c is string => typeof c === 'string' && c !== '');
	const detail = candidates
		.map((c) => c?.message)
		.find((m): m is string => typeof m === 'string' && m.trim() !== '');
	return { code: code ?? 'UNKNOWN', detail: detail ?? 'unknown error' };
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|EPROTO$|HOSTNAME_MISMATCH)/;

function networkError(
	url: URL,
	failure: unknown,
	attempts: number,
	timeoutMs: number,
	secret: string,
): WebhookError {
	const { code, detail } = describeFailure(failure);
	const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
	const host = url.host;
	const base = { attempts, host, code };
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
		return new WebhookError(
			'timeout',
			`The webhook receiver at ${host} did not answer within ${timeoutMs} ms (${tries})`,
			{
				...base,
				hint: 'Check that the receiver answers at all, or raise Timeout in the node options if it is just slow.',
			},
		);
	}
	let message: string;
	let hint: string;
	if (code === 'ECONNREFUSED') {
		message = `Could not connect to ${host}: the connection was refused (${tries})`;
		hint = 'Check that the receiver is running and that the host and port in URL are right.';
	} else if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		message = `Could not find the host ${url.hostname}: the name does not resolve (${tries})`;
		hint = 'Check the spelling of the host in URL, and that n8n can resolve it (DNS).';
	} else if (TLS_CODE.test(code)) {
		message = `The secure (TLS) connection to ${host} failed: ${redact(detail, secret)} (${tries})`;
		hint = "Check the receiver's certificate (expired, self-signed or issued for another name), or use http:// if it has no TLS.";
	} else if (code === 'ECONNRESET' || code === 'EPIPE') {
		message = `The connection to ${host} was closed before the receiver answered (${tries})`;
		hint = 'The receiver or a proxy in between dropped the connection. Check the logs of the receiver.';
	} else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
		message = `The host ${host} cannot be reached from this n8n instance (${tries})`;
		hint = 'Check the network path (firewall, VPN, routing) between n8n and the receiver.';
	} else {
		message = `Could not deliver the webhook to ${host}: ${redact(detail, secret)} (${tries})`;
		hint = 'Check the URL and that the receiver is reachable from this n8n instance.';
	}
	return new WebhookError('network', message, { ...base, hint });
}

function cancelled(url: URL, attempts: number): WebhookError {
	return new WebhookError('cancelled', `The webhook delivery to ${url.host} was cancelled`, {
		hint: 'The execution was stopped.',
		attempts,
		host: url.host,
	});
}

function shorten(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

// A receiver knows the shared secret and might echo it; never pass it on.
function redact(text: string, secret: string): string {
	return secret ? text.split(secret).join('[secret]') : text;
}

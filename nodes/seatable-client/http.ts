// The HTTP transport to SeaTable: one axios instance per server with keep-alive connections, a
// deadline and a size limit per attempt, retries with backoff for rate limits and failures, and
// errors translated into SeaTableErrors that carry no secret.
import axios, { type AxiosInstance } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';

import { httpError, networkError, SeaTableError, tooLargeError } from './errors';
import { boundedExchange, ExchangeLimitError } from './exchangeLimits';
import { secretsOf } from './redact';
import { DEFAULT_BACKOFF, isRetryableStatus, retryDelay, sleep, type BackoffOptions } from './retry';

export interface HttpOptions {
	ignoreSslIssues?: boolean;
	/** Per attempt, from connect to the last byte, in ms. */
	timeoutMs?: number;
	/** How often a failed call is retried (429 always, 5xx and network errors only when idempotent). */
	retries?: number;
	backoff?: BackoffOptions;
}

export interface HttpRequest {
	method: 'GET' | 'POST' | 'PUT' | 'DELETE';
	url: string;
	headers?: Record<string, string>;
	body?: unknown;
	/** Safe to send twice. Defaults to true for GET only. */
	idempotent?: boolean;
	signal?: AbortSignal;
	/** Values the server must not echo into an error (the Authorization header's is always added). */
	secrets?: readonly string[];
}

export interface HttpResponse<T> {
	status: number;
	data: T;
}

const USER_AGENT = 'n8n-nodes-seatable-realtime';
/** No SeaTable answer we read (metadata, a page of the operation log) comes near this. */
export const MAX_SEATABLE_RESPONSE_BYTES = 64 * 1024 * 1024;
const DEFAULT_TIMEOUT_MS = 30_000;
// Failures where the request may not have reached the server: worth retrying if idempotent.
const RETRYABLE_NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

const agents = {
	http: new http.Agent({ keepAlive: true, maxSockets: 32 }),
	https: new https.Agent({ keepAlive: true, maxSockets: 32 }),
	httpsInsecure: new https.Agent({ keepAlive: true, maxSockets: 32, rejectUnauthorized: false }),
};

export class HttpTransport {
	private readonly axios: AxiosInstance;
	private readonly retries: number;
	private readonly backoff: BackoffOptions;
	private readonly timeoutMs: number;

	constructor(options: HttpOptions = {}) {
		this.retries = options.retries ?? 3;
		this.backoff = options.backoff ?? DEFAULT_BACKOFF;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.axios = axios.create({
			timeout: this.timeoutMs,
			httpAgent: agents.http,
			httpsAgent: options.ignoreSslIssues ? agents.httpsInsecure : agents.https,
			// Status handling, parsing and redirects are ours: an HTML login page must not pass as data.
			validateStatus: () => true,
			responseType: 'text',
			transformResponse: [(data: unknown) => data],
			maxRedirects: 0,
			proxy: false,
			headers: { 'User-Agent': USER_AGENT, Accept: 'application/json' },
		});
	}

	async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
		const idempotent = req.idempotent ?? req.method === 'GET';
		const secrets = secretsOf([req.headers?.Authorization, ...(req.secrets ?? [])]);
		for (let attempt = 0; ; attempt++) {
			let status: number;
			let text: string;
			let contentType: string;
			let retryAfter: unknown;
			try {
				const config = {
					method: req.method,
					url: req.url,
					headers: req.body === undefined ? req.headers : { 'Content-Type': 'application/json', ...req.headers },
					data: req.body === undefined ? undefined : JSON.stringify(req.body),
				};
				const limits = { deadlineMs: this.timeoutMs, maxBytes: MAX_SEATABLE_RESPONSE_BYTES, signal: req.signal };
				const response = await boundedExchange((c) => this.axios.request<string>(c), config, limits);
				status = response.status;
				text = typeof response.data === 'string' ? response.data : '';
				contentType = String(response.headers['content-type'] ?? '');
				retryAfter = response.headers['retry-after'];
			} catch (error) {
				// Never rethrow axios' error: its config holds the Authorization header.
				if (error instanceof ExchangeLimitError && error.reason === 'tooLarge') throw tooLargeError(error.limit, req.method, req.url);
				const code = error instanceof ExchangeLimitError ? 'ETIMEDOUT' : (error as { code?: string }).code;
				if (req.signal?.aborted) throw new SeaTableError('The request was cancelled', { kind: 'http', hint: 'The node was stopped while waiting for SeaTable.' });
				// A refused connection never reached the server, nor did a request on a kept-alive socket
				// the server had already closed: even a POST is safe to send again then.
				const reusedSocket = (error as { request?: { reusedSocket?: boolean } }).request?.reusedSocket === true;
				const neverArrived = code === 'ECONNREFUSED' || (code === 'ECONNRESET' && reusedSocket);
				const retryable = code !== undefined && (neverArrived || (idempotent && RETRYABLE_NETWORK_CODES.has(code)));
				if (attempt < this.retries && retryable) {
					await sleep(retryDelay(attempt, undefined, this.backoff), req.signal);
					continue;
				}
				throw networkError(code, req.method, req.url);
			}

			const data = parseBody(text, contentType);
			if (status >= 200 && status < 300) {
				if (contentType.includes('text/html') || (data === undefined && text.trim().startsWith('<'))) {
					throw httpError(status, undefined, 'text/html', req.method, req.url, secrets);
				}
				return { status, data: data as T };
			}
			const retryable = status === 429 || (idempotent && isRetryableStatus(status));
			if (retryable && attempt < this.retries) {
				await sleep(retryDelay(attempt, retryAfter, this.backoff), req.signal);
				continue;
			}
			if (status >= 300 && status < 400) {
				throw new SeaTableError(`The server redirected the request (${status}) instead of answering`, {
					kind: 'notSeaTable',
					hint: 'Check the Server URL in the credential: use the final address, usually with https:// and without a path.',
					status,
				});
			}
			throw httpError(status, data, contentType, req.method, req.url, secrets);
		}
	}
}

function parseBody(text: string, contentType: string): unknown {
	if (text === '') return undefined;
	if (contentType.includes('json') || /^\s*[[{"]/.test(text)) {
		try {
			return JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	return undefined;
}

/** Closes idle keep-alive connections (tests, and a process that wants to exit promptly). */
export function destroyIdleConnections(): void {
	agents.http.destroy();
	agents.https.destroy();
	agents.httpsInsecure.destroy();
}

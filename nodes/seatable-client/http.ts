// SeaTable's rules over the one transport (transport/): JSON answers or a clear "not SeaTable"
// error, retries for rate limits and failures (a POST only when it never arrived), and errors
// translated into SeaTableErrors that carry no secret.
import { httpError, networkError, SeaTableError, tooLargeError } from './errors';
import { secretsOf } from './redact';
import { DEFAULT_BACKOFF, exchange, type BackoffOptions, type Failure, isTransient, type RetryRule } from './transport';

export interface HttpOptions {
	ignoreSslIssues?: boolean;
	/** Per attempt, from connect to the last byte, in ms. */
	timeoutMs?: number;
	/** How often a failed call is retried (429 always, 5xx and network errors only when idempotent). */
	retries?: number;
	backoff?: BackoffOptions;
}

export interface HttpRequest {
	method: 'GET' | 'POST';
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
const DEFAULT_HEADERS = { 'User-Agent': USER_AGENT, Accept: 'application/json' };
const JSON_HEADERS = { ...DEFAULT_HEADERS, 'Content-Type': 'application/json' };

/** Rate limits and server-side failures. */
function isRetryableStatus(status: number): boolean {
	return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

export class HttpTransport {
	private readonly retries: number;
	private readonly backoff: BackoffOptions;
	private readonly timeoutMs: number;
	private readonly insecure: boolean;

	constructor(options: HttpOptions = {}) {
		this.retries = options.retries ?? 3;
		this.backoff = options.backoff ?? DEFAULT_BACKOFF;
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.insecure = options.ignoreSslIssues === true;
	}

	async request<T>(req: HttpRequest): Promise<HttpResponse<T>> {
		const idempotent = req.idempotent ?? req.method === 'GET';
		const rule: RetryRule = {
			retries: this.retries,
			backoff: this.backoff,
			// 429 means "not now": the call was not processed, so even a POST is sent again.
			retryStatus: (status) => status === 429 || (idempotent && isRetryableStatus(status)),
			retryFailure: (failure) => failure.neverArrived || (idempotent && isTransient(failure)),
		};
		const hasBody = req.body !== undefined;
		const outcome = await exchange<string>(
			{
				method: req.method,
				url: req.url,
				headers: { ...(hasBody ? JSON_HEADERS : DEFAULT_HEADERS), ...req.headers },
				data: hasBody ? JSON.stringify(req.body) : undefined,
				responseType: 'text',
				timeoutMs: this.timeoutMs,
				maxBytes: MAX_SEATABLE_RESPONSE_BYTES,
				insecure: this.insecure,
				signal: req.signal,
			},
			rule,
		);
		if ('failure' in outcome) throw failureError(outcome.failure, req);

		const { status, headers } = outcome.response;
		const text = typeof outcome.response.data === 'string' ? outcome.response.data : '';
		const contentType = String(headers['content-type'] ?? '');
		const secrets = secretsOf([req.headers?.Authorization, ...(req.secrets ?? [])]);
		const data = parseBody(text, contentType);
		if (status >= 200 && status < 300) {
			if (contentType.includes('text/html') || (data === undefined && text.trim().startsWith('<'))) {
				throw httpError(status, undefined, 'text/html', req.method, req.url, secrets);
			}
			return { status, data: data as T };
		}
		if (status >= 300 && status < 400) {
			throw new SeaTableError(`The server redirected the request (${status}) instead of answering`, {
				kind: 'notSeaTable',
				hint: 'Check the Server URL: use the final address, usually with https:// and without a path.',
				setting: 'serverUrl',
				status,
			});
		}
		throw httpError(status, data, contentType, req.method, req.url, secrets);
	}
}

function failureError(failure: Failure, req: HttpRequest): SeaTableError {
	if (failure.reason === 'tooLarge') return tooLargeError(failure.limit, req.method, req.url);
	if (failure.reason === 'cancelled') {
		return new SeaTableError('The request was cancelled', { kind: 'http', hint: 'It was stopped while waiting for SeaTable.' });
	}
	return networkError(failure.code, req.method, req.url);
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

// The one HTTP exchange for every call: one axios instance over the shared agent pool, each attempt
// bounded (deadline, size), failures classified, and retries as the caller's rule says.
import axios, { type AxiosResponse } from 'axios';

import { agentsFor } from './agents';
import { boundedExchange } from './exchange';
import { classifyFailure, type Failure } from './failure';
import { backoffDelay, retryDelay, sleep, type RetryRule } from './retry';

export interface ExchangeRequest {
	method: 'GET' | 'POST';
	url: string;
	headers?: Record<string, string>;
	/** Sent byte for byte on every attempt. */
	data?: string | Buffer;
	/** text: UTF-8 without BOM; buffer: the bytes as they came. */
	responseType: 'text' | 'arraybuffer';
	/** Per attempt, from connect to the last byte, in ms. */
	timeoutMs: number;
	/** The most response bytes read. */
	maxBytes: number;
	/** Accept any TLS certificate ("Ignore SSL Issues"). */
	insecure?: boolean;
	signal?: AbortSignal;
}

export type Answer<T> = AxiosResponse<T>;

/** The last answer (any status), or why there was none; `attempts` counts the requests made. */
export type Outcome<T> = { response: Answer<T>; attempts: number } | { failure: Failure; attempts: number };

// The proxy rule: `proxy` is left unset, so axios applies HTTP_PROXY / HTTPS_PROXY / NO_PROXY from
// the environment as n8n's own HTTP calls do (HTTPS through a CONNECT tunnel).
const client = axios.create({
	adapter: 'http',
	// Status handling, parsing and redirects are the caller's: a signed request or an API token
	// goes only where it was meant to, and an HTML login page must not pass as data.
	validateStatus: () => true,
	maxRedirects: 0,
	transformRequest: [(data: unknown) => data],
	transformResponse: [(data: unknown) => data],
	transitional: { clarifyTimeoutError: true },
});

async function attempt<T>(req: ExchangeRequest): Promise<Answer<T>> {
	const config = {
		method: req.method,
		url: req.url,
		headers: req.headers,
		data: req.data,
		timeout: req.timeoutMs,
		responseType: req.responseType,
		...agentsFor(req.insecure === true),
	};
	const limits = { deadlineMs: req.timeoutMs, maxBytes: req.maxBytes, signal: req.signal };
	return await boundedExchange((c) => client.request<T>(c), config, limits);
}

/** Sends the request until it gets an answer the rule does not retry, a failure it does not retry, or no retries are left. */
export async function exchange<T>(req: ExchangeRequest, rule: RetryRule): Promise<Outcome<T>> {
	const { signal } = req;
	for (let attempts = 0; ; ) {
		if (signal?.aborted) return { failure: { reason: 'cancelled' }, attempts };
		let response: Answer<T>;
		try {
			response = await attempt<T>(req);
			attempts++;
		} catch (error) {
			attempts++;
			const failure = classifyFailure(error, signal);
			if (failure.reason !== 'network' || attempts > rule.retries || !rule.retryFailure(failure)) {
				return { failure, attempts };
			}
			await sleep(backoffDelay(attempts - 1, rule.backoff), signal);
			continue;
		}
		const ok = response.status >= 200 && response.status < 300;
		if (ok || attempts > rule.retries || !rule.retryStatus(response.status)) return { response, attempts };
		await sleep(retryDelay(attempts - 1, response.headers['retry-after'], rule.backoff), signal);
	}
}

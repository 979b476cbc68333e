// The retry policy: backoff, Retry-After, and the per-request rule saying which answers and
// failures are sent again. The loop that applies it is exchange() in send.ts.
import type { NetworkFailure } from './failure';

export interface BackoffOptions {
	/** Delay before the first retry, in ms. */
	baseMs: number;
	/** Upper bound for any single delay, in ms. */
	maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 30_000 };

/**
 * "Full jitter" exponential backoff: a random delay in [base·2^attempt / 2, base·2^attempt], capped.
 * `attempt` counts retries already made (0 for the first retry).
 */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
	const ceiling = Math.min(options.maxMs, options.baseMs * 2 ** attempt);
	return Math.round(ceiling / 2 + Math.random() * (ceiling / 2));
}

/**
 * Parses a Retry-After header (seconds or an HTTP date) into milliseconds from `now`.
 * Returns undefined when the header is absent or unreadable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
	const header = Array.isArray(value) ? value[0] : value;
	if (header === undefined || header === null || header === '') return undefined;
	const text = String(header).trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	if (Number.isNaN(date)) return undefined;
	return Math.max(0, date - now);
}

/** The delay before the next retry: the server's Retry-After when given (capped), else backoff. */
export function retryDelay(
	attempt: number,
	retryAfterHeader: unknown,
	options: BackoffOptions = DEFAULT_BACKOFF,
): number {
	const fromServer = parseRetryAfter(retryAfterHeader);
	if (fromServer !== undefined) return Math.min(fromServer, options.maxMs);
	return backoffDelay(attempt, options);
}

/** What one kind of call retries: each caller (SeaTable, webhook) passes its own. */
export interface RetryRule {
	/** Extra attempts after the first one. */
	retries: number;
	backoff: BackoffOptions;
	/** Whether an answer with this (non-2xx) status is sent again. */
	retryStatus(status: number): boolean;
	/** Whether a request that got no answer is sent again. */
	retryFailure(failure: NetworkFailure): boolean;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal?.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		}
		signal?.addEventListener('abort', done, { once: true });
	});
}

// Backoff and Retry-After handling shared by every HTTP call that retries (SeaTable API and webhooks).

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

/** Status codes worth retrying: rate limits and server-side failures. */
export function isRetryableStatus(status: number): boolean {
	return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
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

// Bounds for one HTTP exchange, SeaTable call or webhook delivery: a deadline from connect to the last byte (axios' own timeout only covers the wait for headers and
// idle gaps, so a server trickling one byte at a time would hold the call forever) and a maximum
// response size (counted after decompression, so a small gzip bomb cannot fill the memory).
import type { AxiosRequestConfig, AxiosResponse } from 'axios';

interface ExchangeLimits {
	/** The whole attempt, from connect to the last byte, in ms. */
	deadlineMs: number;
	/** The most response body bytes read; more is an ExchangeLimitError('tooLarge'). */
	maxBytes: number;
	/** Aborts the exchange from outside (the node was stopped). */
	signal?: AbortSignal;
}

export class ExchangeLimitError extends Error {
	constructor(
		readonly reason: 'deadline' | 'tooLarge',
		/** The limit that was hit: ms or bytes. */
		readonly limit: number,
	) {
		super(reason === 'deadline' ? `The exchange took longer than ${limit} ms` : `The answer was larger than ${limit} bytes`);
		this.name = 'ExchangeLimitError';
	}
}

/**
 * Sends one request through `send` (an axios instance's request method) within the limits.
 * Throws ExchangeLimitError when a limit was hit, else whatever `send` throws.
 */
export async function boundedExchange<T>(
	send: (config: AxiosRequestConfig) => Promise<AxiosResponse<T>>,
	config: AxiosRequestConfig,
	limits: ExchangeLimits,
): Promise<AxiosResponse<T>> {
	const controller = new AbortController();
	let expired = false;
	const timer = setTimeout(() => {
		expired = true;
		controller.abort();
	}, limits.deadlineMs);
	const outer = limits.signal;
	const onAbort = () => controller.abort();
	if (outer?.aborted) controller.abort();
	else outer?.addEventListener('abort', onAbort, { once: true });
	try {
		return await send({ ...config, signal: controller.signal, maxContentLength: limits.maxBytes });
	} catch (error) {
		if (expired && !outer?.aborted) throw new ExchangeLimitError('deadline', limits.deadlineMs);
		if (isTooLarge(error)) throw new ExchangeLimitError('tooLarge', limits.maxBytes);
		throw error;
	} finally {
		clearTimeout(timer);
		outer?.removeEventListener('abort', onAbort);
	}
}

// Axios reports an exceeded maxContentLength only through its message.
function isTooLarge(error: unknown): boolean {
	const { code, message } = error as { code?: unknown; message?: unknown };
	return code === 'ERR_BAD_RESPONSE' && typeof message === 'string' && message.startsWith('maxContentLength size of');
}

/** "10 MB", "64 MB", "512 bytes": for messages. */
export function formatBytes(bytes: number): string {
	if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / (1024 * 1024)} MB`;
	if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
	if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
	return `${bytes} bytes`;
}

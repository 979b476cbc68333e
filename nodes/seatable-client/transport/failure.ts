// The one classifier of failed exchanges (no HTTP answer): what happened, in terms both callers
// can word their own messages from, and whether the request can have reached the server.
import { ExchangeLimitError } from './exchange';

export type Failure =
	| { reason: 'cancelled' }
	/** The answer was larger than the limit; the request itself did arrive. */
	| { reason: 'tooLarge'; limit: number }
	| NetworkFailure;

export interface NetworkFailure {
	reason: 'network';
	/** Node's or axios' error code (ETIMEDOUT for our own deadline), when there is one. */
	code?: string;
	/** The library's message: may echo server text, so callers redact it before showing it. */
	detail?: string;
	/** The request never reached the server, so even a POST is safe to send again. */
	neverArrived: boolean;
}

const TLS_CODE = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_|SELF_SIGNED_|UNABLE_TO_|EPROTO$|HOSTNAME_MISMATCH)/;

// Failures where the request may not have reached the server: worth retrying if idempotent.
const TRANSIENT_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'ESOCKETTIMEDOUT']);

export function isTlsCode(code: string): boolean {
	return TLS_CODE.test(code);
}

export function isTransient(failure: NetworkFailure): boolean {
	return failure.code !== undefined && TRANSIENT_CODES.has(failure.code);
}

/** Classifies what an exchange threw. Never keeps the error itself: axios' config holds the headers. */
export function classifyFailure(error: unknown, signal: AbortSignal | undefined): Failure {
	if (signal?.aborted) return { reason: 'cancelled' };
	if (error instanceof ExchangeLimitError) {
		if (error.reason === 'tooLarge') return { reason: 'tooLarge', limit: error.limit };
		// Our own deadline for the whole attempt reads like any other timeout.
		return { reason: 'network', code: 'ETIMEDOUT', detail: error.message, neverArrived: false };
	}
	// Axios wraps Node errors; with dual-stack connects the real code may sit in an AggregateError.
	const top = error as { code?: unknown; message?: unknown; cause?: unknown; errors?: unknown; request?: { reusedSocket?: boolean } };
	const nested = [top?.cause, ...(Array.isArray(top?.errors) ? top.errors : [])] as Array<{ code?: unknown; message?: unknown } | undefined>;
	const candidates = [top, ...nested];
	const code = candidates.map((c) => c?.code).find((c): c is string => typeof c === 'string' && c !== '');
	const detail = candidates.map((c) => c?.message).find((m): m is string => typeof m === 'string' && m.trim() !== '');
	// A refused connection never reached the server, nor did a request on a kept-alive socket
	// the server had already closed.
	const neverArrived = code === 'ECONNREFUSED' || (code === 'ECONNRESET' && top?.request?.reusedSocket === true);
	return { reason: 'network', code, detail, neverArrived };
}

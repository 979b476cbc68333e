// Shim: the retry policy moved to transport/retry.ts (realtime.ts and events/logReader.ts still import it here).
export { backoffDelay, DEFAULT_BACKOFF, parseRetryAfter, retryDelay, sleep, type BackoffOptions } from './transport/retry';

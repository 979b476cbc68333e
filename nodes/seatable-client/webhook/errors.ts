// Every failure of a webhook delivery, as a message a person can act on. Built only from what is
// safe to show: never the secret, the request headers or the library's error.
import { ClientError, type ClientSetting } from '../clientError';
import { redactSecrets, safeServerText } from '../redact';
import { type Answer, formatBytes, isTlsCode, type NetworkFailure } from '../transport';


// A receiver knows the shared secret and the header values and might echo them; never pass them on.
const SECRET_PLACEHOLDER = '[secret]';

export type WebhookErrorKind =
	| 'invalidUrl'
	| 'invalidBody'
	| 'invalidHeader'
	| 'invalidOption'
	| 'http'
	| 'timeout'
	| 'responseTooLarge'
	| 'network'
	| 'cancelled';

interface WebhookErrorDetails {
	hint: string;
	setting?: ClientSetting;
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
export class WebhookError extends ClientError<WebhookErrorKind> {
	readonly attempts: number;
	readonly host?: string;
	/** The receiver's status, as `status`. */
	readonly statusCode?: number;
	readonly bodyStart?: string;
	readonly code?: string;

	constructor(kind: WebhookErrorKind, message: string, details: WebhookErrorDetails) {
		super(message, { kind, hint: details.hint, status: details.statusCode, setting: details.setting });
		this.name = 'WebhookError';
		this.attempts = details.attempts ?? 0;
		this.host = details.host;
		this.statusCode = details.statusCode;
		this.bodyStart = details.bodyStart;
		this.code = details.code;
	}

	get exchangeFailed(): boolean {
		return this.kind === 'http' || this.kind === 'network' || this.kind === 'timeout';
	}

	facts(): Record<string, string | number> {
		const facts: Record<string, string | number> = { message: this.message, attempts: this.attempts };
		if (this.host) facts.host = this.host;
		if (this.statusCode !== undefined) facts.statusCode = this.statusCode;
		if (this.bodyStart) facts.body = this.bodyStart;
		return facts;
	}

	get details(): string | undefined {
		if (this.bodyStart) return `\n\nStart of the response body: ${this.bodyStart}`;
		return this.code ? ` (${this.code})` : undefined;
	}
}

export function httpError(
	url: URL,
	response: Answer<Buffer>,
	attempts: number,
	secrets: readonly string[],
): WebhookError {
	const status = response.status;
	const raw = Buffer.isBuffer(response.data) ? response.data.toString('utf8') : '';
	const bodyStart = safeServerText(raw.trim(), secrets, SECRET_PLACEHOLDER);
	// The status line is the receiver's text too.
	const reason = safeServerText(response.statusText ?? '', secrets, SECRET_PLACEHOLDER);
	const statusText = reason ? ` ${reason}` : '';
	const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
	const message =
		`The webhook receiver at ${url.host} answered ${status}${statusText}${tries}` +
		(bodyStart ? `: ${bodyStart}` : '');
	return new WebhookError('http', message, {
		...httpAdvice(status, attempts, safeServerText(String(response.headers.location ?? ''), secrets, SECRET_PLACEHOLDER)),
		attempts,
		host: url.host,
		statusCode: status,
		bodyStart,
	});
}

/** What to do about a status, and the setting that helps when there is one. */
function httpAdvice(status: number, attempts: number, location: string): { hint: string; setting?: ClientSetting } {
	if (status === 429) {
		return {
			hint: `The receiver is limiting the request rate and still refused after ${attempts} attempts. Send the requests more slowly, or raise Retries.`,
			setting: 'sendingRate',
		};
	}
	if (status >= 500) {
		return {
			hint: `The receiver failed ${attempts} time(s) in a row. Check that the service behind the URL is healthy, or raise Retries.`,
			setting: 'retries',
		};
	}
	if (status >= 300 && status < 400) {
		return {
			hint: `The receiver redirects${location ? ` to ${location}` : ''}. Enter the final address as URL: redirects are not followed, so a signed request only goes where it was meant to.`,
		};
	}
	if (status === 401 || status === 403) {
		return {
			hint: 'The receiver refused the request. If it checks the X-SeaTable-Signature header, make sure the secret matches the one configured at the receiver. Client errors are not retried.',
			setting: 'secret',
		};
	}
	if (status === 404) return { hint: 'The receiver has nothing at this address. Check the URL. Client errors are not retried.' };
	if (status >= 400) {
		return {
			hint: 'The receiver rejected the request. Check the URL, the payload and any headers it expects. Client errors (4xx other than 429) are not retried.',
		};
	}
	return { hint: 'Only 2xx answers count as delivered. Check what the receiver expects.' };
}

export function networkError(
	url: URL,
	failure: NetworkFailure,
	attempts: number,
	timeoutMs: number,
	secrets: readonly string[],
): WebhookError {
	const code = failure.code ?? 'UNKNOWN';
	const detail = failure.detail ?? 'unknown error';
	const tries = `after ${attempts} attempt${attempts === 1 ? '' : 's'}`;
	const host = url.host;
	const base = { attempts, host, code };
	if (code === 'ETIMEDOUT' || code === 'ECONNABORTED') {
		return new WebhookError(
			'timeout',
			`The webhook receiver at ${host} did not answer within ${timeoutMs} ms (${tries})`,
			{
				...base,
				hint: 'Check that the receiver answers at all, or raise Timeout if it is just slow.',
				setting: 'timeout',
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
		hint = 'Check the spelling of the host in URL, and that this machine can resolve it (DNS).';
	} else if (isTlsCode(code)) {
		message = `The secure (TLS) connection to ${host} failed: ${redact(detail, secrets)} (${tries})`;
		hint = "Check the receiver's certificate (expired, self-signed or issued for another name), or use http:// if it has no TLS.";
	} else if (code === 'ECONNRESET' || code === 'EPIPE') {
		message = `The connection to ${host} was closed before the receiver answered (${tries})`;
		hint = 'The receiver or a proxy in between dropped the connection. Check the logs of the receiver.';
	} else if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
		message = `The host ${host} cannot be reached from this machine (${tries})`;
		hint = 'Check the network path (firewall, VPN, routing) between this machine and the receiver.';
	} else {
		message = `Could not deliver the webhook to ${host}: ${redact(detail, secrets)} (${tries})`;
		hint = 'Check the URL and that the receiver is reachable from this machine.';
	}
	return new WebhookError('network', message, { ...base, hint });
}

/** The receiver answered more than the node reads; the request itself did arrive. */
export function tooLarge(url: URL, maxBytes: number, attempts: number): WebhookError {
	return new WebhookError(
		'responseTooLarge',
		`The webhook receiver at ${url.host} answered with more than ${formatBytes(maxBytes)}`,
		{
			hint: 'The request was delivered, but its answer was not read to the end, so it was not retried. Raise Max Response Size if the answer is needed, or make the receiver answer briefly.',
			setting: 'maxResponseSize',
			attempts,
			host: url.host,
		},
	);
}

export function cancelled(url: URL, attempts: number): WebhookError {
	return new WebhookError('cancelled', `The webhook delivery to ${url.host} was cancelled`, {
		hint: 'It was stopped before the receiver answered.',
		attempts,
		host: url.host,
	});
}

export function shorten(text: string, max: number): string {
	return text.length > max ? `${text.slice(0, max)}…` : text;
}

function redact(text: string, secrets: readonly string[]): string {
	return redactSecrets(text, secrets, SECRET_PLACEHOLDER);
}

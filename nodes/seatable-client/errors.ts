// Errors a person can act on. Every SeaTableError says what went wrong and what to do about it,
// and is built only from non-secret facts (host, path, status, SeaTable's own error text with the
// tokens redacted): never from request headers or config, so no API token or base token can end up
// in a message or log.
import { ClientError, type ClientSetting } from './clientError';
import { safeServerText } from './redact';
import { formatBytes, isTlsCode } from './transport';

export { ClientError, type ClientSetting } from './clientError';
export { safeServerText } from './redact';

export type SeaTableErrorKind =
	| 'invalidServerUrl'
	| 'invalidToken'
	| 'tokenExpired'
	| 'serverUnreachable'
	| 'notSeaTable'
	| 'tls'
	| 'timeout'
	| 'rateLimited'
	| 'notFound'
	| 'badRequest'
	| 'serverError'
	| 'responseTooLarge'
	| 'http';

export interface SeaTableErrorDetails {
	kind: SeaTableErrorKind;
	/** What to do about it, for a person. */
	hint: string;
	status?: number;
	setting?: ClientSetting;
	/** SeaTable's own `error_msg`, when it sent one. */
	serverMessage?: string;
	/** Method and URL (without query) of the failed call. */
	request?: string;
}

export class SeaTableError extends ClientError<SeaTableErrorKind> {
	readonly serverMessage?: string;
	readonly request?: string;

	constructor(message: string, details: SeaTableErrorDetails) {
		super(message, details);
		this.name = 'SeaTableError';
		this.serverMessage = details.serverMessage;
		this.request = details.request;
	}

	get exchangeFailed(): boolean {
		return this.status !== undefined;
	}

	facts(): Record<string, string | number> {
		const facts: Record<string, string | number> = { message: this.message, kind: this.kind };
		if (this.status !== undefined) facts.httpCode = String(this.status);
		if (this.serverMessage) facts.error_msg = this.serverMessage;
		return facts;
	}
}

const CONNECTION_FAILURES: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ECONNRESET: 'the connection was reset',
	EHOSTUNREACH: 'the host is unreachable',
	ENETUNREACH: 'the network is unreachable',
};

/** Describes a request for messages: method and URL without its query string. */
export function describeRequest(method: string, url: string): string {
	try {
		const parsed = new URL(url);
		return `${method.toUpperCase()} ${parsed.origin}${parsed.pathname}`;
	} catch {
		return method.toUpperCase();
	}
}

function hostOf(url: string): string {
	try {
		return new URL(url).host;
	} catch {
		return url;
	}
}

/** Translates a transport failure (no HTTP answer) into a SeaTableError. */
export function networkError(code: string | undefined, method: string, url: string): SeaTableError {
	const request = describeRequest(method, url);
	const host = hostOf(url);
	if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
		return new SeaTableError(`The SeaTable server "${host}" could not be found (DNS lookup failed)`, {
			kind: 'serverUnreachable',
			hint: 'Check the Server URL, for example https://cloud.seatable.io.',
			setting: 'serverUrl',
			request,
		});
	}
	if (code !== undefined && code in CONNECTION_FAILURES) {
		// Words, not the error code: n8n replaces messages that contain codes like ECONNREFUSED.
		return new SeaTableError(`Could not connect to the SeaTable server at ${host}: ${CONNECTION_FAILURES[code]}`, {
			kind: 'serverUnreachable',
			hint: 'Check the Server URL, and that the SeaTable server is running and reachable from this machine.',
			setting: 'serverUrl',
			request,
		});
	}
	if (code === 'ECONNABORTED' || code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT') {
		return new SeaTableError(`The SeaTable server at ${host} did not answer in time`, {
			kind: 'timeout',
			hint: 'The server may be overloaded or unreachable; try again later and check the Server URL.',
			setting: 'serverUrl',
			request,
		});
	}
	if (code !== undefined && isTlsCode(code)) {
		return new SeaTableError(`The TLS certificate of ${host} could not be verified (${code.toLowerCase().replace(/_/g, ' ')})`, {
			kind: 'tls',
			hint: 'If this is a self-hosted server with its own certificate authority, enable "Ignore SSL Issues" or make the CA known to Node.js (NODE_EXTRA_CA_CERTS).',
			setting: 'ignoreSslIssues',
			request,
		});
	}
	return new SeaTableError(`The request to the SeaTable server at ${host} failed (${(code ?? 'network error').toLowerCase()})`, {
		kind: 'serverUnreachable',
		hint: 'Check the Server URL and the network between this machine and SeaTable.',
		setting: 'serverUrl',
		request,
	});
}

/** Reads SeaTable's `error_msg` (or `detail`) from an error body, if it has one. */
function seaTableErrorMessage(body: unknown): string | undefined {
	if (body && typeof body === 'object') {
		const record = body as Record<string, unknown>;
		for (const key of ['error_msg', 'detail', 'error_message', 'message']) {
			if (typeof record[key] === 'string') return record[key] as string;
		}
	}
	return undefined;
}

function isTokenExpiredAnswer(status: number, body: unknown): boolean {
	return status === 403 && seaTableErrorMessage(body) === 'Token expired.';
}


/** An answer larger than the transport reads. */
export function tooLargeError(limit: number, method: string, url: string): SeaTableError {
	return new SeaTableError(`The answer of the server at ${hostOf(url)} was larger than ${formatBytes(limit)}, more than SeaTable ever sends`, {
		kind: 'responseTooLarge',
		hint: 'Check the Server URL: it must be the address of your SeaTable server. A proxy in between may also be answering instead of SeaTable.',
		setting: 'serverUrl',
		request: describeRequest(method, url),
	});
}

/** Translates an HTTP answer that is not a success into a SeaTableError. */
export function httpError(
	status: number,
	body: unknown,
	contentType: string,
	method: string,
	url: string,
	secrets: readonly string[] = [],
): SeaTableError {
	const request = describeRequest(method, url);
	const rawMessage = seaTableErrorMessage(body);
	const serverMessage = rawMessage === undefined ? undefined : safeServerText(rawMessage, secrets);
	const said = serverMessage ? `: ${serverMessage}` : '';
	if (isTokenExpiredAnswer(status, body)) {
		return new SeaTableError('The SeaTable base token has expired', {
			kind: 'tokenExpired',
			hint: 'A new base token is requested automatically; if this persists, check the server clock and the API token.',
			setting: 'apiToken',
			status,
			serverMessage,
			request,
		});
	}
	if (status === 429) {
		return new SeaTableError(`SeaTable's rate limit was reached (429)${said}`, {
			kind: 'rateLimited',
			hint: 'Too many calls in a short time; wait a minute and try again, or spread the calls out.',
			status,
			serverMessage,
			request,
		});
	}
	if (contentType.includes('text/html')) {
		return new SeaTableError(`The server at ${hostOf(url)} answered ${status} with a web page, not SeaTable's API`, {
			kind: 'notSeaTable',
			hint: 'Check the Server URL: it must be the address you open SeaTable at, for example https://cloud.seatable.io, without a path.',
			setting: 'serverUrl',
			status,
			request,
		});
	}
	if (status === 404) {
		return new SeaTableError(`Not found (404) at ${request}${said}`, {
			kind: 'notFound',
			// With SeaTable's own error text the route exists and a value was not found (e.g. a user).
			hint: serverMessage
				? 'Check the values sent in the request.'
				: 'Check the Server URL; if it is right, the base may have been deleted or the server may be too old for this call.',
			setting: serverMessage ? undefined : 'serverUrl',
			status,
			serverMessage,
			request,
		});
	}
	if (status >= 500) {
		return new SeaTableError(`The SeaTable server had an internal error (${status})${said}`, {
			kind: 'serverError',
			hint: 'This is a problem on the SeaTable server; try again later.',
			status,
			serverMessage,
			request,
		});
	}
	if (status === 400) {
		return new SeaTableError(`SeaTable rejected the request (400)${said}`, {
			kind: 'badRequest',
			hint: 'Check the values sent in the request.',
			status,
			serverMessage,
			request,
		});
	}
	if (status === 401 || status === 403) {
		return new SeaTableError(`SeaTable refused access (${status})${said}`, {
			kind: 'invalidToken',
			hint: 'Check that the API token belongs to this base, has not been deleted and has the needed permission.',
			setting: 'apiToken',
			status,
			serverMessage,
			request,
		});
	}
	return new SeaTableError(`SeaTable answered ${status}${said}`, {
		kind: 'http',
		hint: 'Check the values sent in the request and the SeaTable server.',
		status,
		serverMessage,
		request,
	});
}

// The base of every error the core throws: a message a person can act on, what kind of failure it
// is, what to do about it, and the HTTP status when there was an answer. Built only from safe
// facts, never from request headers or a library error, so it can be logged and serialised.

/**
 * A setting of the client or of the request that the hint asks to check or change. The core names
 * it; where it is set (a credential, a node option) is for the caller to say.
 */
export type ClientSetting =
	| 'serverUrl'
	| 'apiToken'
	| 'ignoreSslIssues'
	| 'secret'
	| 'headers'
	| 'retries'
	| 'sendingRate'
	| 'timeout'
	| 'maxResponseSize';

export interface ClientErrorDetails<Kind extends string> {
	kind: Kind;
	/** What to do about it, for a person, in SeaTable's and the request's terms. */
	hint: string;
	status?: number;
	setting?: ClientSetting;
}

export abstract class ClientError<Kind extends string = string> extends Error {
	readonly kind: Kind;
	readonly hint: string;
	readonly status?: number;
	readonly setting?: ClientSetting;

	constructor(message: string, details: ClientErrorDetails<Kind>) {
		super(message);
		this.kind = details.kind;
		this.hint = details.hint;
		this.status = details.status;
		this.setting = details.setting;
	}

	/** A failed HTTP exchange (an answer that is no success, or none): shown as an API error. */
	abstract get exchangeFailed(): boolean;

	/** The safe facts to keep with the error, as a plain object. */
	abstract facts(): Record<string, string | number>;

	/** What else helps to understand the failure (e.g. the start of the answer), appended to the hint as is. */
	get details(): string | undefined {
		return undefined;
	}

	/** The hint, with the details. */
	get description(): string {
		return this.hint + (this.details ?? '');
	}
}

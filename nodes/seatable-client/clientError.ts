// The base of every error the core throws: a message a person can act on, what kind of failure it
// is, what to do about it, and the HTTP status when there was an answer. Built only from safe
// facts, never from request headers or a library error, so it can be logged and serialised.

export interface ClientErrorDetails<Kind extends string> {
	kind: Kind;
	/** What to do about it, for a person. */
	hint: string;
	status?: number;
}

export abstract class ClientError<Kind extends string = string> extends Error {
	readonly kind: Kind;
	readonly hint: string;
	readonly status?: number;

	constructor(message: string, details: ClientErrorDetails<Kind>) {
		super(message);
		this.kind = details.kind;
		this.hint = details.hint;
		this.status = details.status;
	}

	/** A failed HTTP exchange (an answer that is no success, or none): shown as an API error. */
	abstract get exchangeFailed(): boolean;

	/** The safe facts to keep with the error, as a plain object. */
	abstract facts(): Record<string, string | number>;

	/** The hint, with what else helps to understand the failure. */
	get description(): string {
		return this.hint;
	}
}

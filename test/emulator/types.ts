// Public seed and option types of the SeaTable emulator.

export interface Collaborator {
	/** Internal SeaTable username, `…@auth.local`. */
	email: string;
	name: string;
	contact_email: string;
	avatar_url?: string;
}

export interface ColumnSeed {
	key: string;
	name: string;
	type: string;
	/** single/multiple-select: `{options:[{id,name,color,textColor}]}`; link: `{link_id, table_id, other_table_id}`. */
	data?: Record<string, unknown> | null;
}

export interface TableSeed {
	_id: string;
	name: string;
	columns: ColumnSeed[];
	views?: { _id: string; name: string }[];
	/** Keyed by column key, with `_id`. A link column's value is the list of linked row ids. */
	rows?: Record<string, unknown>[];
}

export interface BaseSeed {
	uuid?: string;
	name?: string;
	apiToken?: string;
	appName?: string;
	workspaceId?: number;
	/** Starting base version (default 0); the first change gets version + 1. */
	version?: number;
	tables: TableSeed[];
	collaborators: Collaborator[];
}

export interface EmulatorOptions {
	/** Default 0 = a random free port. The host is always 127.0.0.1. */
	port?: number;
	/** Default true (SeaTable >= 5.3). false = legacy server (< 5.3). */
	useApiGateway?: boolean;
	/** Base token (JWT) lifetime, default 3 days. */
	baseTokenTtlSeconds?: number;
	/** Default true: answer the join-room ack; false: never call it. */
	joinAck?: boolean;
	/** Default false: new-notification has 1 argument; true: add a second numeric one. */
	notificationSecondArg?: boolean;
	/** Default 25. */
	operationLogPageSize?: number;
	/** Default true; false plays a server that ignores the log's `count`/`per_page` (answers its default page). */
	operationLogHonoursPageSize?: boolean;
	/** Default `[sampleBase()]`. */
	bases?: BaseSeed[];
}

/** Options every data-change method accepts. */
export interface ChangeOptions {
	/** Collaborator email recorded as author (default: the first collaborator). */
	author?: string;
	/** `app` of the operation-log entry (default null = a web-UI user). */
	app?: string | null;
	/** Base to change (default: the first base). */
	uuid?: string;
}

export interface ToastRecord {
	to_user: unknown;
	toast_type: unknown;
	detail: unknown;
	/** The Authorization header exactly as sent. */
	authorization: string;
	path: string;
	rawBody: string;
}

export interface RequestRecord {
	method: string;
	/** Path without the query string. */
	path: string;
	/** Query string without `?` ('' when none). */
	query: string;
	/** 0 while the request is still in flight. */
	status: number;
}

export interface FailRule {
	/** A string matches any path containing it; a RegExp is tested against the path. */
	path: string | RegExp;
	status: number;
	count?: number;
	retryAfter?: number | string;
	/** A string is sent as is, anything else as JSON. */
	body?: unknown;
}

export interface DelayRule {
	path: string | RegExp;
	ms: number;
	count?: number;
}

// Shapes shared by the operation library: raw inputs, base metadata, options and the emitted item.
import type { OperationCategory } from './classify';

/** A parsed JSON object. Operations are untrusted input, so every field is `unknown`. */
export type JsonObject = Record<string, unknown>;

/** The parsed first argument of `update-dtable` (`{ op_type, table_id, … }`). */
export type RawOperation = JsonObject;

/** A change as it reaches the mapper: live from the socket or replayed from the operation log. */
export type ChangeEvent = {
	operation: RawOperation;
	/** Base version after the operation (second `update-dtable` argument, `op_id` in the log); undefined when the server gave no usable one. */
	version?: number;
	/** ISO timestamp of when the event reached us. */
	receivedAt: string;
	/** True when the operation comes from the operation log instead of the socket. */
	replayed?: boolean;
	/** `author` of the operation-log entry (only known on replay). */
	author?: string;
	/** Replaces `<version>` in the eventId when the version alone does not name this change. */
	eventKey?: string;
};

/** A change with its base, as the operation library maps it. */
export type OperationInput = ChangeEvent & { version: number; dtable_uuid: string };

/** The one metadata model (`GET …/metadata/`), shared with the client. */
export type { BaseMetadata } from '../types';

export type EnrichOptions = {
	/** Key rows by column name, options by option name, add table names. */
	resolveNames: boolean;
	/** One item per row for batch operations (otherwise one item per operation). */
	splitRows: boolean;
	/** Add the raw operation as `operation` to every item. */
	includeRaw: boolean;
	/** Column names or keys; updates touching none of them are dropped. Empty = no filter. */
	watchColumns: readonly string[];
	/** Categories to keep. Empty = all, including op_types without a category. */
	operations: readonly OperationCategory[];
	/** Table ids to keep. Empty = all. */
	tables: readonly string[];
};

/** Per-row link difference (used for `update_rows_links`). */
export type LinkRowChange = { row_id: string; added?: string[]; removed?: string[] };

export type LinkDetails = {
	/** Link column name on the `table_id` side (needs resolved names). */
	column?: string;
	link_id: string | null;
	other_table_id: string | null;
	other_table_name?: string;
	added?: string[];
	removed?: string[];
	/** Only on an unsplit batch item: the difference per row. */
	rows?: LinkRowChange[];
};

/** Readable description of a schema operation, e.g. `{ change: 'column_renamed', column_key, old_name, new_name }`. */
export type SchemaChange = { change: string; [detail: string]: unknown };

// A type alias (not an interface) so items are assignable to index-signature types such as IDataObject.
export type EventItem = {
	event: 'update-dtable';
	/** `<dtable_uuid>:<version>`, or `<dtable_uuid>:<version>:<row_id>` for a split batch item. */
	eventId: string;
	version: number;
	op_type: string;
	table_id: string | null;
	table_name?: string;
	/** The affected row; null for schema, unknown and unsplit batch operations. */
	row_id: string | null;
	row_ids?: string[];
	row?: JsonObject;
	rows?: JsonObject[];
	old_row?: JsonObject;
	old_rows?: JsonObject[];
	changed_columns?: string[];
	modifier?: string;
	/** On a deleted row: SeaTable left the row's content out (deletes of more than 2,000 rows); `row` is only `{_id}`. */
	content_omitted?: true;
	link?: LinkDetails;
	schema?: SchemaChange;
	operation?: RawOperation;
	received_at: string;
	replayed?: true;
};

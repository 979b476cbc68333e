// Shapes of SeaTable's answers that the nodes rely on.

export interface ColumnMetadata {
	key: string;
	name: string;
	type: string;
	data?: Record<string, unknown> | null;
}

export interface TableMetadata {
	_id: string;
	name: string;
	columns: ColumnMetadata[];
	views?: Array<{ _id: string; name: string }>;
}

export interface BaseMetadata {
	tables: TableMetadata[];
}

/** A person with access to the base. `email` is the internal `…@auth.local` username. */
export interface Collaborator {
	email: string;
	name: string;
	contact_email?: string;
	avatar_url?: string;
}

/** One entry of the base's operation log; `op_id` equals the `update-dtable` version. */
export interface OperationLogEntry {
	op_id: number;
	op_time: number;
	author?: string | null;
	app?: string | null;
	/** The operation as a JSON string, exactly like the first `update-dtable` argument. */
	operation: string;
}

export type ToastType = 'success' | 'warning' | 'danger';

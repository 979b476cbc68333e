// The parts of dtable-store 7.0.4 (SeaTable's own web-editor store, JavaScript only) the tests use.
declare module 'dtable-store' {
	export type DTableValue = Record<string, unknown> & { tables: Record<string, unknown>[]; links: Record<string, unknown>[]; version: number };

	export interface DTableSettings {
		server?: string;
		dtableUuid?: string;
		accessToken?: string;
		lang?: string;
		username?: string;
		[key: string]: unknown;
	}

	/** An operation as the editor sends it: `op_type` plus the fields of OPERATION_ATTRIBUTES[op_type]. */
	export class Operation {
		constructor(op: Record<string, unknown>);
		op_type: string;
		apply(value: DTableValue): DTableValue;
	}

	export class DTableStore {
		constructor(settings?: DTableSettings);
		value: DTableValue;
		dtableSettings: DTableSettings;
		view_id: string;
		pendingOperations: Operation[];
		operations: Operation[];
		undos: Operation[];
		redos: Operation[];
		socketClient?: { socket: { connected: boolean; disconnect(): void; close(): void } };
		eventBus: { subscribe(event: string, handler: (...args: unknown[]) => void): () => void };
		deserializeDTable(value: DTableValue): DTableValue;
		syncWithServer(): void;
		executeRemoteOperation(op: Record<string, unknown>, version: number): void;
		// Editor actions (table arguments are table indexes unless named *Id).
		[method: string]: unknown;
	}

	export const OPERATION_TYPE: Record<string, string>;
	export const OPERATION_ATTRIBUTES: Record<string, string[]>;
	export const RECORD_DELETED_ROWS_LIMIT: number;
	export const LinksUtils: {
		transLinkOptions(options: { table_id: string; other_table_id: string; is_linked_back?: boolean; row_id?: string; other_row_id?: string }): {
			table1_id: string;
			table2_id: string;
			table1_row_id: string;
			table2_row_id: string;
		};
		addLinkBetween2Tables(links: unknown[], linkId: string, table1Id: string, table2Id: string, row1Id: string, row2Id: string): void;
		getLinkedRowIDs(options: {
			links: unknown[];
			link_id: string;
			table_id: string;
			other_table_id: string;
			is_linked_back?: boolean;
			row_id: string;
		}): string[];
	};
}

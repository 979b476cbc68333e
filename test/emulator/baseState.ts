// In-memory state of one base: tables (columns, views, rows), links, version and operation log.
import { newApiToken, newUuid, seaTableTime } from './ids';
import type { BaseSeed, Collaborator, ColumnSeed } from './types';

export interface ColumnState {
	key: string;
	type: string;
	name: string;
	editable: boolean;
	width: number;
	resizable: boolean;
	draggable: boolean;
	data: Record<string, unknown> | null;
	permission_type: string;
	permitted_users: string[];
	edit_metadata_permission_type: string;
	edit_metadata_permitted_users: string[];
	description: string | null;
}

export interface ViewState {
	_id: string;
	name: string;
	type: string;
	private_for: string | null;
	is_locked: boolean;
	row_height: string;
	filter_conjunction: string;
	filters: unknown[];
	sorts: unknown[];
	groupbys: unknown[];
	colorbys: Record<string, unknown>;
	hidden_columns: string[];
	rows: unknown[];
	formula_rows: Record<string, unknown>;
	link_rows: Record<string, unknown>;
	summaries: Record<string, unknown>;
	colors: Record<string, unknown>;
	column_colors: Record<string, unknown>;
	groups: unknown[];
}

export type RowState = Record<string, unknown> & { _id: string };

export interface TableState {
	_id: string;
	name: string;
	is_header_locked: boolean;
	header_settings: Record<string, unknown>;
	summary_configs: Record<string, unknown>;
	columns: ColumnState[];
	views: ViewState[];
	rows: RowState[];
}

/** One link between two rows; table1 is the side the link was made from. */
export interface LinkState {
	link_id: string;
	table1_id: string;
	table2_id: string;
	table1_row_id: string;
	table2_row_id: string;
}

export interface OperationLogEntry {
	author: string;
	app: string | null;
	/** Milliseconds. */
	op_time: number;
	/** The op as a JSON string, identical to the first argument of update-dtable. */
	operation: string;
	/** The base version after this op (= second argument of update-dtable). */
	op_id: number;
}

/** A full column object, with the defaults SeaTable puts into insert_column / insert_table. */
export function makeColumn(seed: { key: string; name: string; type: string; data?: Record<string, unknown> | null }): ColumnState {
	return {
		key: seed.key,
		type: seed.type,
		name: seed.name,
		editable: true,
		width: 200,
		resizable: true,
		draggable: true,
		data: seed.data ? structuredClone(seed.data) : null,
		permission_type: '',
		permitted_users: [],
		edit_metadata_permission_type: '',
		edit_metadata_permitted_users: [],
		description: null,
	};
}

export function makeView(id: string, name: string): ViewState {
	return {
		_id: id,
		name,
		type: 'table',
		private_for: null,
		is_locked: false,
		row_height: 'default',
		filter_conjunction: 'And',
		filters: [],
		sorts: [],
		groupbys: [],
		colorbys: {},
		hidden_columns: [],
		rows: [],
		formula_rows: {},
		link_rows: {},
		summaries: {},
		colors: {},
		column_colors: {},
		groups: [],
	};
}

export function makeTable(id: string, name: string, columns: ColumnSeed[]): TableState {
	return {
		_id: id,
		name,
		is_header_locked: false,
		header_settings: {},
		summary_configs: {},
		columns: columns.map(makeColumn),
		views: [makeView('0000', 'Default View')],
		rows: [],
	};
}

/** System fields of a new row, in the order SeaTable sends them. */
export function systemFields(id: string, author: string, time = seaTableTime()): RowState {
	return { _id: id, _participants: [], _creator: author, _ctime: time, _last_modifier: author, _mtime: time };
}

export class BaseState {
	readonly uuid: string;

	name: string;

	apiToken: string;

	appName: string;

	workspaceId: number;

	version: number;

	readonly tables: TableState[] = [];

	readonly links: LinkState[] = [];

	/** Ascending op_id. */
	readonly operationLog: OperationLogEntry[] = [];

	readonly collaborators: Collaborator[];

	constructor(seed: BaseSeed) {
		this.uuid = seed.uuid ?? newUuid();
		this.name = seed.name ?? 'Test base';
		this.apiToken = seed.apiToken ?? newApiToken();
		this.appName = seed.appName ?? 'n8n';
		this.workspaceId = seed.workspaceId ?? 1;
		this.version = seed.version ?? 0;
		this.collaborators = structuredClone(seed.collaborators);
		const author = this.collaborators[0]?.email ?? '';
		for (const tableSeed of seed.tables) {
			const table = makeTable(tableSeed._id, tableSeed.name, tableSeed.columns);
			if (tableSeed.views?.length) table.views = tableSeed.views.map((v) => makeView(v._id, v.name));
			this.tables.push(table);
		}
		// Rows after all tables exist, so link values can name rows of any table.
		for (const tableSeed of seed.tables) {
			const table = this.table(tableSeed._id);
			for (const rowSeed of tableSeed.rows ?? []) this.seedRow(table, structuredClone(rowSeed), author);
		}
	}

	private seedRow(table: TableState, seed: Record<string, unknown>, author: string): void {
		const id = typeof seed._id === 'string' ? seed._id : undefined;
		if (!id) throw new Error(`Seed row in table "${table.name}" has no _id`);
		const row: RowState = { ...systemFields(id, author), ...seed, _id: id };
		for (const column of table.columns) {
			if (column.type !== 'link' || !(column.key in row)) continue;
			const others = row[column.key];
			delete row[column.key];
			const info = linkInfo(column);
			for (const otherId of Array.isArray(others) ? others : []) {
				if (!this.hasLink(info.link_id, table._id, id, String(otherId))) {
					this.links.push({
						link_id: info.link_id,
						table1_id: table._id,
						table2_id: info.other_table_id,
						table1_row_id: id,
						table2_row_id: String(otherId),
					});
				}
			}
		}
		table.rows.push(row);
	}

	/** By table id first, then by name. */
	findTable(idOrName: string): TableState | undefined {
		return this.tables.find((t) => t._id === idOrName) ?? this.tables.find((t) => t.name === idOrName);
	}

	table(idOrName: string): TableState {
		const table = this.findTable(idOrName);
		if (!table) throw new Error(`Unknown table "${idOrName}" in base ${this.uuid}`);
		return table;
	}

	/** By column name first, then by key (the same order as values passed to the change methods). */
	findColumn(table: TableState, keyOrName: string): ColumnState | undefined {
		return table.columns.find((c) => c.name === keyOrName) ?? table.columns.find((c) => c.key === keyOrName);
	}

	column(table: TableState, keyOrName: string): ColumnState {
		const column = this.findColumn(table, keyOrName);
		if (!column) throw new Error(`Unknown column "${keyOrName}" in table "${table.name}"`);
		return column;
	}

	row(table: TableState, rowId: string): RowState {
		const row = table.rows.find((r) => r._id === rowId);
		if (!row) throw new Error(`Unknown row "${rowId}" in table "${table.name}"`);
		return row;
	}

	view(table: TableState, viewId: string): ViewState {
		const view = table.views.find((v) => v._id === viewId) ?? table.views.find((v) => v.name === viewId);
		if (!view) throw new Error(`Unknown view "${viewId}" in table "${table.name}"`);
		return view;
	}

	hasLink(linkId: string, tableId: string, rowId: string, otherRowId: string): boolean {
		return this.links.some((l) => l.link_id === linkId && matchesLink(l, tableId, rowId, otherRowId));
	}

	/** Ids of the rows linked to `rowId` (a row of `table`) through `linkColumn`. */
	linkedRowIds(tableIdOrName: string, linkColumn: string, rowId: string): string[] {
		const table = this.table(tableIdOrName);
		const info = linkInfo(this.column(table, linkColumn));
		const result: string[] = [];
		for (const l of this.links) {
			if (l.link_id !== info.link_id) continue;
			if (l.table1_id === table._id && l.table1_row_id === rowId) result.push(l.table2_row_id);
			else if (l.table2_id === table._id && l.table2_row_id === rowId) result.push(l.table1_row_id);
		}
		return result;
	}

	removeLinksWhere(predicate: (link: LinkState) => boolean): void {
		for (let i = this.links.length - 1; i >= 0; i--) if (predicate(this.links[i])) this.links.splice(i, 1);
	}

	/** Bumps the version by one and appends the op to the operation log. */
	record(op: Record<string, unknown>, author: string, app: string | null): OperationLogEntry {
		this.version += 1;
		const entry: OperationLogEntry = {
			author,
			app,
			op_time: Date.now(),
			operation: JSON.stringify(op),
			op_id: this.version,
		};
		this.operationLog.push(entry);
		return entry;
	}
}

export function linkInfo(column: ColumnState): { link_id: string; table_id: string; other_table_id: string } {
	const data = column.data ?? {};
	if (column.type !== 'link' || typeof data.link_id !== 'string' || typeof data.other_table_id !== 'string') {
		throw new Error(`Column "${column.name}" is not a link column`);
	}
	return { link_id: data.link_id, table_id: String(data.table_id ?? ''), other_table_id: data.other_table_id };
}

function matchesLink(l: LinkState, tableId: string, rowId: string, otherRowId: string): boolean {
	return (
		(l.table1_id === tableId && l.table1_row_id === rowId && l.table2_row_id === otherRowId) ||
		(l.table2_id === tableId && l.table2_row_id === rowId && l.table1_row_id === otherRowId)
	);
}

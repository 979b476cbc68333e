// In-memory state of one base: tables (columns, views, rows), links, version and operation log.
// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- ts-jest compiles with the root tsconfig, which has no test/types
/// <reference path="../types/dtable-store.d.ts" />
import { LinksUtils } from 'dtable-store';
import { makeTable, makeView, systemFields } from './defaults';
import { Editor } from './editor';
import { newApiToken, newUuid } from './ids';
import type { BaseSeed, Collaborator } from './types';

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
	/** dtable-store's lookup of rows by id; its operations keep it in step with `rows`. */
	id_row_map: Record<string, RowState>;
	view_structure: { folders: unknown[]; view_ids: string[] };
}

/** One link column pair as dtable-store keeps it: linked row ids both ways (table1 = the smaller table id). */
export interface LinkState {
	_id: string;
	table1_id: string;
	table2_id: string;
	table1_table2_map: Record<string, string[]>;
	table2_table1_map: Record<string, string[]>;
}

/** The base as dtable-store holds it (`DTableStore.value`); the emulator's state is exactly this object. */
export interface BaseValue {
	version: number;
	tables: TableState[];
	links: LinkState[];
	statistics: unknown[];
	settings: Record<string, unknown>;
	plugin_settings: Record<string, unknown>;
	scripts: unknown[];
	collaborators: Collaborator[];
	[key: string]: unknown;
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

export class BaseState {
	readonly uuid: string;

	name: string;

	apiToken: string;

	appName: string;

	workspaceId: number;

	/** The base as dtable-store holds it; every change is applied to it by dtable-store (see editor.ts). */
	readonly value: BaseValue;

	/** Ascending op_id. */
	readonly operationLog: OperationLogEntry[] = [];

	readonly collaborators: Collaborator[];

	/** SeaTable's editor store working on `value`: every change is made through it. */
	readonly editor: Editor;

	constructor(seed: BaseSeed) {
		this.uuid = seed.uuid ?? newUuid();
		this.name = seed.name ?? 'Test base';
		this.apiToken = seed.apiToken ?? newApiToken();
		this.appName = seed.appName ?? 'n8n';
		this.workspaceId = seed.workspaceId ?? 1;
		this.collaborators = structuredClone(seed.collaborators);
		this.value = {
			version: seed.version ?? 0,
			tables: [],
			links: [],
			statistics: [],
			settings: {},
			plugin_settings: {},
			scripts: [],
			collaborators: this.collaborators,
		};
		const author = this.collaborators[0]?.email ?? '';
		for (const tableSeed of seed.tables) {
			const table = makeTable(tableSeed._id, tableSeed.name, tableSeed.columns);
			if (tableSeed.views?.length) {
				table.views = tableSeed.views.map((v) => makeView(v._id, v.name));
				table.view_structure.view_ids = table.views.map((v) => v._id);
			}
			this.tables.push(table);
		}
		// Rows after all tables exist, so link values can name rows of any table.
		for (const tableSeed of seed.tables) {
			const table = this.table(tableSeed._id);
			for (const rowSeed of tableSeed.rows ?? []) this.seedRow(table, structuredClone(rowSeed), author);
		}
		this.editor = new Editor(this);
	}

	/** dtable-store may replace the array (move_table, duplicate_table), so always read it from the value. */
	get tables(): TableState[] {
		return this.value.tables;
	}

	get links(): LinkState[] {
		return this.value.links;
	}

	get version(): number {
		return this.value.version;
	}

	set version(version: number) {
		this.value.version = version;
	}

	private seedRow(table: TableState, seed: Record<string, unknown>, author: string): void {
		const id = typeof seed._id === 'string' ? seed._id : undefined;
		if (!id) throw new Error(`Seed row in table "${table.name}" has no _id`);
		const row: RowState = { ...systemFields(id, author), ...seed, _id: id };
		for (const column of table.columns) {
			if (column.type !== 'link' || !(column.key in row)) continue;
			const others = row[column.key];
			delete row[column.key];
			const info = linkInfo(this, table, column);
			for (const otherId of Array.isArray(others) ? others : []) {
				const ends = LinksUtils.transLinkOptions({ table_id: table._id, other_table_id: info.other_table_id, row_id: id, other_row_id: String(otherId) });
				LinksUtils.addLinkBetween2Tables(this.links, info.link_id, ends.table1_id, ends.table2_id, ends.table1_row_id, ends.table2_row_id);
			}
		}
		table.rows.push(row);
		table.id_row_map[id] = row;
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

	/** Ids of the rows linked to `rowId` (a row of `table`) through `linkColumn`, as dtable-store reads them. */
	linkedRowIds(tableIdOrName: string, linkColumn: string, rowId: string): string[] {
		const table = this.table(tableIdOrName);
		const column = this.column(table, linkColumn);
		const info = linkInfo(this, table, column);
		return [
			...LinksUtils.getLinkedRowIDs({
				links: this.links,
				link_id: info.link_id,
				table_id: table._id,
				other_table_id: info.other_table_id,
				is_linked_back: info.is_linked_back,
				row_id: rowId,
			}),
		];
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

export interface LinkInfo {
	link_id: string;
	other_table_id: string;
	is_linked_back: boolean | undefined;
}

/**
 * The link a link column belongs to and the table on its other side. The column's data names both
 * tables (either way round); the link record settles it when the data does not.
 */
export function linkInfo(base: BaseState, table: TableState, column: ColumnState): LinkInfo {
	const data = column.data ?? {};
	if (column.type !== 'link' || typeof data.link_id !== 'string') throw new Error(`Column "${column.name}" is not a link column`);
	const ids = [data.table_id, data.other_table_id].filter((id): id is string => typeof id === 'string');
	let other = ids.length === 2 ? (ids[0] === table._id ? ids[1] : ids[0]) : undefined;
	if (other === undefined) {
		const link = base.links.find((l) => l._id === data.link_id);
		if (link) other = link.table1_id === table._id ? link.table2_id : link.table1_id;
	}
	if (other === undefined) throw new Error(`Link column "${column.name}" does not say which table it links to`);
	return { link_id: data.link_id, other_table_id: other, is_linked_back: data.is_linked_back === true ? true : undefined };
}

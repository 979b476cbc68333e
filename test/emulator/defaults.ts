// Full column, view, table and row objects with the defaults SeaTable gives them (seeds are completed with these).
import type { ColumnState, RowState, TableState, ViewState } from './baseState';
import { seaTableTime } from './ids';
import type { ColumnSeed } from './types';

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
		id_row_map: {},
		view_structure: { folders: [], view_ids: ['0000'] },
	};
}

/** System fields of a new row, in the order SeaTable sends them. */
export function systemFields(id: string, author: string, time = seaTableTime()): RowState {
	return { _id: id, _participants: [], _creator: author, _ctime: time, _last_modifier: author, _mtime: time };
}


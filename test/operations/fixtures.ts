// Operation payloads from the protocol notes §4 (seatable-protocol.md), typed out; "…" placeholders
// of the notes are filled with plausible values. Variants (named *With*) are marked as such.
import type { BaseMetadata, OperationInput, RawOperation } from '../../nodes/seatable-client/operations';

export const DTABLE_UUID = '650d8a0d-7e27-46a8-8b18-6cc6f3db2057';
export const USER = '2926d3fa3a364558bac8a550811dbe0e@auth.local';
export const OTHER_USER = '244b4667d1754bb4afa2c2cb7369d244@auth.local';
export const RECEIVED_AT = '2023-08-20T05:00:00.000Z';

/** Metadata matching the table/column ids used by the payloads below. */
export function metadata(): BaseMetadata {
	return {
		tables: [
			{
				_id: 'wMtQ',
				name: 'Contacts',
				columns: [
					{ key: '0000', name: 'Email', type: 'text', data: null },
					{ key: 'HkRD', name: 'Name', type: 'text', data: null },
					{ key: 'sAd6', name: 'Team', type: 'text', data: null },
					{ key: 'WD7B', name: 'guest_added', type: 'text', data: null },
					{
						key: '589r',
						name: 'Prio',
						type: 'single-select',
						data: {
							options: [
								{ name: '++', color: '#F4667C', textColor: '#FFFFFF', id: '381992' },
								{ name: '+', color: '#FBD44A', textColor: '#FFFFFF', id: '830278' },
							],
						},
					},
					{
						key: 'tG5s',
						name: 'Tags',
						type: 'multiple-select',
						data: {
							options: [
								{ name: 'Red', color: '#F4667C', textColor: '#FFFFFF', id: '102030' },
								{ name: 'Blue', color: '#46A1FD', textColor: '#FFFFFF', id: '405060' },
							],
						},
					},
					{ key: 'cLb1', name: 'Owner', type: 'collaborator', data: null },
				],
				views: [
					{ _id: '0000', name: 'Default View' },
					{ _id: 'ht2Q', name: 'My contacts' },
				],
			},
			{
				_id: 'hNbE',
				name: 'Projects',
				columns: [
					{ key: '0000', name: 'Title', type: 'text' },
					{ key: 'lnk1', name: 'Tasks', type: 'link', data: { link_id: 't4hs', table_id: 'hNbE', other_table_id: 'ric6' } },
				],
				views: [{ _id: '0000', name: 'Default View' }],
			},
			{
				_id: 'ric6',
				name: 'Tasks',
				columns: [
					{ key: '0000', name: 'Task', type: 'text' },
					{ key: 'lnk2', name: 'Projects', type: 'link', data: { link_id: 't4hs', table_id: 'hNbE', other_table_id: 'ric6' } },
				],
				views: [{ _id: '0000', name: 'Default View' }],
			},
			{
				_id: '0000',
				name: 'Table1',
				columns: [
					{ key: '0000', name: 'Name', type: 'text' },
					{ key: 'LfGJ', name: 'Notes', type: 'long-text' },
					{ key: 'iJB4', name: 'Obsolete', type: 'number' },
				],
				views: [{ _id: '0000', name: 'Default View' }],
			},
			{ _id: 'CzsA', name: 'Table3(copy)', columns: [{ key: '0000', name: 'Name', type: 'text' }], views: [] },
			{ _id: '04Af', name: 'Archive', columns: [{ key: '0000', name: 'Name', type: 'text' }], views: [] },
		],
	};
}

export function input(operation: RawOperation, version = 1235, extra: Partial<OperationInput> = {}): OperationInput {
	return { operation, version, dtable_uuid: DTABLE_UUID, receivedAt: RECEIVED_AT, ...extra };
}

// §4.1 Rows

export const insertRow = {
	op_type: 'insert_row',
	table_id: 'wMtQ',
	row_id: 'a4MUb9F2Sb6erVSK-WWCkA',
	row_insert_position: 'insert_below',
	row_data: {
		_id: 'FPFMs5blRR-SpLV1sk676g',
		_participants: [],
		_creator: USER,
		_ctime: '2023-08-20T04:59:21.673+00:00',
		_last_modifier: USER,
		_mtime: '2023-08-20T04:59:21.673+00:00',
	},
	links_data: {},
	key_auto_number_config: {},
};

/** Variant of insertRow whose new row already holds values (as rows created through the API do). */
export const insertRowWithValues = {
	...insertRow,
	row_data: {
		...insertRow.row_data,
		'0000': 'w.cho@cj.net',
		HkRD: 'Woojin',
		'589r': '830278',
		tG5s: ['102030', '405060'],
		cLb1: [OTHER_USER],
	},
};

/** The dev-docs sample (2022): no key_auto_number_config, empty _ctime. */
export const insertRowDocs = {
	op_type: 'insert_row',
	table_id: '0000',
	row_id: 'YFK9bD1XReSuQ7WP1YYjMA',
	row_insert_position: 'insert_below',
	row_data: {
		_id: 'RngJuRa0SMGXyiA-SHDiAw',
		_participants: [],
		_creator: 'seatable@seatable.com',
		_ctime: '',
		_last_modifier: 'seatable@seatable.com',
		_mtime: '',
	},
	links_data: {},
};

export const insertRows = {
	op_type: 'insert_rows',
	table_id: 'wMtQ',
	row_ids: ['FPFMs5blRR-SpLV1sk676g', 'NLEm269CSaO3gy7Cm2ZrvQ'],
	row_insert_position: 'insert_below',
	row_datas: [
		{
			_id: 'NLEm269CSaO3gy7Cm2ZrvQ',
			_participants: [],
			_creator: USER,
			_ctime: '2023-08-20T04:59:35.211+00:00',
			_last_modifier: USER,
			_mtime: '2023-08-20T04:59:35.211+00:00',
			'0000': '',
		},
		{
			_id: 'I0n3PtjORke3ubWq5B54GQ',
			_participants: [],
			_creator: USER,
			_ctime: '2023-08-20T04:59:35.212+00:00',
			_last_modifier: USER,
			_mtime: '2023-08-20T04:59:35.212+00:00',
			'0000': '',
		},
	],
	links_data: {},
	key_auto_number_config: {},
};

export const appendRows = {
	op_type: 'append_rows',
	table_id: 'wMtQ',
	row_datas: [
		{
			'0000': 'w.cho@cj.net',
			HkRD: '조우진',
			sAd6: 'DT플랫폼팀',
			WD7B: '',
			_last_modifier: USER,
			_creator: USER,
			_id: 'F7ze485HTAKfrZmCZYqb1g',
			_ctime: '2023-08-20T05:15:42.105+00:00',
			_mtime: '2023-08-20T05:15:42.105+00:00',
		},
	],
	key_auto_number_config: {},
};

export const modifyRow = {
	op_type: 'modify_row',
	table_id: 'wMtQ',
	row_id: 'FPFMs5blRR-SpLV1sk676g',
	updated: { HkRD: 'a', _last_modifier: USER },
	old_row: {},
};

/** Variant of modifyRow changing select columns (values are option ids on the wire). */
export const modifyRowWithOptions = {
	op_type: 'modify_row',
	table_id: 'wMtQ',
	row_id: 'FPFMs5blRR-SpLV1sk676g',
	updated: { '589r': '381992', tG5s: ['102030'], _last_modifier: OTHER_USER, _mtime: '2023-08-20T05:01:00.000+00:00' },
	old_row: { '589r': '830278', tG5s: [] },
};

export const modifyRows = {
	op_type: 'modify_rows',
	table_id: 'wMtQ',
	row_ids: ['X-jLvmZQRq-lMgp6X1zPgw', 'a4MUb9F2Sb6erVSK-WWCkA'],
	updated: {
		'X-jLvmZQRq-lMgp6X1zPgw': { HkRD: 'a', _last_modifier: USER },
		'a4MUb9F2Sb6erVSK-WWCkA': { HkRD: 'a', _last_modifier: USER },
	},
	old_rows: { 'X-jLvmZQRq-lMgp6X1zPgw': { HkRD: null }, 'a4MUb9F2Sb6erVSK-WWCkA': { HkRD: null } },
};

export const deleteRow = {
	op_type: 'delete_row',
	table_id: 'wMtQ',
	row_id: 'bH1cdZboS7WOg_qpjUkOXw',
	deleted_row: {
		_id: 'bH1cdZboS7WOg_qpjUkOXw',
		_participants: [],
		_creator: USER,
		_ctime: '2023-08-20T04:37:21.579+00:00',
		_last_modifier: USER,
		_mtime: '2023-08-20T04:37:21.587+00:00',
		'0000': '',
	},
	upper_row_id: 'JmsWPdqgT4irjvxAyKBxlA',
	deleted_links_data: {},
};

export const deleteRows = {
	op_type: 'delete_rows',
	table_id: 'wMtQ',
	row_ids: ['NwkAMFWgTzO6A8ugLyMzMQ', 'JmsWPdqgT4irjvxAyKBxlA'],
	deleted_rows: [
		{ _id: 'NwkAMFWgTzO6A8ugLyMzMQ', _creator: USER, '0000': 'a@example.com', '589r': '381992' },
		{ _id: 'JmsWPdqgT4irjvxAyKBxlA', _creator: USER, '0000': 'b@example.com' },
	],
	upper_row_ids: ['H2Ib-4kxRWmlxIo2ft0IGQ', 'X-jLvmZQRq-lMgp6X1zPgw'],
	deleted_links_data: {},
};

export const updateRowsLinks = {
	op_type: 'update_rows_links',
	link_id: 't4hs',
	table_id: 'hNbE',
	other_table_id: 'ric6',
	row_id_list: ['VHUU0Fx3T9qagNXpDXiQnw', 'QFwE8A2fT92ZGUt_tK3s1Q'],
	other_rows_ids_map: {
		VHUU0Fx3T9qagNXpDXiQnw: ['Z6sr4Z5wQ_6b1AMRxQzZgg'],
		QFwE8A2fT92ZGUt_tK3s1Q: ['Z6sr4Z5wQ_6b1AMRxQzZgg'],
	},
	old_other_rows_ids_map: { VHUU0Fx3T9qagNXpDXiQnw: [], QFwE8A2fT92ZGUt_tK3s1Q: [] },
};

/** §4.1 add_link as in the 2020 server: table1/table2 fields only, no link_id, no table_id. */
export const addLink = {
	op_type: 'add_link',
	table1_id: 'hNbE',
	table2_id: 'ric6',
	table1_row_id: 'VHUU0Fx3T9qagNXpDXiQnw',
	table2_row_id: 'Z6sr4Z5wQ_6b1AMRxQzZgg',
};

export const removeLink = { ...addLink, op_type: 'remove_link', link_id: 't4hs' };

export const archiveRows = { op_type: 'archive_rows', table_id: '04Af', row_ids: ['NGsQGjTlSN6_qbAiAi1Skw'] };

// §4.2 Columns

export const insertColumn = {
	op_type: 'insert_column',
	table_id: 'wMtQ',
	column_key: '_last_modifier',
	column_data: {
		key: '4xVF',
		type: 'text',
		name: 'hello',
		editable: true,
		width: 200,
		resizable: true,
		draggable: true,
		data: {
			enable_fill_default_value: false,
			enable_check_format: false,
			format_specification_value: null,
			default_value: '',
			format_check_type: 'custom_format',
		},
		permission_type: '',
		permitted_users: [],
		edit_metadata_permission_type: '',
		edit_metadata_permitted_users: [],
		description: null,
	},
	view_id: '0000',
	rows_datas: [],
};

export const deleteColumn = {
	op_type: 'delete_column',
	table_id: '0000',
	column_key: 'iJB4',
	old_column: {
		rowType: 'header',
		key: 'iJB4',
		type: null,
		name: null,
		editable: true,
		width: 200,
		resizable: true,
		draggable: true,
		data: null,
		permission_type: '',
		permitted_users: [],
		editor: { key: null, ref: null, props: {}, _owner: null },
		formatter: null,
		left: 1058,
		idx: 5,
	},
	upper_column_key: 'LfGJ',
};

export const renameColumn = {
	op_type: 'rename_column',
	table_id: 'wMtQ',
	column_key: 'WD7B',
	new_column_name: 'what',
	old_column_name: 'guest_added',
};

export const modifyColumnType = {
	op_type: 'modify_column_type',
	table_id: 'wMtQ',
	column_key: 'WD7B',
	new_column: { key: 'WD7B', type: 'email', name: 'guest_added', editable: true, width: 200, data: null },
	old_column: { key: 'WD7B', type: 'text', name: 'guest_added', editable: true, width: 200, data: null },
	new_rows_data: [{ _id: 'H2Ib-4kxRWmlxIo2ft0IGQ', WD7B: null }],
	old_rows_data: [{ _id: 'H2Ib-4kxRWmlxIo2ft0IGQ', WD7B: null }],
};

export const updateColumnDescription = {
	op_type: 'update_column_description',
	table_id: 'wMtQ',
	column_key: 'WD7B',
	column_description: 'description here',
};

export const modifyColumnPermission = {
	op_type: 'modify_column_permission',
	table_id: 'wMtQ',
	column_key: 'WD7B',
	new_column_permission: { permission_type: 'admins', permitted_users: [] },
	old_column_permission: { permission_type: '', permitted_users: [] },
};

export const modifyColumnMetadataPermission = {
	op_type: 'modify_column_metadata_permission',
	table_id: 'wMtQ',
	column_key: 'WD7B',
	new_column_permission: { edit_metadata_permission_type: 'admins', edit_metadata_permitted_users: [] },
	old_column_permission: { edit_metadata_permission_type: '', edit_metadata_permitted_users: [] },
};

export const updateColumnColorbys = {
	op_type: 'update_column_colorbys',
	table_id: 'wMtQ',
	column_key: 'WD7B',
	colorbys: {
		type: 'by_numeric_range',
		range_settings: {
			color_type: 'color_gradation_1',
			is_custom_start_value: true,
			is_custom_end_value: false,
			start_value: '',
			end_value: '',
		},
	},
};

// §4.3 Tables

export const insertTable = {
	op_type: 'insert_table',
	table_data: {
		_id: 'D4S8',
		name: 'Table3',
		is_header_locked: false,
		header_settings: {},
		summary_configs: {},
		columns: [
			{
				key: '0000',
				type: 'text',
				name: 'Name',
				editable: true,
				width: 200,
				resizable: true,
				draggable: true,
				data: null,
				permission_type: '',
				permitted_users: [],
				edit_metadata_permission_type: '',
				edit_metadata_permitted_users: [],
				description: null,
			},
		],
		rows: [],
		view_structure: { folders: [], view_ids: ['0000'] },
		views: [
			{
				_id: '0000',
				name: 'Default View',
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
			},
		],
		id_row_map: {},
	},
};

export const renameTable = { op_type: 'rename_table', table_id: '0000', table_name: 'Table_Renamed' };

export const deleteTable = {
	op_type: 'delete_table',
	table_id: 'CzsA',
	table_name: 'Table3(copy)',
	deleted_table: { _id: 'CzsA', name: 'Table3(copy)', columns: [], rows: [], views: [] },
};

export const modifyHeaderLock = { op_type: 'modify_header_lock', table_id: 'hNbE', is_header_locked: false };

// §4.4 Views (field lists from the table; modify_filters is the notes' example)

export const insertView = {
	op_type: 'insert_view',
	table_id: 'wMtQ',
	view_data: { _id: 'Xy12', name: 'Gallery', type: 'table', filters: [], sorts: [] },
	view_folder_id: null,
};
export const deleteView = { op_type: 'delete_view', table_id: 'wMtQ', view_id: 'ht2Q', view_folder_id: null, view_name: 'My contacts' };
export const renameView = { op_type: 'rename_view', table_id: 'wMtQ', view_id: 'ht2Q', view_name: 'Team view' };
export const moveView = {
	op_type: 'move_view',
	table_id: 'wMtQ',
	moved_view_id: 'ht2Q',
	target_view_id: '0000',
	source_view_folder_id: null,
	target_view_folder_id: null,
	move_position: 'move_above',
	moved_view_name: 'My contacts',
};
export const modifyViewType = { op_type: 'modify_view_type', table_id: 'wMtQ', view_id: 'ht2Q', view_type: 'archive' };
export const modifyViewLock = { op_type: 'modify_view_lock', table_id: 'wMtQ', view_id: 'ht2Q', is_locked: true };
export const modifyFilters = {
	op_type: 'modify_filters',
	table_id: 'wMtQ',
	view_id: 'ht2Q',
	filters: [{ column_key: '0000', filter_predicate: 'contains', filter_term: 'woojin' }],
	filter_conjunction: 'And',
};
export const modifySorts = { op_type: 'modify_sorts', table_id: 'wMtQ', view_id: 'ht2Q', sorts: [{ column_key: 'HkRD', sort_type: 'up' }] };
export const modifyGroupbys = {
	op_type: 'modify_groupbys',
	table_id: 'wMtQ',
	view_id: 'ht2Q',
	groupbys: [{ column_key: '589r', sort_type: 'up', count_type: '' }],
};
export const modifyHiddenColumns = { op_type: 'modify_hidden_columns', table_id: 'wMtQ', view_id: 'ht2Q', hidden_columns: ['sAd6', 'WD7B'] };
export const modifyRowColor = { op_type: 'modify_row_color', table_id: 'wMtQ', view_id: 'ht2Q', colorbys: { type: 'by_duplicate_values' } };
export const modifyRowHeight = { op_type: 'modify_row_height', table_id: 'wMtQ', view_id: 'ht2Q', row_height: 'quadruple' };

/** Named in §4 without a sample; used to check they are classified. */
export const NAMED_WITHOUT_SAMPLE = ['update_links', 'update_row_links', 'move_group_rows', 'resize_column', 'freeze_column', 'move_column'];

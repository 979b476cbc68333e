// What each of SeaTable's operation types is: dtable-store 7.0.4's OPERATION_TYPE lists the 86 a base
// can broadcast (SeaTable's own editor store; test/operations/opKinds.test.ts checks every one is here).
export type OperationKind =
	| 'rowCreated'
	| 'rowUpdated'
	| 'rowDeleted'
	| 'rowMoved'
	| 'linkChanged'
	| 'columnChanged'
	| 'tableChanged'
	| 'viewChanged'
	| 'other';

const ROWS: Record<string, OperationKind> = {
	insert_row: 'rowCreated',
	insert_rows: 'rowCreated',
	append_rows: 'rowCreated',
	modify_row: 'rowUpdated',
	modify_rows: 'rowUpdated',
	// Dragging rows between groups of a grouped view rewrites the grouped column's value (dtable-store
	// applies its `updated` like modify_rows); SeaTable's own automations treat it as a modification too.
	move_group_rows: 'rowUpdated',
	delete_row: 'rowDeleted',
	delete_rows: 'rowDeleted',
	// Reordering only: dtable-store's apply moves the rows and changes no cell.
	move_rows: 'rowMoved',
};

const LINKS: Record<string, OperationKind> = {
	add_link: 'linkChanged',
	remove_link: 'linkChanged',
	update_links: 'linkChanged',
	update_rows_links: 'linkChanged',
	// Named in older protocol notes; not in dtable-store 7.0.4, kept so old logs still read as links.
	update_row_links: 'linkChanged',
};

const COLUMNS: Record<string, OperationKind> = {
	insert_column: 'columnChanged',
	insert_columns: 'columnChanged',
	delete_column: 'columnChanged',
	restore_column: 'columnChanged',
	rename_column: 'columnChanged',
	resize_column: 'columnChanged',
	freeze_column: 'columnChanged',
	freeze_columns: 'columnChanged',
	freeze_mobile_column: 'columnChanged',
	move_column: 'columnChanged',
	// What the editor sends when someone adds, renames or recolours a select option.
	modify_column_data: 'columnChanged',
	modify_column_type: 'columnChanged',
	restore_column_type: 'columnChanged',
	modify_columns: 'columnChanged',
	modify_column_permission: 'columnChanged',
	modify_column_metadata_permission: 'columnChanged',
	update_column_colorbys: 'columnChanged',
	update_column_description: 'columnChanged',
	update_summary_config: 'columnChanged',
};

const TABLES: Record<string, OperationKind> = {
	insert_table: 'tableChanged',
	update_table: 'tableChanged',
	rename_table: 'tableChanged',
	delete_table: 'tableChanged',
	move_table: 'tableChanged',
	duplicate_table: 'tableChanged',
	modify_table_description: 'tableChanged',
	set_table_hidden_status: 'tableChanged',
	modify_header_lock: 'tableChanged',
	modify_header_settings: 'tableChanged',
};

const VIEWS: Record<string, OperationKind> = {
	add_view_folder: 'viewChanged',
	modify_view_folder: 'viewChanged',
	delete_view_folder: 'viewChanged',
	move_view_folder: 'viewChanged',
	insert_view: 'viewChanged',
	rename_view: 'viewChanged',
	delete_view: 'viewChanged',
	move_view: 'viewChanged',
	modify_view_lock: 'viewChanged',
	modify_view_type: 'viewChanged',
	modify_view_custom_settings: 'viewChanged',
	change_to_non_private_view: 'viewChanged',
	modify_filters: 'viewChanged',
	modify_hidden_columns: 'viewChanged',
	modify_sorts: 'viewChanged',
	modify_groupbys: 'viewChanged',
	modify_row_color: 'viewChanged',
	modify_row_height: 'viewChanged',
};

/** Not a change of rows, links or the schema: base settings, plugins, scripts, statistics, permissions, locks. */
const OTHER: Record<string, OperationKind> = {
	// Archived rows move to the big-data backend and can be restored; calling them deleted would fire
	// destructive "on delete" workflows.
	archive_rows: 'other',
	unarchive_rows: 'other',
	modify_row_lock: 'other',
	lock_rows: 'other',
	unlock_rows: 'other',
	update_table_permissions: 'other',
	update_table_setting: 'other',
	delete_table_setting: 'other',
	modify_dtable_description: 'other',
	update_default_data: 'other',
	update_setting: 'other',
	delete_setting: 'other',
	update_plugin_settings: 'other',
	delete_plugin_settings: 'other',
	add_plugin: 'other',
	delete_plugin: 'other',
	add_script: 'other',
	delete_script: 'other',
	rename_script: 'other',
	add_statistics: 'other',
	delete_statistics: 'other',
	edit_statistics: 'other',
	update_statistics_list: 'other',
	add_data_process: 'other',
	delete_data_process: 'other',
	modify_data_process: 'other',
};

export const KIND_BY_OP_TYPE: ReadonlyMap<string, OperationKind> = new Map(
	Object.entries({ ...ROWS, ...LINKS, ...COLUMNS, ...TABLES, ...VIEWS, ...OTHER }),
);

/** The kind of an op_type; undefined for op_types SeaTable's store does not know. */
export function kindOf(opType: string): OperationKind | undefined {
	return KIND_BY_OP_TYPE.get(opType);
}

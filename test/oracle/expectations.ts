// What the items of one operation must say, read from a dtable-store client's state before (`pre`)
// and after (`post`) it applied the operation. Keys match items: `<kind>:<row_id>:<link_id>`.
import type { DTableValue } from 'dtable-store';
import { column, linkColumn, linkedIds, readable, row, table, tables, type Table } from './oracleState';

export type Expected = { key: string; fields: Record<string, unknown>; check?: string };
type Op = Record<string, unknown>;
type Ctx = { op: Op; pre: DTableValue; post: DTableValue };

const SYSTEM = new Set(['_id', '_creator', '_last_modifier', '_ctime', '_mtime', '_participants']);
const str = (value: unknown) => value as string;

export function itemKey(item: Record<string, unknown>): string {
	const link = item.link as { link_id?: string } | undefined;
	const kind = link ? 'link' : item.schema ? 'schema' : 'row';
	return `${kind}:${String(item.row_id)}:${link?.link_id ?? ''}`;
}

function createdRow({ post }: Ctx, tableId: string, rowId: string): Expected[] {
	const t = table(post, tableId)!;
	const expected = readable(t, row(t, rowId) ?? { _id: rowId });
	const links: Expected[] = [];
	for (const c of t.columns.filter((col) => col.type === 'link')) {
		const linkId = str(c.data?.link_id);
		const ids = linkedIds(post, tableId, linkId, rowId);
		if (ids.length === 0) continue;
		expected[c.name] = ids;
		const other = tables(post).find((o) => o._id !== tableId && linkColumn(o, linkId)) ?? t;
		links.push({ key: `link:${rowId}:${linkId}`, fields: { table_name: t.name, link: { column: c.name, link_id: linkId, other_table_id: other._id, other_table_name: other.name, added: ids } } });
	}
	return [{ key: `row:${rowId}:`, fields: { table_name: t.name, row: expected } }, ...links];
}

function updatedRow({ op, pre, post }: Ctx, rowId: string, updated: Op, nullForUnset: boolean): Expected {
	const tableId = str(op.table_id);
	const before = table(pre, tableId)!;
	const after = table(post, tableId)!;
	const postRow = row(after, rowId)!;
	const preRow = row(before, rowId)!;
	const keys = Object.keys(updated);
	const now: Op = {};
	const old: Op = {};
	for (const key of keys) {
		now[key] = postRow[key];
		if (SYSTEM.has(key)) continue;
		if (preRow[key] !== undefined) old[key] = preRow[key];
		else if (nullForUnset) old[key] = null;
	}
	const changed = keys.filter((key) => !SYSTEM.has(key)).map((key) => column(after, key)?.name ?? key);
	return { key: `row:${rowId}:`, fields: { table_name: after.name, row: readable(after, now), old_row: readable(before, old), changed_columns: changed } };
}

function deletedRow({ op, pre }: Ctx, rowId: string): Expected {
	const t = table(pre, str(op.table_id))!;
	if (Array.isArray(op.deleted_rows) && op.deleted_rows.length === 0) {
		return { key: `row:${rowId}:`, fields: { table_name: t.name, row: { _id: rowId }, content_omitted: true } };
	}
	return { key: `row:${rowId}:`, fields: { table_name: t.name, row: readable(t, row(t, rowId)!) } };
}

function linkChange({ op, pre, post }: Ctx, tableId: string, rowId: string, linkId: string): Expected {
	const t = table(post, tableId)!;
	const other = tables(post).find((o) => o._id !== tableId && linkColumn(o, linkId))!;
	const before = linkedIds(pre, tableId, linkId, rowId);
	const after = linkedIds(post, tableId, linkId, rowId);
	return {
		key: `link:${rowId}:${linkId}`,
		fields: {
			table_name: t.name,
			link: {
				column: linkColumn(t, linkId)?.name,
				link_id: linkId,
				other_table_id: other._id,
				other_table_name: other.name,
				// add_link / remove_link report one direction; update_rows_links both.
				...(op.op_type === 'remove_link' ? {} : { added: after.filter((id) => !before.includes(id)) }),
				...(op.op_type === 'add_link' ? {} : { removed: before.filter((id) => !after.includes(id)) }),
			},
		},
	};
}

function schema(tableName: string | undefined, change: Op, check?: string): Expected[] {
	return [{ key: 'schema:null:', fields: { table_name: tableName, schema: change }, check }];
}

const nameOf = (t: Table | undefined, key: unknown) => column(t, str(key))?.name;
const viewName = (t: Table | undefined, id: unknown) => t?.views.find((v) => v._id === id)?.name;
const optionIds = (t: Table | undefined, key: unknown) =>
	((column(t, str(key))?.data?.options ?? []) as { id: string; name: string }[]).map((o) => [String(o.id), o.name] as const);

/** The items the trigger must emit for `op` (split rows, names resolved). */
export function expectedItems(ctx: Ctx): Expected[] {
	const { op, pre, post } = ctx;
	const tableId = str(op.table_id);
	const before = table(pre, tableId);
	const after = table(post, tableId);
	const columnData = (op.column_data ?? {}) as Op;
	switch (op.op_type) {
		case 'insert_row':
			return createdRow(ctx, tableId, str((op.row_data as Op)._id));
		case 'insert_rows':
		case 'append_rows':
			return (op.row_datas as Op[]).flatMap((r) => createdRow(ctx, tableId, str(r._id)));
		case 'modify_row':
			return [updatedRow(ctx, str(op.row_id), op.updated as Op, false)];
		case 'modify_rows':
			return (op.row_ids as string[]).map((id) => updatedRow(ctx, id, (op.updated as Record<string, Op>)[id], true));
		case 'delete_row':
			return [deletedRow(ctx, str(op.row_id))];
		case 'delete_rows':
			return (op.row_ids as string[]).map((id) => deletedRow(ctx, id));
		case 'add_link':
		case 'remove_link':
			return [linkChange(ctx, str(op.table1_id), str(op.table1_row_id), str(op.link_id))];
		case 'update_rows_links':
			return (op.row_id_list as string[]).map((id) => linkChange(ctx, tableId, id, str(op.link_id)));
		case 'move_rows':
			return [{ key: 'row:null:', fields: { table_name: after?.name } }];
		case 'insert_column': {
			const info = op.linked_column_info as { table_id: string; column_data: Op } | undefined;
			const other = info && table(post, info.table_id);
			const linked = info && { table_id: info.table_id, table_name: other?.name, column_key: info.column_data.key, name: nameOf(other, info.column_data.key) };
			const inserted = column(after, str(columnData.key));
			return schema(after?.name, { change: 'column_inserted', column_key: columnData.key, name: inserted?.name, type: inserted?.type, ...(linked ? { linked_column: linked } : {}) });
		}
		case 'insert_columns':
			return schema(after?.name, {
				change: 'columns_inserted',
				columns: (op.insert_columns as Op[]).map((c) => ({ column_key: c.key, name: nameOf(after, c.key), type: column(after, str(c.key))?.type })),
			});
		case 'rename_column':
			return schema(after?.name, { change: 'column_renamed', column_key: op.column_key, old_name: nameOf(before, op.column_key), new_name: nameOf(after, op.column_key) });
		case 'delete_column': {
			const info = op.linked_column_info as { table_id: string; column_key: string } | undefined;
			const linked = info && { table_id: info.table_id, column_key: info.column_key, name: nameOf(table(pre, info.table_id), info.column_key) };
			return schema(after?.name, { change: 'column_deleted', column_key: op.column_key, name: nameOf(before, op.column_key), ...(linked ? { linked_column: linked } : {}) });
		}
		case 'move_column': {
			const keys = after?.columns.map((c) => c.key) ?? [];
			// dtable-store's apply puts the moved column just left or right of the target.
			const placed = keys.indexOf(str(op.moved_column_key)) === keys.indexOf(str(op.target_column_key)) + (op.move_position === 'move_left' ? -1 : 1);
			const change = { change: 'column_moved', column_key: op.moved_column_key, name: nameOf(before, op.moved_column_key), position: op.move_position, target_column_key: op.target_column_key, target_name: nameOf(before, op.target_column_key) };
			return schema(after?.name, change, placed ? undefined : `dtable-store did not place ${String(op.moved_column_key)} ${String(op.move_position)} of ${String(op.target_column_key)}`);
		}
		case 'modify_column_data': {
			const old = new Map(optionIds(before, op.column_key));
			const added = optionIds(after, op.column_key).filter(([id]) => !old.has(id)).map(([, name]) => name);
			return schema(after?.name, { change: 'column_data_changed', column_key: op.column_key, name: nameOf(before, op.column_key), options_added: added });
		}
		case 'modify_column_type':
			return schema(after?.name, { change: 'column_type_changed', column_key: op.column_key, name: nameOf(after, op.column_key), old_type: column(before, str(op.column_key))?.type, new_type: column(after, str(op.column_key))?.type });
		case 'insert_table': {
			const t = table(post, str((op.table_data as Op)._id));
			return schema(t?.name, { change: 'table_inserted', name: t?.name });
		}
		case 'duplicate_table': {
			const copy = table(post, str((op.table_data as Op)._id));
			const source = table(pre, str(op.source_table_id));
			return schema(copy?.name, { change: 'table_duplicated', table_id: copy?._id, name: copy?.name, source_table_id: source?._id, source_name: source?.name });
		}
		case 'rename_table':
			return schema(after?.name, { change: 'table_renamed', old_name: before?.name, new_name: after?.name });
		case 'delete_table':
			return schema(before?.name, { change: 'table_deleted', name: before?.name });
		case 'insert_view': {
			const id = (op.view_data as Op)._id;
			return schema(after?.name, { change: 'view_inserted', view_id: id, view_name: viewName(after, id) });
		}
		case 'rename_view':
			return schema(after?.name, { change: 'view_renamed', view_id: op.view_id, old_name: viewName(before, op.view_id), new_name: viewName(after, op.view_id) });
		case 'delete_view':
			return schema(after?.name, { change: 'view_deleted', view_id: op.view_id, view_name: viewName(before, op.view_id) });
		case 'move_view':
			return schema(after?.name, { change: 'view_moved', view_id: op.moved_view_id, view_name: viewName(before, op.moved_view_id) });
		case 'modify_filters':
			return schema(after?.name, { change: 'view_filters_changed', view_id: op.view_id, view_name: viewName(after, op.view_id) });
		case 'modify_sorts':
			return schema(after?.name, { change: 'view_sorts_changed', view_id: op.view_id, view_name: viewName(after, op.view_id) });
		default:
			throw new Error(`The session made an operation the oracle has no expectation for: ${String(op.op_type)}`);
	}
}

// SeaTable's base webhook body ({"event": "update", "data": {…}}, protocol notes §2.4.3) → one
// readable item, named from the payload's own row_data (no API call), filtered like the trigger.
import { categoryOf } from '../operations';
import { asString, isRecord } from '../operations/fields';
import { passesCategory, touchesWatchedColumn, watchSetOf } from '../operations/filters';
import { BaseSchema } from '../operations/schema';
import type { JsonObject } from '../operations/types';
import { linkDetails, type RowData } from './links';
import type { ReceiveSettings, WebhookItem } from './types';

export type BaseWebhookResult =
	| { item: WebhookItem; filtered?: undefined; problem?: undefined }
	| { filtered: true; item?: undefined; problem?: undefined }
	| { problem: { error: string; hint: string }; item?: undefined; filtered?: undefined };

export function baseWebhookItem(body: JsonObject, settings: ReceiveSettings, receivedAt: string): BaseWebhookResult {
	if (body.event !== 'update') {
		const given = typeof body.event === 'string' ? `"${body.event.slice(0, 40)}"` : 'missing';
		return {
			problem: {
				error: `Unknown event ${given}: a SeaTable base webhook always sends "event": "update"`,
				hint: 'For the POST of an automation script, set Source to Automation',
			},
		};
	}
	const data = body.data;
	const opType = isRecord(data) ? asString(data.op_type) : undefined;
	if (!isRecord(data) || opType === undefined) {
		return { item: unreadable(body, receivedAt, 'The body has no data.op_type, so it cannot be read as a row change') };
	}
	const tableId = asString(data.table_id) ?? null;
	const tableName = asString(data.table_name);
	const category = categoryOf(opType);
	if (!passesCategory(category, settings.operations)) return { filtered: true };
	if (settings.tables.length > 0 && !settings.tables.some((table) => table === tableId || table === tableName)) {
		return { filtered: true };
	}

	const rowData = readRowData(data.row_data);
	// The payload describes its own columns (names, types, select options): a one-table schema.
	const schemaTableId = tableId ?? '';
	const schema = new BaseSchema({ tables: [{ _id: schemaTableId, name: tableName ?? schemaTableId, columns: rowData.map(toColumn) }] });
	const values: JsonObject = {};
	const oldValues: JsonObject = {};
	for (const cell of rowData) {
		values[cell.column_key] = cell.value;
		if ('old_value' in cell) oldValues[cell.column_key] = cell.old_value;
	}
	const rowId = asString(data.row_id) ?? asString(data.table1_row_id) ?? null;
	const watched = watchSetOf(settings.watchColumns);
	if (watched !== undefined && category === 'rowUpdated') {
		const change = { kind: 'rowUpdated' as const, table_id: schemaTableId, row_id: rowId ?? '', row: values, index: 0 };
		if (!touchesWatchedColumn(change, watched, schema)) return { filtered: true };
	}

	const opTime = typeof data.op_time === 'number' ? data.op_time : undefined;
	const uuid = asString(data.dtable_uuid) ?? '';
	// Fields in display order, as in the realtime trigger's items.
	const item = {
		event: 'update',
		// The same change always gets the same id: base, row, kind and SeaTable's own time of it.
		eventId: `${uuid}:${rowId ?? ''}:${opType}:${opTime ?? ''}`,
		op_type: opType,
		table_id: tableId,
	} as WebhookItem;
	if (tableName !== undefined) item.table_name = tableName;
	item.row_id = rowId;
	const rowName = asString(data.row_name);
	if (rowName !== undefined && rowName !== '') item.row_name = rowName;
	item.row = schema.readableRow(schemaTableId, values);
	// old_value comes only with modifications; each cell of a modification is a changed column.
	if (category === 'rowUpdated' || Object.keys(oldValues).length > 0) {
		item.old_row = schema.readableRow(schemaTableId, oldValues);
		const changed = category === 'rowUpdated' ? rowData : rowData.filter((cell) => 'old_value' in cell);
		item.changed_columns = changed.map((cell) => cell.column_name);
	}
	if (category === 'linkChanged') item.link = linkDetails(data, opType, rowData);
	const modifier = asString(data.op_user);
	if (modifier !== undefined) item.modifier = modifier;
	if (opTime !== undefined) item.op_time = opTime;
	item.received_at = receivedAt;
	item.source = 'baseWebhook';
	return { item };
}

function readRowData(value: unknown): RowData[] {
	if (!Array.isArray(value)) return [];
	const cells: RowData[] = [];
	for (const entry of value as unknown[]) {
		if (!isRecord(entry)) continue;
		const key = asString(entry.column_key);
		if (key === undefined) continue;
		const cell: RowData = {
			column_key: key,
			column_name: asString(entry.column_name) ?? key,
			column_type: asString(entry.column_type),
			column_data: isRecord(entry.column_data) ? entry.column_data : undefined,
			value: entry.value,
		};
		if ('old_value' in entry) cell.old_value = entry.old_value;
		cells.push(cell);
	}
	return cells;
}

function toColumn(cell: RowData): JsonObject {
	return { key: cell.column_key, name: cell.column_name, type: cell.column_type, data: cell.column_data };
}

/** The body is SeaTable's, but not in a shape we can read: the workflow still runs and says why. */
function unreadable(body: JsonObject, receivedAt: string, reason: string): WebhookItem {
	return { event: 'update', eventId: '', row_id: null, enrich_error: reason, body, received_at: receivedAt, source: 'baseWebhook' };
}

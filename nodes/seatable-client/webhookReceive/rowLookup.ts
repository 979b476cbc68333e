// For automations: the whole row the script named by _id, read once, keyed by column names.
import type { SeaTableClient } from '../client';
import { SeaTableError } from '../errors';
import type { WebhookItem } from './types';

/** Adds `row` (or `row_error`, saying why not) to an automation item. Never throws. */
export async function addAutomationRow(client: SeaTableClient, item: WebhookItem, defaultTable: string): Promise<void> {
	const body = item.body as Record<string, unknown> | undefined;
	const fromBody = body && (typeof body.table_name === 'string' ? body.table_name : typeof body.table_id === 'string' ? body.table_id : undefined);
	const table = fromBody || defaultTable.trim();
	if (item.row_id === null || item.row_id === '') {
		item.row_error = 'The body has no _id, so no row was read. Post {"action": …, "_id": row_id}.';
		return;
	}
	if (table === '') {
		item.row_error = 'No table is set, so the row was not read. Choose the table in the node, or post "table_name" with the body.';
		return;
	}
	try {
		item.row = await client.getRow(table, item.row_id);
		if (item.table_name === undefined) item.table_name = table;
	} catch (error) {
		// SeaTableError messages carry no token (see errors.ts); anything else is named only by its kind.
		item.row_error =
			error instanceof SeaTableError ? `${error.message}. ${error.hint}` : `The row could not be read (${(error as Error).name})`;
	}
}

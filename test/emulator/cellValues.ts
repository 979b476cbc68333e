// Turns friendly cell values (column names, option names) into what SeaTable stores (column keys, option ids).
import type { BaseState, ColumnState, TableState } from './baseState';

interface SelectOption {
	id: string;
	name: string;
}

function options(column: ColumnState): SelectOption[] {
	const list = column.data?.options;
	return Array.isArray(list) ? (list as SelectOption[]) : [];
}

function optionId(column: ColumnState, value: unknown): unknown {
	if (value === null || value === undefined || value === '') return value;
	const list = options(column);
	const found = list.find((o) => o.name === value) ?? list.find((o) => o.id === value);
	// Throwing catches typos in tests; send odd values with applyRaw() instead.
	if (!found) throw new Error(`Column "${column.name}" has no option "${String(value)}"`);
	return found.id;
}

/** One cell value as stored in row data. */
export function storedValue(column: ColumnState, value: unknown): unknown {
	if (column.type === 'single-select') return optionId(column, value);
	if (column.type === 'multiple-select') {
		if (value === null || value === undefined) return value;
		const list = Array.isArray(value) ? value : [value];
		return list.map((v) => optionId(column, v));
	}
	return value;
}

/**
 * `values` keyed by column name or key (name tried first) → keyed by column key.
 * Keys starting with `_` are system fields and pass through unchanged.
 */
export function toStoredValues(
	base: BaseState,
	table: TableState,
	values: Record<string, unknown>,
): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [name, value] of Object.entries(values)) {
		if (name.startsWith('_')) {
			result[name] = value;
			continue;
		}
		const column = base.column(table, name);
		// Links are not cell data in SeaTable ops; they travel as add_link / update_rows_links.
		if (column.type === 'link') {
			throw new Error(`Column "${column.name}" is a link column: use addLink() or updateRowsLinks()`);
		}
		result[column.key] = storedValue(column, value);
	}
	return result;
}

/** A stored row as the API returns it with convert_keys: keyed by column names, option names for option ids. */
export function readableValues(table: TableState, row: Record<string, unknown>): Record<string, unknown> {
	const result: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(row)) {
		const column = key.startsWith('_') ? undefined : table.columns.find((c) => c.key === key);
		if (!column) {
			result[key] = value;
			continue;
		}
		const name = (id: unknown) => options(column).find((o) => o.id === id)?.name ?? id;
		if (column.type === 'single-select') result[column.name] = name(value);
		else if (column.type === 'multiple-select' && Array.isArray(value)) result[column.name] = value.map(name);
		else result[column.name] = value;
	}
	return result;
}

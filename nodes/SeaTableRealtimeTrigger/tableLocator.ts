// Version 2's table picker: a resource locator (from the list, by ID, or by the URL of a table
// view in SeaTable), which stores the table id and so survives a rename of the table.
import type { ILoadOptionsFunctions, INodeProperties, ITriggerFunctions } from 'n8n-workflow';

// SeaTable opens a table view at …/dtable/<base>/?tid=<table id>&vid=<view id>. n8n anchors
// validation patterns (^…$) itself.
const TABLE_ID = '[A-Za-z0-9_-]+';
const TABLE_URL_PATTERN = `https?://\\S+[?&]tid=${TABLE_ID}.*`;
const TABLE_ID_IN_URL = `[?&]tid=(${TABLE_ID})`;

export const tableLocator: INodeProperties = {
	displayName: 'Table',
	name: 'table',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'Only changes in this table. Empty means all tables of the base.',
	hint: 'Leave empty to listen to every table of the base.',
	displayOptions: { show: { event: ['baseChange'], '@version': [2] } },
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a table…',
			typeOptions: { searchListMethod: 'searchTables', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. 0000',
			validation: [
				{
					type: 'regex',
					properties: { regex: TABLE_ID, errorMessage: 'A table ID has letters, digits, - or _ only, e.g. 0000' },
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: 'e.g. https://cloud.seatable.io/workspace/1/dtable/My%20Base/?tid=0000&vid=0000',
			hint: 'Open the table in SeaTable and copy the address from the browser',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: TABLE_URL_PATTERN,
						errorMessage: 'Not the URL of a SeaTable table: it needs ?tid=<table ID>, as SeaTable shows when a table is open',
					},
				},
			],
			extractValue: { type: 'regex', regex: TABLE_ID_IN_URL },
		},
	],
};

/**
 * The table id a saved locator points to, whichever mode it was given in; '' for all tables.
 * Reads the stored shape itself, so it gives the same answer whether or not n8n already
 * extracted the value.
 */
export function tableIdFromLocator(value: unknown): string {
	if (typeof value === 'string') return idFromText(value);
	if (!value || typeof value !== 'object') return '';
	const { mode, value: inner } = value as { mode?: unknown; value?: unknown };
	if (typeof inner !== 'string') return '';
	return mode === 'url' ? idFromText(inner) : inner.trim();
}

function idFromText(text: string): string {
	const match = new RegExp(TABLE_ID_IN_URL).exec(text);
	return match ? match[1] : text.trim();
}

/**
 * The chosen tables as stored by either version: version 1's list (or expression text), version
 * 2's locator turned into a list of at most one id. Empty: all tables.
 */
export function chosenTables(context: ITriggerFunctions | ILoadOptionsFunctions, version: number): unknown {
	const read = (name: string, fallback: unknown) =>
		'getCurrentNodeParameter' in context ? (context.getCurrentNodeParameter(name) ?? fallback) : context.getNodeParameter(name, fallback);
	if (version < 2) return read('tables', []);
	const id = tableIdFromLocator(read('table', ''));
	return id ? [id] : [];
}

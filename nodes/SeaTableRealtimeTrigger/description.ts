import { type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { tableLocator } from './tableLocator';

// Parameter and option names are a public contract: saved workflows refer to them. Version 1
// stores table ids in `tables`; version 2 one table (or none: all) in the resource locator `table`.
// Every option but Manual Run Timeout and Parallel Processing applies to base changes only (read from the top-level Event).
const forBaseChange = { show: { '/event': ['baseChange'] } };

export const triggerProperties: INodeProperties[] = [
	{
		// An info callout rather than a notice: n8n draws notices as warnings. Its text is a sentence.
		// eslint-disable-next-line n8n-nodes-base/node-param-display-name-miscased
		displayName:
			'Reacts within milliseconds to changes in the base of the credential. "Execute step" waits for the next change: make one in SeaTable while it listens.',
		name: 'notice',
		type: 'callout',
		default: '',
	},
	{
		displayName: 'Event',
		name: 'event',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Base Change',
				value: 'baseChange',
				description: 'A row, link, column, table or view of the base changed',
			},
			{
				name: 'Notification',
				value: 'notification',
				description: "SeaTable's system notifications (e.g. comments, notification rules), not toasts",
			},
		],
		default: 'baseChange',
	},
	{
		displayName: 'Table Names or IDs',
		name: 'tables',
		type: 'multiOptions',
		typeOptions: { loadOptionsMethod: 'getTables' },
		default: [],
		description:
			'Only changes in these tables. Empty means all tables. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
		displayOptions: { show: { event: ['baseChange'], '@version': [1] } },
	},
	tableLocator,
	{
		displayName: 'Operations',
		name: 'operations',
		type: 'multiOptions',
		options: [
			{ name: 'Link Changed', value: 'linkChanged', description: 'Rows were linked or unlinked' },
			{ name: 'Row Created', value: 'rowCreated', description: 'Rows were inserted or appended' },
			{ name: 'Row Deleted', value: 'rowDeleted', description: 'Rows were deleted' },
			{ name: 'Row Updated', value: 'rowUpdated', description: 'Cell values of rows changed' },
			{ name: 'Schema Changed', value: 'schemaChanged', description: 'Columns, tables or views changed' },
		],
		default: [],
		description: 'Only these kinds of change. Empty means all, including kinds this node does not know yet.',
		hint: 'Left empty, every kind of change starts the workflow: all kinds, including ones this node does not know yet.',
		displayOptions: { show: { event: ['baseChange'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			...updateDisplayOptions(forBaseChange, [
				{
					displayName: 'Batch Window (Ms)',
					name: 'batchWindow',
					type: 'number',
					typeOptions: { minValue: 0 },
					default: 0,
					description:
						'Collect the changes of this many milliseconds into one execution with many items, for busy bases. 0 starts one execution per change.',
				},
				{
					displayName: 'Catch Up After Disconnect',
					name: 'catchUp',
					type: 'boolean',
					default: true,
					description:
						"Whether to read the base's operation log after a reconnect or a restart of n8n, and deliver the changes made meanwhile (marked replayed) before live ones",
				},
				{
					displayName: 'Catch Up Limit',
					name: 'catchUpMaxOperations',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 10000,
					description: 'The most changes to replay after a disconnect; older ones are skipped and the log says so',
				},
				{
					displayName: 'Include Full Row',
					name: 'includeFullRow',
					type: 'boolean',
					default: false,
					description:
						'Whether to add the whole row after the change as `full_row` (every column, not only the changed ones). Rows changed within a second are read with one API call.',
				},
				{
					displayName: 'Include Raw Operation',
					name: 'includeRaw',
					type: 'boolean',
					default: false,
					description: "Whether to add SeaTable's raw operation as `operation` to each item",
				},
			]),
			{
				displayName: 'Manual Run Timeout (Seconds)',
				name: 'manualTimeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 120,
				description: '"Execute step" waits this long for the next change, then stops with an error',
			},
			...updateDisplayOptions(forBaseChange, [
				{
					displayName: 'Max Waiting Changes',
					name: 'maxWaitingChanges',
					type: 'number',
					typeOptions: { minValue: 1 },
					default: 1000,
					description:
						'The most changes kept in memory while executions run one at a time or a catch-up runs. Beyond it they are dropped from memory and read again from the operation log, so none is lost.',
				},
			]),
			{
				displayName: 'Parallel Processing',
				name: 'parallelProcessing',
				type: 'boolean',
				default: true,
				description:
					'Whether to start executions in parallel. Changes are always emitted in version order, but n8n may start parallel executions in another order (sort by the item\'s version). When off, the next change waits until the previous execution has finished, so executions start in version order.',
			},
			...updateDisplayOptions(forBaseChange, [
				{
					displayName: 'Resolve Collaborators',
					name: 'resolveCollaborators',
					type: 'boolean',
					default: false,
					description:
						'Whether to show collaborator cells, creator and last modifier as {username, name, email} and add `modifier_name` and `modifier_email`. Reads the base\'s collaborators once at activation.',
				},
				{
					displayName: 'Resolve Links',
					name: 'resolveLinks',
					type: 'boolean',
					default: false,
					description:
						'Whether to show linked rows as [{row_id, display}] with their display value, in link cells and in link changes (`link.added_rows`, `link.removed_rows`)',
				},
				{
					displayName: 'Resolve Names',
					name: 'resolveNames',
					type: 'boolean',
					default: true,
					description:
						'Whether to key rows by column name, turn select option IDs into option names and add the table name',
				},
				{
					displayName: 'Split Batch Changes Into Rows',
					name: 'splitRows',
					type: 'boolean',
					default: true,
					description: 'Whether a change of many rows at once becomes one item per row',
				},
				{
					displayName: 'Watch Column Names or IDs',
					name: 'watchColumns',
					type: 'multiOptions',
					typeOptions: { loadOptionsMethod: 'getColumns', loadOptionsDependsOn: ['tables', 'table.value'] },
					default: [],
					description:
						'For row updates: only when at least one of these columns changed. Empty means any column. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
				},
			]),
		],
	},
];

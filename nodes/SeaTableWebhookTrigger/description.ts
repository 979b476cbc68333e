// What the editor shows of the Webhook Trigger: its parameters and its subtitle.
import { type INodeProperties, updateDisplayOptions } from 'n8n-workflow';

import { triggerProperties } from '../SeaTableRealtimeTrigger/description';

const realtimeOperations = triggerProperties.find((property) => property.name === 'operations') as INodeProperties;

// "Automation" or "Base Webhook" under the node's name on the canvas.
export const webhookTriggerSubtitle = '={{$parameter["source"] === "automation" ? "Automation" : "Base Webhook"}}';

// Each source has its own parameters; Source and Options apply to both.
export const forBaseWebhook = { show: { source: ['baseWebhook'] } };
export const forAutomation = { show: { source: ['automation'] } };

// Parameter names are a public contract: saved workflows store them.
export const webhookTriggerProperties: INodeProperties[] = [
	...updateDisplayOptions(forBaseWebhook, [
		{
			displayName:
				'Add the Production URL in SeaTable (base menu → Advanced → Webhooks), with the secret of the Webhook Secret credential. Answers 200 at once; the workflow runs after.',
			name: 'notice',
			type: 'notice',
			default: '',
		},
	]),
	...updateDisplayOptions(forAutomation, [
		{
			displayName:
				'Post to the Production URL from the Python script of a SeaTable automation (see the README for a script that signs the body).',
			name: 'automationNotice',
			type: 'notice',
			default: '',
		},
	]),
	{
		displayName: 'Source',
		name: 'source',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Base Webhook',
				value: 'baseWebhook',
				description: 'SeaTable\'s base webhook: {"event": "update", "data": {…}} for every row change',
			},
			{
				name: 'Automation',
				value: 'automation',
				description: 'Any JSON object an automation script posts, such as {"action": "transfer", "_id": row_id}',
			},
		],
		default: 'baseWebhook',
	},
	...updateDisplayOptions(forBaseWebhook, [
		{
			displayName: 'Tables',
			name: 'tables',
			type: 'string',
			default: '',
			placeholder: 'e.g. Tasks, 0000',
			description: 'Only changes in these tables (names or IDs, comma-separated). Empty means all tables.',
		},
		// The realtime trigger's kinds of change, less schema changes (base webhooks carry row changes only).
		{
			...realtimeOperations,
			options: realtimeOperations.options?.filter((option) => 'value' in option && option.value !== 'schemaChanged'),
			// Its condition on the realtime trigger's Event does not apply here.
			displayOptions: undefined,
		},
		{
			displayName: 'Watch Columns',
			name: 'watchColumns',
			type: 'string',
			default: '',
			placeholder: 'e.g. Status, Priority',
			description: 'For row updates: only when one of these columns changed (names or keys, comma-separated). Empty means any column.',
		},
	]),
	...updateDisplayOptions(forAutomation, [
		{
			displayName: 'Actions',
			name: 'actions',
			type: 'string',
			default: '',
			placeholder: 'e.g. transfer, approve',
			description: 'Only posts whose "action" is one of these (comma-separated). Empty means every post.',
		},
		{
			displayName: 'Table of the Row',
			name: 'table',
			type: 'string',
			default: '',
			placeholder: 'e.g. Tasks',
			description:
				'With a SeaTable Realtime API credential selected: the table (name or ID) the row named by _id is read from, unless the body says "table_name"',
		},
	]),
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add option',
		default: {},
		options: [
			{
				displayName: 'Accept Unsigned Requests',
				name: 'allowUnsigned',
				type: 'boolean',
				default: false,
				description:
					'Whether to accept requests without an X-SeaTable-Signature header although a secret is set. A wrong signature is always refused.',
			},
			{
				displayName: 'Dedupe Window (Seconds)',
				name: 'dedupeWindow',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 60,
				description: 'An identical event delivered again within this time starts no second execution. 0 turns this off.',
			},
		],
	},
];

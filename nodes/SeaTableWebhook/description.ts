// What the editor shows of the Webhook node: its parameters and its subtitle.
import type { INodeProperties } from 'n8n-workflow';

// The Webhook node's subtitle on the canvas, in words: what is sent, and where
// ("Row id + action to example.com/hook"). n8n evaluates it as an expression.
const WHAT = '({actionAndRow: "Row id + action", item: "Input item", custom: "Custom JSON"}[$parameter.payload] || "JSON")';
const WHERE = '($parameter.url ? " to " + String($parameter.url).replace(/^https?:\\/\\//, "").replace(/[?#].*$/, "") : " (no URL yet)")';

export const webhookSubtitle = `={{ ${WHAT} + ${WHERE} }}`;

// Parameter names are part of the public contract (workflows store them): do not rename.
export const webhookProperties: INodeProperties[] = [
	{
		displayName: 'URL',
		name: 'url',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'https://example.com/webhook',
		description: 'The address the POST request is sent to (http or https)',
	},
	{
		displayName: 'Payload',
		name: 'payload',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'Action and Row ID',
				value: 'actionAndRow',
				description: 'Send {"action": ..., "_id": ...}, as in SeaTable\'s example',
			},
			{
				name: 'Custom JSON',
				value: 'custom',
				description: 'Send the JSON written in Body',
			},
			{
				name: 'Input Item',
				value: 'item',
				description: "Send the input item's JSON, plus the action when one is set",
			},
		],
		default: 'actionAndRow',
		description: 'What the JSON body contains',
	},
	{
		displayName: 'Action',
		name: 'action',
		type: 'string',
		default: '',
		placeholder: 'e.g. approve',
		description: 'Tells the receiver what to do with the row',
		displayOptions: { show: { payload: ['actionAndRow', 'item'] } },
	},
	{
		displayName: 'Row ID',
		name: 'rowId',
		type: 'string',
		default: '={{ $json.row_id }}',
		description: 'The ID of the SeaTable row, sent as _id',
		hint: "$json is the output of the node just before this one. After any node other than the trigger (e.g. SeaTable Toast) it has no row_id: use {{ $('SeaTable Realtime Trigger').item.json.row_id }}.",
		displayOptions: { show: { payload: ['actionAndRow'] } },
	},
	{
		displayName: 'Body',
		name: 'body',
		type: 'json',
		default: '{}',
		description: 'The JSON to send',
		displayOptions: { show: { payload: ['custom'] } },
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Headers',
				name: 'headers',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Header',
				description: 'Extra headers to send with the request',
				options: [
					{
						displayName: 'Header',
						name: 'header',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
							},
						],
					},
				],
			},
			{
				displayName: 'Idempotency Key',
				name: 'idempotencyKey',
				type: 'boolean',
				default: true,
				description:
					'Whether to send an Idempotency-Key header that stays the same across the retries of one item, so the receiver can drop duplicates',
			},
			{
				displayName: 'Max Response Size (MB)',
				name: 'maxResponseSize',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 256 },
				default: 10,
				description:
					'The largest answer read into the output item, in megabytes. A larger answer fails the item (the request itself was delivered, so it is not retried).',
			},
			{
				displayName: 'Retries',
				name: 'retries',
				type: 'number',
				typeOptions: { minValue: 0, maxValue: 10 },
				default: 3,
				description:
					'How often to try again after a network error, a timeout, 429 or 5xx. Other 4xx answers are never retried.',
			},
			{
				displayName: 'Secret',
				name: 'secret',
				type: 'string',
				typeOptions: { password: true },
				default: '',
				description:
					'Signs the body like SeaTable\'s own webhooks do: the header X-SeaTable-Signature carries "sha256=" and the hex HMAC-SHA256 of the exact bytes sent',
				// Saved in the workflow in plain text: new nodes (1.1) take the secret from a credential.
				displayOptions: { show: { '@version': [1] } },
			},
			{
				displayName: 'Timeout',
				name: 'timeout',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 10000,
				description:
					'How long each attempt may take, from connecting to the last byte of the answer, in milliseconds',
			},
		],
	},
];

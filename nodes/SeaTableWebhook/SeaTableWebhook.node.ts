import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { seaTableWebhookSecretTest } from '../shared/webhookSecret';
import { webhookProperties, webhookSubtitle } from './description';
import { executeWebhook } from './execute';

export class SeaTableWebhook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Webhook',
		name: 'seaTableWebhook',
		icon: { light: 'file:../icons/seatableWebhook.svg', dark: 'file:../icons/seatableWebhook.dark.svg' },
		group: ['output'],
		// 1.1: the signing secret comes from a credential; version 1 keeps its Secret option.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: webhookSubtitle,
		description:
			'POSTs a row action ({"action", "_id"} as SeaTable sends it), the item or custom JSON to any URL, signed like SeaTable\'s webhooks and retried',
		defaults: {
			name: 'SeaTable Webhook',
		},
		usableAsTool: true,
		credentials: [{ name: 'seaTableWebhookSecretApi', required: false, testedBy: 'seaTableWebhookSecretTest' }],
		// The community rule requires the enum; the older nodes-base rules only accept 'main'.
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		properties: webhookProperties,
	};

	methods = { credentialTest: { seaTableWebhookSecretTest } };

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeWebhook.call(this);
	}
}

import {
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
	NodeConnectionTypes,
} from 'n8n-workflow';

import { seaTableWebhookSecretTest } from '../shared/webhookSecret';
import { webhookProperties } from './description';
import { executeWebhook } from './execute';

export class SeaTableWebhook implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Webhook',
		name: 'seaTableWebhook',
		icon: { light: 'file:../icons/seatable.svg', dark: 'file:../icons/seatable.dark.svg' },
		group: ['output'],
		// 1.1: the signing secret comes from a credential; version 1 keeps its Secret option.
		version: [1, 1.1],
		defaultVersion: 1.1,
		subtitle: '={{$parameter["payload"]}}',
		description: 'Send a signed JSON POST with retries, such as a SeaTable row action, to any webhook',
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
		return executeWebhook.call(this);
	}
}

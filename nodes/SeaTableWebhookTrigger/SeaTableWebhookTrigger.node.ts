import {
	NodeConnectionTypes,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../shared/client';
import { seaTableWebhookSecretTest } from '../shared/webhookSecret';
import { forAutomation, webhookTriggerProperties, webhookTriggerSubtitle } from './description';
import { receive } from './webhook';

// No webhookMethods: SeaTable's webhook API needs an account token (not a base API token) and an
// automation's script cannot be registered from outside, so the user adds the URL, as with n8n's Webhook node.
// eslint-disable-next-line @n8n/community-nodes/webhook-lifecycle-complete
export class SeaTableWebhookTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'SeaTable Webhook Trigger',
		name: 'seaTableWebhookTrigger',
		icon: { light: 'file:seaTableWebhookTrigger.svg', dark: 'file:seaTableWebhookTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: webhookTriggerSubtitle,
		description: "Starts the workflow when SeaTable posts a base webhook or an automation's request, verified by its signature",
		eventTriggerDescription: 'Waiting for SeaTable to post to the test URL',
		activationMessage: 'Add the Production URL to your SeaTable base webhook or automation script.',
		defaults: { name: 'SeaTable Webhook Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [
			{ name: 'seaTableWebhookSecretApi', required: false, testedBy: 'seaTableWebhookSecretTest' },
			{ name: CREDENTIAL_TYPE, required: false, displayOptions: forAutomation },
		],
		webhooks: [
			{
				name: 'default',
				httpMethod: 'POST',
				// The node writes its own answer (200 at once, 400/401 with a reason).
				responseMode: 'onReceived',
				path: 'webhook',
			},
		],
		properties: webhookTriggerProperties,
	};

	methods = { credentialTest: { seaTableWebhookSecretTest } };

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		return await receive.call(this);
	}
}

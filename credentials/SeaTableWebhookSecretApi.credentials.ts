import type { Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

// The signing secret of SeaTable webhooks, kept encrypted with n8n's credentials instead of in the
// workflow. Used by the SeaTable Webhook Trigger (to verify) and the SeaTable Webhook node (to sign).
export class SeaTableWebhookSecretApi implements ICredentialType {
	name = 'seaTableWebhookSecretApi';

	displayName = 'SeaTable Webhook Secret API';

	documentationUrl = 'https://github.com/seatable-realtime/n8n-nodes-seatable-realtime#webhook-secret-credential';

	icon: Icon = { light: 'file:../nodes/icons/seatable.svg', dark: 'file:../nodes/icons/seatable.dark.svg' };

	properties: INodeProperties[] = [
		{
			displayName: 'Secret',
			name: 'secret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'The secret of the base webhook in SeaTable (or of your automation script). Requests are signed with X-SeaTable-Signature: sha256=<hex HMAC-SHA256 of the body>.',
		},
	];
}

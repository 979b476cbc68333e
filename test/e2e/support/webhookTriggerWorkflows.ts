// Workflows with the SeaTable Webhook Trigger, as the editor saves them (with a webhookId), and
// the URL n8n serves for them.
import { randomUUID } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { CREDENTIAL_TYPE, type WorkflowInput } from '../../n8n/harness';
import { PACKAGE, TRIGGER, type Target } from './workflows';

export const WEBHOOK_TRIGGER = 'SeaTable Webhook Trigger';
export const SECRET_CREDENTIAL_TYPE = 'seaTableWebhookSecretApi';

export interface WebhookTarget extends Target {
	secretCredentialId: string;
	secretCredentialName: string;
}

export interface WebhookTriggerWorkflow {
	workflow: WorkflowInput;
	webhookId: string;
}

/** The production URL of a webhook trigger: `/webhook/<webhookId>/webhook`. */
export function productionUrl(baseUrl: string, webhookId: string): string {
	return `${baseUrl}/webhook/${webhookId}/webhook`;
}

export function webhookTriggerWorkflow(
	target: WebhookTarget,
	parameters: Record<string, unknown>,
	options: { readRows?: boolean; name?: string } = {},
): WebhookTriggerWorkflow {
	const webhookId = randomUUID();
	const credentials: Record<string, unknown> = {
		[SECRET_CREDENTIAL_TYPE]: { id: target.secretCredentialId, name: target.secretCredentialName },
	};
	if (options.readRows) credentials[CREDENTIAL_TYPE] = { id: target.credentialId, name: target.credentialName };
	return {
		webhookId,
		workflow: {
			name: options.name ?? `webhook trigger ${Date.now()}`,
			nodes: [
				{
					id: randomUUID(),
					name: WEBHOOK_TRIGGER,
					type: `${PACKAGE}.seaTableWebhookTrigger`,
					typeVersion: 1,
					position: [0, 0],
					webhookId,
					parameters,
					credentials,
				},
			],
			connections: {},
		},
	};
}

/** Realtime trigger → SeaTable Webhook 1.1 signing with the secret credential, posting `{action, _id}` to `url`. */
export function forwardingWorkflow(target: WebhookTarget, url: string, action: string, tables: string[]): WorkflowInput {
	const WEBHOOK = 'SeaTable Webhook';
	return {
		name: `forward ${Date.now()}`,
		nodes: [
			{
				id: randomUUID(),
				name: TRIGGER,
				type: `${PACKAGE}.seaTableRealtimeTrigger`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { event: 'baseChange', tables, operations: ['rowCreated'], options: {} },
				credentials: { [CREDENTIAL_TYPE]: { id: target.credentialId, name: target.credentialName } },
			},
			{
				id: randomUUID(),
				name: WEBHOOK,
				type: `${PACKAGE}.seaTableWebhook`,
				typeVersion: 1.1,
				position: [260, 0],
				parameters: { url, payload: 'actionAndRow', action, rowId: '={{ $json.row_id }}', options: {} },
				credentials: { [SECRET_CREDENTIAL_TYPE]: { id: target.secretCredentialId, name: target.secretCredentialName } },
			},
		],
		connections: { [TRIGGER]: { main: [[{ node: WEBHOOK, type: 'main', index: 0 }]] } },
	};
}

export const EXAMPLE_WORKFLOW_FILE = path.join(__dirname, '..', '..', '..', 'examples', 'seatable-webhook-trigger.workflow.json');

/** The example users import, with the credentials filled in (and a fresh webhook id per run). */
export function fillExampleWorkflow(target: WebhookTarget): WebhookTriggerWorkflow {
	const workflow = JSON.parse(fs.readFileSync(EXAMPLE_WORKFLOW_FILE, 'utf8')) as WorkflowInput;
	const webhookId = randomUUID();
	for (const node of workflow.nodes) {
		const credentials = node.credentials as Record<string, unknown> | undefined;
		if (credentials?.[SECRET_CREDENTIAL_TYPE]) {
			credentials[SECRET_CREDENTIAL_TYPE] = { id: target.secretCredentialId, name: target.secretCredentialName };
		}
		if (credentials?.[CREDENTIAL_TYPE]) credentials[CREDENTIAL_TYPE] = { id: target.credentialId, name: target.credentialName };
		if (node.webhookId) node.webhookId = webhookId;
	}
	return { workflow, webhookId };
}

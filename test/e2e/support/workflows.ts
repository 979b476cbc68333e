// Workflows the end-to-end tests import into n8n, written the way the editor saves them.
import { randomUUID } from 'crypto';

import { SAMPLE_IDS } from '../../emulator';
import { CREDENTIAL_TYPE, type WorkflowInput } from '../../n8n/harness';

export const PACKAGE = 'n8n-nodes-seatable-realtime';
export const TRIGGER = 'SeaTable Realtime Trigger';
export const TOAST = 'SeaTable Toast';
export const WEBHOOK = 'SeaTable Webhook';
export const WEBHOOK_ACTION = 'task-created';

export interface Target {
	credentialId: string;
	credentialName: string;
}

function credentials(target: Target): Record<string, unknown> {
	return { [CREDENTIAL_TYPE]: { id: target.credentialId, name: target.credentialName } };
}

/** The trigger on rows created in Tasks; `options` are the trigger's options collection. */
export function triggerNode(target: Target, options: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		id: randomUUID(),
		name: TRIGGER,
		type: `${PACKAGE}.seaTableRealtimeTrigger`,
		typeVersion: 1,
		position: [0, 0],
		parameters: { event: 'baseChange', tables: [SAMPLE_IDS.tasks], operations: ['rowCreated'], options },
		credentials: credentials(target),
	};
}

/** Trigger → Toast (to whoever made the change, naming the row) → signed Webhook `{action, _id}`. */
export function pipelineWorkflow(
	target: Target & { receiverUrl: string; secret: string },
	name = `pipeline ${Date.now()}`,
): WorkflowInput {
	return {
		name,
		nodes: [
			triggerNode(target),
			{
				id: randomUUID(),
				name: TOAST,
				type: `${PACKAGE}.seaTableToast`,
				typeVersion: 1,
				position: [260, 0],
				parameters: {
					to: '={{ $json.modifier }}',
					message: '=New task: {{ $json.row.Name }}',
					toastType: 'success',
				},
				credentials: credentials(target),
			},
			{
				id: randomUUID(),
				name: WEBHOOK,
				type: `${PACKAGE}.seaTableWebhook`,
				typeVersion: 1,
				position: [520, 0],
				parameters: {
					url: target.receiverUrl,
					payload: 'actionAndRow',
					action: WEBHOOK_ACTION,
					// The toast's output replaced $json, so the row id comes from the trigger's item.
					rowId: `={{ $('${TRIGGER}').item.json.row_id }}`,
					options: { secret: target.secret },
				},
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: TOAST, type: 'main', index: 0 }]] },
			[TOAST]: { main: [[{ node: WEBHOOK, type: 'main', index: 0 }]] },
		},
	};
}

/** Only the trigger: for manual runs. */
export function triggerOnlyWorkflow(target: Target, options: Record<string, unknown> = {}, name = `trigger ${Date.now()}`): WorkflowInput {
	return { name, nodes: [triggerNode(target, options)], connections: {} };
}

// The workflow the editor's end-to-end test opens in the browser, written as n8n's editor saves
// version 2 nodes: the trigger's table picked by the URL of a SeaTable table view, the toast's
// recipient picked from the list (with the name n8n keeps for it), a signed webhook.
import { randomUUID } from 'crypto';

import { SAMPLE_IDS, sampleBase } from '../../emulator';
import { CREDENTIAL_TYPE, type WorkflowInput } from '../../n8n/harness';
import { PACKAGE, TOAST, TRIGGER, WEBHOOK, type Target } from './workflows';

export const EDITOR_NODE_IDS = { trigger: randomUUID(), toast: randomUUID(), webhook: randomUUID() };

/** What SeaTable's address bar shows with the Tasks table open. */
export function tasksTableUrl(serverUrl: string): string {
	return `${serverUrl}/workspace/42/dtable/Project%20Tracker/?tid=${SAMPLE_IDS.tasks}&vid=0000`;
}

export function editorWorkflow(target: Target & { serverUrl: string; receiverUrl: string }, name = `editor ${Date.now()}`): WorkflowInput {
	const credentials = { [CREDENTIAL_TYPE]: { id: target.credentialId, name: target.credentialName } };
	const [anna] = sampleBase().collaborators;
	return {
		name,
		nodes: [
			{
				id: EDITOR_NODE_IDS.trigger,
				name: TRIGGER,
				type: `${PACKAGE}.seaTableRealtimeTrigger`,
				typeVersion: 2,
				position: [0, 0],
				parameters: {
					event: 'baseChange',
					table: { __rl: true, mode: 'url', value: tasksTableUrl(target.serverUrl) },
					operations: ['rowCreated', 'rowUpdated'],
					options: { manualTimeout: 120 },
				},
				credentials,
			},
			{
				id: EDITOR_NODE_IDS.toast,
				name: TOAST,
				type: `${PACKAGE}.seaTableToast`,
				typeVersion: 2,
				position: [260, 0],
				parameters: {
					to: { __rl: true, mode: 'list', value: anna.email, cachedResultName: anna.name },
					message: '=Task changed: {{ $json.row.Name }}',
					toastType: 'success',
				},
				credentials,
			},
			{
				id: EDITOR_NODE_IDS.webhook,
				name: WEBHOOK,
				type: `${PACKAGE}.seaTableWebhook`,
				typeVersion: 1,
				position: [520, 0],
				parameters: {
					url: target.receiverUrl,
					payload: 'actionAndRow',
					action: 'task-changed',
					rowId: `={{ $('${TRIGGER}').item.json.row_id }}`,
					options: {},
				},
			},
		],
		connections: {
			[TRIGGER]: { main: [[{ node: TOAST, type: 'main', index: 0 }]] },
			[TOAST]: { main: [[{ node: WEBHOOK, type: 'main', index: 0 }]] },
		},
	};
}

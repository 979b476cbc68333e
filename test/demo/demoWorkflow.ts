// The example workflow users can import (seatable-realtime-demo.workflow.json), filled in for a run:
// the credential in every SeaTable node, the receiver's URL and the signing secret in the webhook.
import * as fs from 'fs';
import * as path from 'path';

import { CREDENTIAL_TYPE, type WorkflowInput } from '../n8n/harness';

export const DEMO_WORKFLOW_FILE = path.join(__dirname, 'seatable-realtime-demo.workflow.json');

const WEBHOOK_TYPE = 'n8n-nodes-seatable-realtime.seaTableWebhook';

type Node = Record<string, unknown> & { type: string; parameters: Record<string, unknown> };

export function loadDemoWorkflow(file = DEMO_WORKFLOW_FILE): WorkflowInput & { nodes: Node[] } {
	return JSON.parse(fs.readFileSync(file, 'utf8')) as WorkflowInput & { nodes: Node[] };
}

export function fillDemoWorkflow(
	fill: {
		credential: { id: string; name: string };
		webhookUrl: string;
		secret: string;
	},
	file = DEMO_WORKFLOW_FILE,
): WorkflowInput {
	const workflow = loadDemoWorkflow(file);
	for (const node of workflow.nodes) {
		const credentials = node.credentials as Record<string, unknown> | undefined;
		if (credentials?.[CREDENTIAL_TYPE]) credentials[CREDENTIAL_TYPE] = { ...fill.credential };
		if (node.type === WEBHOOK_TYPE) {
			node.parameters.url = fill.webhookUrl;
			node.parameters.options = { ...(node.parameters.options as object), secret: fill.secret };
		}
	}
	return workflow;
}

// The README's screenshots, taken from the demo's real editor: the schema view before the first
// change (`schema-view.png`), then, after a few changes, the trigger panel while "Execute step"
// listens (`trigger-panel.png`) and the canvas (`workflow.png`).
import * as path from 'path';

import type { Owner } from '../n8n/harness';
import { loadDemoWorkflow } from './demoWorkflow';
import { screenshotWorkflow } from './screenshot';

export interface DemoShots {
	baseUrl: string;
	workflowId: string;
	owner: Owner;
	/** Folder for the three files. */
	dir: string;
}

function nodeId(name: string): string {
	const node = loadDemoWorkflow().nodes.find((entry) => entry.name === name);
	if (!node) throw new Error(`the demo workflow has no node "${name}"`);
	return String(node.id);
}

/** Before the first change: the webhook's input lists the toast's fields from its schema. */
export async function shootBeforeChanges(shots: DemoShots): Promise<string[]> {
	const file = path.join(shots.dir, 'schema-view.png');
	await screenshotWorkflow({ ...shots, schemaView: { nodeId: nodeId('Signed webhook'), parent: 'Toast the author', file } });
	return [file];
}

export async function shootWhileRunning(shots: DemoShots): Promise<string[]> {
	const files = { triggerPanel: path.join(shots.dir, 'trigger-panel.png'), canvas: path.join(shots.dir, 'workflow.png') };
	await screenshotWorkflow({
		...shots,
		triggerPanel: { nodeId: nodeId('SeaTable Realtime Trigger'), file: files.triggerPanel },
		canvas: files.canvas,
	});
	return [files.triggerPanel, files.canvas];
}

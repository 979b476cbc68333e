// A workflow saved with version 1 of the nodes (the demo workflow as shipped in 0.1.0, frozen in
// fixtures/) opens in the editor without problems and runs as before.
import { afterAll, describe, expect, it } from '@jest/globals';
import * as path from 'path';

import { EditorBrowser } from '../demo/browser';
import { fillDemoWorkflow } from '../demo/demoWorkflow';
import { canvasNodes, waitForCanvasIcons } from '../demo/editorViews';
import { SAMPLE_IDS, sampleBase } from '../emulator';
import { assertAllSucceeded, nodeOutput, waitForExactly } from './support/executions';
import { useStack } from './support/stack';

const SAVED = path.join(__dirname, 'fixtures', 'demo-workflow-0.1.0.workflow.json');
const [, ben] = sampleBase().collaborators;

describe('a workflow saved with version 1 of the nodes', () => {
	const world = useStack();
	let browser: EditorBrowser | undefined;
	afterAll(async () => {
		await browser?.close();
	}, 30_000);

	it('opens in the editor with every node known and without parameter issues, and runs', async () => {
		const { emulator, n8n, receiver, credentialId, credentialName } = world();
		const workflow = await n8n.createWorkflow(
			fillDemoWorkflow({ credential: { id: credentialId, name: credentialName }, webhookUrl: receiver.url(), secret: world().secret }, SAVED),
		);

		browser = await EditorBrowser.launch();
		await browser.login(n8n.baseUrl, n8n.owner);
		await browser.openWorkflow(n8n.baseUrl, workflow.id);
		await waitForCanvasIcons(browser);
		const nodes = (await canvasNodes(browser)).filter((node) => node.type.startsWith('n8n-nodes-seatable-realtime.'));
		expect(nodes.map((node) => [node.name, node.icon.split('/').pop()])).toEqual([
			['SeaTable Realtime Trigger', 'seatableTrigger.svg'],
			['Toast the author', 'seatableToast.svg'],
			['Signed webhook', 'seatableWebhook.svg'],
		]);
		// n8n marks a node whose stored parameters do not fit its description with a warning.
		expect(await browser.evaluate<number>(`document.querySelectorAll('[data-test-id="canvas-node-status-warning"]').length`)).toBe(0);

		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(workflow.id);
		await joined;
		const { row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Saved with 0.1.0', Status: 'Open' }, { author: ben.email });
		const executions = await waitForExactly(n8n, workflow.id, 1, { timeoutMs: 30_000 });
		assertAllSucceeded(executions);
		expect(nodeOutput(executions[0], 'Toast the author')).toEqual([expect.objectContaining({ sent: true, to: [ben.email], message: 'New task: Saved with 0.1.0' })]);
		expect(receiver.deliveries.map((delivery) => delivery.json)).toContainEqual({ action: 'insert_row', _id: row._id });
		await n8n.deactivateWorkflow(workflow.id);
	}, 180_000);
});

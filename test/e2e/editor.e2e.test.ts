// The nodes in n8n's real editor (headless Chromium over its DevTools pipe, as the demo's
// screenshots): distinct icons and subtitles in words on the canvas, output schemas served and
// shown before anything ran, the trigger panel's instructions while "Execute step" listens, and a
// table picked by the URL of a SeaTable table view delivering that table's changes.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

import { EditorBrowser } from '../demo/browser';
import { canvasNodes, listenInTriggerPanel, openSchemaView, outputText, stopListening, waitForCanvasIcons } from '../demo/editorViews';
import { SAMPLE_IDS, sampleBase } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { failure, nodeOutput } from './support/executions';
import { EDITOR_NODE_IDS, editorWorkflow } from './support/editorWorkflow';
import { useStack } from './support/stack';
import { PACKAGE, TOAST, TRIGGER, WEBHOOK } from './support/workflows';

const [anna] = sampleBase().collaborators;

describe('the nodes in the n8n editor', () => {
	const world = useStack();
	let browser: EditorBrowser | undefined;
	let workflowId = '';
	let schemaResponses: Array<{ url: string; status: number }> = [];

	beforeAll(async () => {
		const { n8n, emulator, receiver } = world();
		workflowId = (await n8n.createWorkflow(editorWorkflow({ ...world(), serverUrl: emulator.url, receiverUrl: receiver.url() }))).id;
		browser = await EditorBrowser.launch();
		schemaResponses = await browser.recordResponses('/schemas/');
		await browser.login(n8n.baseUrl, n8n.owner);
	}, 120_000);

	afterAll(async () => {
		await browser?.close();
	}, 30_000);

	const page = () => {
		if (!browser) throw new Error('Chromium did not start (see beforeAll)');
		return browser;
	};

	it('draws three distinct icons and subtitles in words on the canvas', async () => {
		const { n8n, receiver } = world();
		await page().openWorkflow(n8n.baseUrl, workflowId);
		await waitForCanvasIcons(page());
		const nodes = await canvasNodes(page());
		expect(nodes.map(({ name, subtitle }) => [name, subtitle])).toEqual([
			[TRIGGER, 'Rows created, Rows updated in table 0000'],
			[TOAST, `to ${anna.name}`],
			[WEBHOOK, `Row id + action to ${new URL(receiver.url()).host}${new URL(receiver.url()).pathname}`],
		]);
		const icons = nodes.map((node) => node.icon);
		expect(new Set(icons).size).toBe(3);
		expect(icons.map((icon) => icon.split('/').pop())).toEqual(['seatableTrigger.svg', 'seatableToast.svg', 'seatableWebhook.svg']);
		// The editor loads them from n8n: each one an SVG (light theme).
		for (const icon of icons) {
			const answer = await page().evaluate<{ status: number; type: string }>(
				`fetch(${JSON.stringify(icon)}).then((r) => ({ status: r.status, type: r.headers.get('content-type') }))`,
			);
			expect(answer).toEqual({ status: 200, type: expect.stringContaining('svg') });
		}
	}, 60_000);

	it("shows a node's output fields before it ever ran, from the schema n8n serves", async () => {
		const { n8n } = world();
		// Nothing has run in this workflow yet: the Webhook's input can only come from the Toast's schema.
		await page().openWorkflow(n8n.baseUrl, workflowId, EDITOR_NODE_IDS.webhook);
		const view = await openSchemaView(page(), TOAST);
		expect(view.nodes).toContainEqual({ name: TOAST, preview: true });
		expect(view.fields).toEqual(expect.arrayContaining(['sent', 'to', 'toastType', 'message']));
		// The editor asked n8n for the trigger's and the toast's schemas, and got them (it used to get 404).
		await page().openWorkflow(n8n.baseUrl, workflowId, EDITOR_NODE_IDS.toast);
		await openSchemaView(page(), TRIGGER);
		await waitFor('the editor to ask for the schemas', () => schemaResponses.length >= 2);
		const asked = (nodeType: string, version: string) =>
			schemaResponses.filter((response) => response.url.endsWith(`/schemas/${PACKAGE}.${nodeType}/${version}.json`)).map((response) => response.status);
		expect(asked('seaTableToast', '2.0.0')).toContain(200);
		expect(asked('seaTableRealtimeTrigger', '2.0.0')).toContain(200);
		expect(schemaResponses.filter((response) => response.status !== 200)).toEqual([]);
		// n8n 2.8 and 2.41 draw no preview for a trigger ("Trigger nodes do not have schema previews");
		// where an editor does, the trigger's fields are the ones of the served schema.
		const triggerFields = await page().evaluate<{ fields: string[]; properties: string[] }>(`(async () => ({
			fields: [...document.querySelectorAll('[data-test-id="ndv-input-panel"] [data-test-id="run-data-schema-item"] [data-name]')].map((pill) => pill.dataset.name),
			properties: Object.keys((await (await fetch('/schemas/${PACKAGE}.seaTableRealtimeTrigger/2.0.0.json')).json()).properties),
		}))()`);
		expect(triggerFields.properties).toEqual(expect.arrayContaining(['row_id', 'row', 'old_row', 'changed_columns', 'modifier', 'table_name']));
		const previewed = triggerFields.fields.filter((field) => triggerFields.properties.includes(field) && !field.startsWith('$'));
		if (previewed.length > 0) expect(previewed).toEqual(expect.arrayContaining(['row_id', 'modifier']));
	}, 60_000);

	it('guides while "Execute step" listens, and the table picked by URL delivers its change', async () => {
		const { n8n, emulator } = world();
		await page().openWorkflow(n8n.baseUrl, workflowId, EDITOR_NODE_IDS.trigger);
		const panel = await listenInTriggerPanel(page());
		expect(panel).toContain('Make a change in SeaTable now');
		expect(panel).toContain('make a change in SeaTable, in the base of the credential: in the table chosen under Table');
		await waitFor('the manual run to join the base', () => emulator.joinedCount() > 0, 30_000);

		// The socket joins before the node listens, so keep changing until one arrives; each time another
		// table first: the table picked by URL is Tasks, so only Tasks rows may arrive.
		const tasksRows: string[] = [];
		let output = '';
		for (let attempt = 0; !output && attempt < 20; attempt++) {
			emulator.insertRow(SAMPLE_IDS.projects, { Name: 'Not in the picked table' }, { author: anna.email });
			tasksRows.push(emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Picked by URL', Status: 'Open' }, { author: anna.email }).row._id);
			output = await outputText(page(), 'Picked by URL', 3000).catch(() => '');
		}
		expect(output).toContain('Picked by URL');
		expect(output).not.toContain('Not in the picked table');
		const [execution] = await n8n.listExecutions(workflowId);
		expect(failure(execution)).toBeUndefined();
		const items = nodeOutput(execution, TRIGGER);
		expect(items).toEqual([expect.objectContaining({ table_id: SAMPLE_IDS.tasks, table_name: 'Tasks' })]);
		expect(tasksRows).toContain(items[0].row_id);
		await waitFor('the manual run to close its socket', () => emulator.socketCount() === 0, 30_000);
	}, 120_000);

	it('stops listening when asked', async () => {
		const { n8n, emulator } = world();
		await waitFor('no manual run to listen any more', () => emulator.socketCount() === 0, 30_000);
		await page().openWorkflow(n8n.baseUrl, workflowId, EDITOR_NODE_IDS.trigger);
		await listenInTriggerPanel(page());
		await waitFor('the manual run to join the base', () => emulator.socketCount() > 0, 30_000);
		await stopListening(page());
		await waitFor('the manual run to close its socket', () => emulator.socketCount() === 0, 30_000);
	}, 90_000);
});

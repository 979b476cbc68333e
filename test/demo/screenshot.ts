// Screenshots of a workflow in the n8n editor, taken in headless Chromium (browser.ts): the canvas,
// and optionally the trigger panel while "Execute step" listens and the schema view of the node
// after the trigger before any event.
import * as path from 'path';

import type { Owner } from '../n8n/harness';
import { EditorBrowser } from './browser';
import { listenInTriggerPanel, openSchemaView, waitForCanvasIcons } from './editorViews';

export interface ScreenshotOptions {
	baseUrl: string;
	workflowId: string;
	owner: Owner;
	/** The canvas. */
	file: string;
	width?: number;
	height?: number;
	/** Also the trigger panel while listening (stops listening afterwards). */
	triggerPanel?: { nodeId: string; file: string };
	/** Also the schema view of this node's input, before the trigger's first event. */
	schemaView?: { nodeId: string; file: string };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function screenshotWorkflow(options: ScreenshotOptions): Promise<void> {
	const browser = await EditorBrowser.launch({ width: options.width, height: options.height });
	try {
		await browser.login(options.baseUrl, options.owner);
		if (options.schemaView) {
			await browser.openWorkflow(options.baseUrl, options.workflowId, options.schemaView.nodeId);
			await openSchemaView(browser);
			await browser.screenshot(path.resolve(options.schemaView.file));
		}
		if (options.triggerPanel) {
			await browser.openWorkflow(options.baseUrl, options.workflowId, options.triggerPanel.nodeId);
			await listenInTriggerPanel(browser);
			await browser.screenshot(path.resolve(options.triggerPanel.file));
		}
		await browser.openWorkflow(options.baseUrl, options.workflowId);
		await waitForCanvasIcons(browser);
		// Let the canvas fit the view.
		await sleep(1500);
		await browser.screenshot(path.resolve(options.file));
	} catch (error) {
		throw new Error(`${(error as Error).message}\n--- Chromium said ---\n${browser.chromiumSaid()}`);
	} finally {
		await browser.close();
	}
}

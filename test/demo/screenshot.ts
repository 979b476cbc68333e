// Screenshots of a workflow in the n8n editor, taken in headless Chromium (browser.ts): the
// canvas, the trigger panel while "Execute step" listens, and the schema view of a node's input
// before anything ran. Each is optional; they are taken in that order of the options given.
import { setTimeout as delay } from 'node:timers/promises';
import * as path from 'path';

import type { Owner } from '../n8n/harness';
import { EditorBrowser } from './browser';
import { dismissChecklist, listenInTriggerPanel, openSchemaView, stopListening, waitForCanvasIcons } from './editorViews';

export interface ScreenshotOptions {
	baseUrl: string;
	workflowId: string;
	owner: Owner;
	width?: number;
	height?: number;
	/** The schema view of this node's input; `parent` is the node whose fields it should list. */
	schemaView?: { nodeId: string; parent: string; file: string };
	/** The trigger panel while listening (stops listening afterwards). */
	triggerPanel?: { nodeId: string; file: string };
	/** The canvas. */
	canvas?: string;
}

export async function screenshotWorkflow(options: ScreenshotOptions): Promise<void> {
	const browser = await EditorBrowser.launch({ width: options.width, height: options.height });
	try {
		await browser.login(options.baseUrl, options.owner);
		if (options.schemaView) {
			await browser.openWorkflow(options.baseUrl, options.workflowId, options.schemaView.nodeId);
			await dismissChecklist(browser);
			await openSchemaView(browser, options.schemaView.parent);
			await delay(500);
			await browser.screenshot(path.resolve(options.schemaView.file));
		}
		if (options.triggerPanel) {
			await browser.openWorkflow(options.baseUrl, options.workflowId, options.triggerPanel.nodeId);
			await dismissChecklist(browser);
			await listenInTriggerPanel(browser);
			await delay(500);
			await browser.screenshot(path.resolve(options.triggerPanel.file));
			// A change may have ended the run already.
			await stopListening(browser).catch(() => undefined);
		}
		if (options.canvas) {
			await browser.openWorkflow(options.baseUrl, options.workflowId);
			await dismissChecklist(browser);
			await waitForCanvasIcons(browser);
			// Let the canvas fit the view.
			await delay(1500);
			await browser.screenshot(path.resolve(options.canvas));
		}
	} catch (error) {
		throw new Error(`${(error as Error).message}\n--- Chromium said ---\n${browser.chromiumSaid()}`);
	} finally {
		await browser.close();
	}
}

// What the n8n editor shows of these nodes, read from its DOM (n8n's own data-test-id hooks): the
// nodes on the canvas, the trigger panel while "Execute step" listens, and the schema view of an
// input. Shared by the demo's screenshots and the editor's end-to-end test.
import type { EditorBrowser } from './browser';

export interface CanvasNode {
	name: string;
	type: string;
	/** The icon's URL as the editor loads it. */
	icon: string;
	subtitle: string;
}

export async function canvasNodes(browser: EditorBrowser): Promise<CanvasNode[]> {
	return await browser.evaluate<CanvasNode[]>(`[...document.querySelectorAll('[data-test-id="canvas-node"]')].map((node) => ({
		name: node.dataset.nodeName,
		type: node.dataset.nodeType,
		icon: node.querySelector('img')?.getAttribute('src') ?? '',
		subtitle: node.querySelector('[class*="_subtitle_"]')?.textContent?.trim() ?? '',
	}))`);
}

/** Waits until every node on the canvas has drawn its icon. */
export async function waitForCanvasIcons(browser: EditorBrowser): Promise<void> {
	await browser.waitFor(
		`(() => { const images = [...document.querySelectorAll('[data-test-id="canvas-node"] img')]; return images.length > 0 && images.every((image) => image.complete && image.naturalWidth > 0); })()`,
		'the node icons to load',
	);
}

/** In an open trigger NDV: clicks "Execute step" and returns the trigger panel's text once it listens. */
export async function listenInTriggerPanel(browser: EditorBrowser): Promise<string> {
	await browser.waitFor(`!!document.querySelector('[data-test-id="trigger-execute-button"]')`, 'the trigger panel');
	await browser.click('[data-test-id="trigger-execute-button"]');
	return await browser.waitFor<string>(
		`(() => { const panel = document.querySelector('[data-test-id="trigger-execute-button"]')?.closest('[class*="container"]');
			return panel && /Stop Listening/i.test(panel.innerText) ? panel.innerText : ''; })()`,
		'the trigger panel to listen',
	);
}

/** In an open trigger NDV that listens: clicks "Stop Listening". */
export async function stopListening(browser: EditorBrowser): Promise<void> {
	await browser.click('[data-test-id="trigger-execute-button"]', 'Stop Listening');
	await browser.waitFor(`!/Stop Listening/i.test(document.querySelector('[data-test-id="trigger-execute-button"]')?.innerText ?? '')`, 'listening to stop');
}

/** The trigger's output in the open NDV once an item arrived (as the JSON view would show it). */
export async function outputText(browser: EditorBrowser, contains: string, timeoutMs = 60_000): Promise<string> {
	return await browser.waitFor<string>(
		`(() => { const text = document.querySelector('[data-test-id="output-panel"]')?.innerText ?? ''; return text.includes(${JSON.stringify(contains)}) ? text : ''; })()`,
		`"${contains}" in the output`,
		timeoutMs,
	);
}

export interface SchemaView {
	/** The nodes whose fields the input's schema view lists, with whether they are a preview. */
	nodes: Array<{ name: string; preview: boolean }>;
	/** Every field name shown. */
	fields: string[];
}

/** In an open NDV: switches the input to the schema view and returns what it lists. */
export async function openSchemaView(browser: EditorBrowser, expectNode?: string): Promise<SchemaView> {
	await browser.waitFor(`!!document.querySelector('[data-test-id="ndv-input-panel"] [data-test-id="radio-button-schema"]')`, 'the input panel');
	await browser.click('[data-test-id="ndv-input-panel"] [data-test-id="radio-button-schema"]');
	const headers = `[...document.querySelectorAll('[data-test-id="ndv-input-panel"] [data-test-id="run-data-schema-header"]')]`;
	const nodeShown = expectNode ? `${headers}.some((e) => e.innerText.split('\\n')[0].trim() === ${JSON.stringify(expectNode)})` : 'true';
	await browser.waitFor(`document.querySelectorAll('[data-test-id="ndv-input-panel"] [data-test-id="run-data-schema-item"]').length > 0 && ${nodeShown}`, 'fields in the schema view');
	// Fields are "pills" carrying their name; the list is virtual, so only the open sections' are drawn.
	return await browser.evaluate<SchemaView>(`(() => ({
		nodes: ${headers}.map((header) => ({ name: header.innerText.split('\\n')[0].trim(), preview: /Preview/.test(header.innerText) })),
		fields: [...document.querySelectorAll('[data-test-id="ndv-input-panel"] [data-test-id="run-data-schema-item"] [data-name]')].map((pill) => pill.dataset.name),
	}))()`);
}

/** n8n 2.41 pops its "Production Checklist" over published workflows a moment after they open: close it. */
export async function dismissChecklist(browser: EditorBrowser): Promise<void> {
	const close = `document.querySelector('[data-test-id="suggested-actions-close"]')`;
	const shown = await browser.waitFor<boolean>(`!!${close}`, 'the production checklist', 4000).catch(() => false);
	if (shown) await browser.evaluate(`${close}.click()`);
}

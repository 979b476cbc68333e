// Screenshot of a workflow in the n8n editor, taken with Debian's headless Chromium
// (`apt-get install -y chromium`) driven over its DevTools pipe: log in the way the editor does
// (POST /rest/login with the browser-id the editor keeps in localStorage), open the workflow, wait
// until its nodes are drawn, capture the page.
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';

import type { Owner } from '../n8n/harness';
import { CdpPipe } from './cdpPipe';

export interface ScreenshotOptions {
	baseUrl: string;
	workflowId: string;
	owner: Owner;
	file: string;
	width?: number;
	height?: number;
	/** Default: $CHROMIUM, else `chromium` on the PATH. */
	chromium?: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function screenshotWorkflow(options: ScreenshotOptions): Promise<void> {
	const width = options.width ?? 1280;
	const height = options.height ?? 800;
	const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-chromium-'));
	const browser = spawn(
		options.chromium ?? process.env.CHROMIUM ?? 'chromium',
		[
			'--headless',
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
			'--hide-scrollbars',
			`--window-size=${width},${height}`,
			`--user-data-dir=${profile}`,
			'--remote-debugging-pipe',
			'about:blank',
		],
		// fd 3: commands to Chromium, fd 4: its answers. Own process group, so nothing outlives us.
		{ stdio: ['ignore', 'ignore', 'pipe', 'pipe', 'pipe'], detached: true },
	);
	let stderr = '';
	browser.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
	const exited = new Promise<void>((resolve) => browser.once('exit', () => resolve()));
	const spawnFailed = new Promise<never>((_, reject) =>
		browser.once('error', (error) => reject(new Error(`could not start Chromium (apt-get install -y chromium): ${error.message}`))),
	);
	try {
		const cdp = new CdpPipe(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
		await Promise.race([capture(cdp, options, width, height), spawnFailed]);
		await cdp.send('Browser.close').catch(() => undefined);
		await Promise.race([exited, sleep(5000)]);
	} catch (error) {
		throw new Error(`${(error as Error).message}\n--- Chromium said ---\n${stderr}`);
	} finally {
		if (browser.exitCode === null && browser.signalCode === null && browser.pid) {
			try {
				process.kill(-browser.pid, 'SIGKILL');
			} catch {
				// Already gone.
			}
			await exited;
		}
		fs.rmSync(profile, { recursive: true, force: true });
	}
}

async function capture(cdp: CdpPipe, options: ScreenshotOptions, width: number, height: number): Promise<void> {
	const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
	let page = targetInfos.find((target) => target.type === 'page')?.targetId;
	if (!page) page = ((await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
	const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: page, flatten: true })) as { sessionId: string };
	const send = (method: string, params: Record<string, unknown> = {}) => cdp.send(method, params, sessionId);
	const evaluate = async (expression: string): Promise<unknown> => {
		const { result, exceptionDetails } = (await send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
			result: { value?: unknown };
			exceptionDetails?: { text: string };
		};
		if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.text}`);
		return result.value;
	};
	const open = async (url: string) => {
		const loaded = cdp.once('Page.loadEventFired', sessionId);
		await send('Page.navigate', { url });
		await loaded;
	};

	await send('Page.enable');
	await send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
	await open(`${options.baseUrl}/signin`);
	const login = JSON.stringify({ emailOrLdapLoginId: options.owner.email, password: options.owner.password });
	const status = await evaluate(`(async () => {
		let id = localStorage.getItem('n8n-browserId');
		if (!id) { id = crypto.randomUUID(); localStorage.setItem('n8n-browserId', id); }
		const response = await fetch('/rest/login', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'browser-id': id }, body: ${JSON.stringify(login)} });
		return response.status;
	})()`);
	if (status !== 200) throw new Error(`login in the browser answered ${String(status)}`);

	await open(`${options.baseUrl}/workflow/${options.workflowId}`);
	const deadline = Date.now() + 30_000;
	for (;;) {
		const drawn = (await evaluate(`document.querySelectorAll('.vue-flow__node').length`)) as number;
		if (drawn > 0) break;
		const where = await evaluate('location.pathname');
		if (Date.now() > deadline) throw new Error(`the workflow's nodes did not appear (page ${String(where)})`);
		await sleep(250);
	}
	// Let the canvas fit the view and the node icons load.
	await sleep(2000);
	const { data } = (await send('Page.captureScreenshot', { format: 'png' })) as { data: string };
	fs.mkdirSync(path.dirname(options.file), { recursive: true });
	fs.writeFileSync(options.file, Buffer.from(data, 'base64'));
}

// The n8n editor in Debian's headless Chromium (`apt-get install -y chromium`), driven over its
// DevTools pipe: log in the way the editor does (POST /rest/login with the browser-id the editor
// keeps in localStorage), open pages, read and click the DOM, capture screenshots. Used by the
// demo's screenshots and by the editor's end-to-end test.
import { setTimeout as delay } from 'node:timers/promises';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Readable, Writable } from 'stream';

import type { Owner } from '../n8n/harness';
import { CdpPipe } from './cdpPipe';

export interface BrowserOptions {
	width?: number;
	height?: number;
	/** Default: $CHROMIUM, else `chromium` on the PATH. */
	chromium?: string;
}

export class EditorBrowser {
	private stderr = '';

	private constructor(
		private readonly browser: ChildProcess,
		private readonly cdp: CdpPipe,
		private readonly profile: string,
		private readonly sessionId: string,
		private readonly exited: Promise<void>,
	) {
		browser.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-2000)));
	}

	static async launch(options: BrowserOptions = {}): Promise<EditorBrowser> {
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
		const exited = new Promise<void>((resolve) => browser.once('exit', () => resolve()));
		const spawnFailed = new Promise<never>((_, reject) =>
			browser.once('error', (error) => reject(new Error(`could not start Chromium (apt-get install -y chromium): ${error.message}`))),
		);
		const cdp = new CdpPipe(browser.stdio[3] as Writable, browser.stdio[4] as Readable);
		try {
			const sessionId = await Promise.race([attach(cdp), spawnFailed]);
			const page = new EditorBrowser(browser, cdp, profile, sessionId, exited);
			await page.send('Page.enable');
			await page.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: 1, mobile: false });
			return page;
		} catch (error) {
			await killBrowser(browser, exited, profile);
			throw error;
		}
	}

	send(method: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
		return this.cdp.send(method, params, this.sessionId);
	}

	/** Records the status of every response whose URL contains `part` (from now on). */
	async recordResponses(part: string): Promise<Array<{ url: string; status: number }>> {
		const seen: Array<{ url: string; status: number }> = [];
		this.cdp.subscribe('Network.responseReceived', (params) => {
			const response = params.response as { url: string; status: number };
			if (response.url.includes(part)) seen.push({ url: response.url, status: response.status });
		});
		await this.send('Network.enable');
		return seen;
	}

	/** Evaluates an expression in the page (promises awaited) and returns its JSON value. */
	async evaluate<T = unknown>(expression: string): Promise<T> {
		const { result, exceptionDetails } = (await this.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true })) as {
			result: { value?: unknown };
			exceptionDetails?: { text: string; exception?: { description?: string } };
		};
		if (exceptionDetails) throw new Error(`in the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`);
		return result.value as T;
	}

	/** Polls an expression until it is truthy and returns that value. */
	async waitFor<T = unknown>(expression: string, what: string, timeoutMs = 30_000): Promise<T> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const value = await this.evaluate<T>(expression);
			if (value) return value;
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} (page ${await this.evaluate<string>('location.pathname')})`);
			await delay(250);
		}
	}

	async open(url: string): Promise<void> {
		const loaded = this.cdp.once('Page.loadEventFired', this.sessionId);
		await this.send('Page.navigate', { url });
		await loaded;
	}

	async login(baseUrl: string, owner: Owner): Promise<void> {
		await this.open(`${baseUrl}/signin`);
		const login = JSON.stringify({ emailOrLdapLoginId: owner.email, password: owner.password });
		const status = await this.evaluate(`(async () => {
			let id = localStorage.getItem('n8n-browserId');
			if (!id) { id = crypto.randomUUID(); localStorage.setItem('n8n-browserId', id); }
			const response = await fetch('/rest/login', { method: 'POST', credentials: 'include', headers: { 'content-type': 'application/json', 'browser-id': id }, body: ${JSON.stringify(login)} });
			return response.status;
		})()`);
		if (status !== 200) throw new Error(`login in the browser answered ${String(status)}`);
	}

	/** Opens a workflow and waits until its nodes are drawn. */
	async openWorkflow(baseUrl: string, workflowId: string, nodeId?: string): Promise<void> {
		await this.open(`${baseUrl}/workflow/${workflowId}${nodeId ? `/${nodeId}` : ''}`);
		await this.waitFor(`document.querySelectorAll('.vue-flow__node').length > 0`, "the workflow's nodes");
	}

	/** Clicks the first element matching the selector whose text contains `text` (when given). */
	async click(selector: string, text?: string): Promise<void> {
		const found = await this.evaluate<boolean>(`(() => {
			const element = [...document.querySelectorAll(${JSON.stringify(selector)})].find((e) => ${JSON.stringify(text ?? '')} === '' || e.textContent.includes(${JSON.stringify(text ?? '')}));
			if (!element) return false;
			element.scrollIntoView({ block: 'center' });
			element.click();
			return true;
		})()`);
		if (!found) throw new Error(`nothing to click: ${selector}${text ? ` with "${text}"` : ''}`);
	}

	async screenshot(file: string): Promise<void> {
		const { data } = (await this.send('Page.captureScreenshot', { format: 'png' })) as { data: string };
		fs.mkdirSync(path.dirname(file), { recursive: true });
		fs.writeFileSync(file, Buffer.from(data, 'base64'));
	}

	/** What Chromium last wrote to stderr, for error messages. */
	chromiumSaid(): string {
		return this.stderr;
	}

	async close(): Promise<void> {
		await this.cdp.send('Browser.close').catch(() => undefined);
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([this.exited, new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
		clearTimeout(timer);
		await killBrowser(this.browser, this.exited, this.profile);
	}
}

async function attach(cdp: CdpPipe): Promise<string> {
	const { targetInfos } = (await cdp.send('Target.getTargets')) as { targetInfos: Array<{ targetId: string; type: string }> };
	let page = targetInfos.find((target) => target.type === 'page')?.targetId;
	if (!page) page = ((await cdp.send('Target.createTarget', { url: 'about:blank' })) as { targetId: string }).targetId;
	const { sessionId } = (await cdp.send('Target.attachToTarget', { targetId: page, flatten: true })) as { sessionId: string };
	return sessionId;
}

async function killBrowser(browser: ChildProcess, exited: Promise<void>, profile: string): Promise<void> {
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

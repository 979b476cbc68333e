// The one-command demo (`npm run demo`): the package in a real n8n against the SeaTable emulator.
//
//   npx tsx test/demo/demo.ts [--fresh] [--screenshots DIR] [--every SECONDS]
//
// Builds the package, starts the emulator with the sample base (127.0.0.1:8099 unless taken),
// installs n8n if missing, loads the package into a persistent user folder
// (~/.cache/n8n-nodes-seatable-realtime/demo-user), sets up the owner, an API key and a credential
// for the emulator, imports and activates seatable-realtime-demo.workflow.json, starts n8n on
// http://127.0.0.1:5678 (or the next free port) and a webhook receiver, then changes a task every few
// seconds and prints each change, toast and webhook as it happens. Ctrl-C stops everything.
// --fresh deletes the demo's n8n data folder first (and says so); --screenshots DIR saves the
// README's screenshots of the editor there (demoScreenshots.ts).
import { execFileSync } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { setTimeout as delay } from 'node:timers/promises';

import { SeaTableEmulator, type ToastRecord } from '../emulator';
import { DEFAULT_OWNER, firstFreePort, N8nInstance, REPO_DIR, type Workflow } from '../n8n/harness';
import { DEFAULT_N8N_VERSION, installN8n, n8nVersion } from '../n8n/install';
import { WebhookReceiver, type Delivery } from '../n8n/webhookReceiver';
import { ChangeScript, type Change } from './changeScript';
import { fillDemoWorkflow, loadDemoWorkflow } from './demoWorkflow';
import { shootBeforeChanges, shootWhileRunning, type DemoShots } from './demoScreenshots';

const CREDENTIAL_NAME = 'SeaTable demo (emulator)';
const API_KEY_LABEL = 'seatable-realtime-demo';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

// n8n migrates its database forward only: another n8n version (SEATABLE_E2E_N8N_VERSION) gets its own folder.
function demoUserFolder(): string {
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	const version = n8nVersion();
	return path.join(cacheHome, 'n8n-nodes-seatable-realtime', version === DEFAULT_N8N_VERSION ? 'demo-user' : `demo-user-${version}`);
}

const time = () => new Date().toISOString().slice(11, 23);
const say = (line: string) => process.stdout.write(`${line}\n`);
const event = (kind: string, line: string) => say(`${time()}  ${kind.padEnd(7)} ${line}`);

class Demo {
	private emulator?: SeaTableEmulator;
	private receiver?: WebhookReceiver;
	private n8n?: N8nInstance;
	private script?: ChangeScript;
	private toastTimer?: NodeJS.Timeout;
	private toastsShown = 0;
	private flushToasts: () => void = () => undefined;
	private stopping = false;

	async run(): Promise<void> {
		const everyMs = Number(option('--every') ?? 4) * 1000;
		say('Building the package…');
		execFileSync('npm', ['run', 'build'], { cwd: REPO_DIR, stdio: ['ignore', 'ignore', 'inherit'] });

		const emulator = (this.emulator = await SeaTableEmulator.start({ port: await firstFreePort(8099, 1) }));
		say(`SeaTable emulator: ${emulator.url} (base "${emulator.base().name}", tables Tasks and Projects)`);
		await installN8n({ log: (line) => process.stdout.write(line) });

		const secret = randomBytes(24).toString('hex');
		const receiver = (this.receiver = await WebhookReceiver.start({ secret, port: await firstFreePort(8787) }));
		const userFolder = demoUserFolder();
		if (process.argv.includes('--fresh') && fs.existsSync(userFolder)) {
			fs.rmSync(userFolder, { recursive: true, force: true });
			say(`Deleted the demo's n8n data folder ${userFolder} (--fresh).`);
		}
		fs.mkdirSync(userFolder, { recursive: true });
		// One log per run: the folder itself is kept between runs.
		fs.rmSync(path.join(userFolder, 'n8n.log'), { force: true });
		const n8n = (this.n8n = await N8nInstance.create({ userFolder, port: await firstFreePort(5678) }));
		await n8n.installPackage(REPO_DIR);
		if (this.stopping) return;
		await n8n.start();
		await n8n.ensureOwner();
		await this.freshApiKey(n8n);
		const credential = await this.freshCredential(n8n, emulator);
		const workflow = await this.freshWorkflow(n8n, credential, receiver);
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(workflow.id);
		await joined;

		say(
			[
				'',
				`n8n ${n8n.version} is running with the demo workflow active:`,
				`  editor:   ${n8n.baseUrl}/workflow/${workflow.id}`,
				`  login:    ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`,
				`  webhooks: ${receiver.url()} (signed with a secret made up for this run)`,
				`  data:     ${userFolder} (log: ${n8n.logFile}; kept after the demo, \`npm run demo -- --fresh\` starts from an empty one)`,
				'  The workflow is re-imported at every start: n8n autosaves your edits as a draft, the next start replaces them.',
				`A collaborator changes a task every ${everyMs / 1000} s. Ctrl-C stops everything.`,
				'',
			].join('\n'),
		);

		const screenshots = option('--screenshots');
		const shots: DemoShots | undefined = screenshots
			? { baseUrl: n8n.baseUrl, workflowId: workflow.id, owner: DEFAULT_OWNER, dir: path.resolve(screenshots) }
			: undefined;
		// A failed screenshot is reported; the demo itself keeps running.
		const shoot = async (take: (shots: DemoShots) => Promise<string[]>) =>
			shots &&
			(await take(shots).then(
				(files) => event('shot', `saved ${files.join(', ')}`),
				(error: unknown) => event('shot', `screenshot failed: ${(error as Error).message}`),
			));
		await shoot(shootBeforeChanges);

		receiver.on('delivery', (delivery: Delivery) => this.printWebhook(delivery));
		this.watchToasts(emulator);
		this.script = new ChangeScript(emulator, (change) => this.printChange(change));
		this.script.next();
		this.script.start(everyMs);

		if (shots) {
			// After a few changes, so the workflow has executions behind it.
			await delay(2 * everyMs);
			if (this.stopping) return;
			await shoot(shootWhileRunning);
		}
	}

	async stop(): Promise<void> {
		this.stopping = true;
		this.script?.stop();
		clearInterval(this.toastTimer);
		say('\nStopping n8n, the webhook receiver and the emulator…');
		try {
			await this.n8n?.stop();
		} finally {
			await this.receiver?.close();
			await this.emulator?.close();
		}
		say('Stopped.');
	}

	/** Kills n8n at once (second Ctrl-C). */
	killNow(): void {
		this.n8n?.killNow();
	}

	// A new key per run (n8n shows a key only when it is created); labels must be unique, so the
	// previous run's key goes first.
	private async freshApiKey(n8n: N8nInstance): Promise<void> {
		// A list up to n8n 2.8; n8n 2.41 pages it as { items: [...] }.
		const answer = await n8n.rest<Array<{ id: string; label: string }> | { items?: Array<{ id: string; label: string }> }>('GET', '/api-keys');
		const keys = Array.isArray(answer) ? answer : (answer.items ?? []);
		for (const key of keys.filter((entry) => entry.label === API_KEY_LABEL)) await n8n.rest('DELETE', `/api-keys/${key.id}`);
		await n8n.createApiKey(API_KEY_LABEL);
	}

	// The emulator's port can differ between runs: replace the credential rather than reuse it.
	private async freshCredential(n8n: N8nInstance, emulator: SeaTableEmulator): Promise<{ id: string; name: string }> {
		for (const old of await n8n.listCredentials()) {
			if (old.name === CREDENTIAL_NAME) await n8n.deleteCredential(old.id);
		}
		const credential = await n8n.createCredential({ serverUrl: emulator.url, apiToken: emulator.apiToken }, { name: CREDENTIAL_NAME });
		return { id: credential.id, name: credential.name };
	}

	// A fresh workflow each run: the emulator starts from version 0 again, and an old workflow's
	// stored last version would make the trigger treat the new changes as already delivered.
	private async freshWorkflow(
		n8n: N8nInstance,
		credential: { id: string; name: string },
		receiver: WebhookReceiver,
	): Promise<Workflow> {
		const { name } = loadDemoWorkflow();
		const existing = await n8n.api<{ data: Workflow[] }>('GET', `/workflows?limit=250&name=${encodeURIComponent(name)}`);
		for (const old of existing.data.filter((workflow) => workflow.name === name)) {
			if (old.active) await n8n.deactivateWorkflow(old.id);
			await n8n.deleteWorkflow(old.id);
		}
		return n8n.createWorkflow(fillDemoWorkflow({ credential, webhookUrl: receiver.url(), secret: receiver.secret }));
	}

	private printChange(change: Change): void {
		event('change', `${change.by.name} ${change.what} (base version ${change.version})`);
	}

	// The emulator records toasts without an event: poll its log.
	private watchToasts(emulator: SeaTableEmulator): void {
		const names = new Map(emulator.base().collaborators.map((person) => [person.email, person.name]));
		this.flushToasts = () => {
			for (const toast of emulator.toasts.slice(this.toastsShown) as ToastRecord[]) {
				const to = names.get(String(toast.to_user)) ?? String(toast.to_user);
				event('toast', `→ ${to} [${String(toast.toast_type)}] ${(toast.detail as { msg?: string }).msg ?? ''}`);
			}
			this.toastsShown = emulator.toasts.length;
		};
		this.toastTimer = setInterval(() => this.flushToasts(), 100);
	}

	private printWebhook(delivery: Delivery): void {
		// The toast node runs before the webhook node: show its toast first.
		this.flushToasts();
		const signature = delivery.signatureValid ? 'signature ok' : 'BAD SIGNATURE';
		event('webhook', `POST ${delivery.path} ${delivery.rawBody.toString('utf8')} (${signature})`);
	}
}

async function main(): Promise<void> {
	const demo = new Demo();
	let interrupts = 0;
	const onSignal = () => {
		interrupts += 1;
		if (interrupts > 1) {
			demo.killNow();
			process.exit(130);
		}
		demo.stop().then(
			() => process.exit(0),
			(error: unknown) => {
				process.stderr.write(`${(error as Error).message}\n`);
				process.exit(1);
			},
		);
	};
	process.on('SIGINT', onSignal);
	process.on('SIGTERM', onSignal);
	try {
		await demo.run();
	} catch (error) {
		process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
		await demo.stop().catch(() => undefined);
		process.exit(1);
	}
}

void main();

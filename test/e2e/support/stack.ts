// One test file's world: the SeaTable emulator, a real n8n with the built package installed (owner,
// API key, a credential pointing to the emulator) and a local webhook receiver, all on 127.0.0.1.
import { afterAll, beforeAll } from '@jest/globals';
import { randomBytes } from 'crypto';

import { SeaTableEmulator, type EmulatorOptions } from '../../emulator';
import { assertBuilt, N8nInstance, REPO_DIR } from '../../n8n/harness';
import { WebhookReceiver } from '../../n8n/webhookReceiver';

export interface Stack {
	emulator: SeaTableEmulator;
	n8n: N8nInstance;
	receiver: WebhookReceiver;
	credentialId: string;
	credentialName: string;
	/** The webhook node's signing secret (random per run, never logged). */
	secret: string;
}

export async function startStack(options: { emulator?: EmulatorOptions } = {}): Promise<Stack> {
	// A missing build is a set-up mistake: say so before anything slow starts.
	assertBuilt(REPO_DIR);
	const emulator = await SeaTableEmulator.start(options.emulator);
	const secret = randomBytes(24).toString('hex');
	const receiver = await WebhookReceiver.start({ secret });
	const n8n = await N8nInstance.create();
	const stack = { emulator, n8n, receiver, secret } as Stack;
	try {
		await n8n.installPackage(REPO_DIR);
		await n8n.start();
		process.stderr.write(`n8n ${n8n.version} started in ${n8n.lastStartSeconds?.toFixed(1)} s\n`);
		await n8n.setup();
		stack.credentialName = 'SeaTable emulator';
		const credential = await n8n.createCredential(
			{ serverUrl: emulator.url, apiToken: emulator.apiToken },
			{ name: stack.credentialName },
		);
		stack.credentialId = credential.id;
		return stack;
	} catch (error) {
		await stopStack(stack);
		throw error;
	}
}

/** Stops everything; keeps the n8n user folder (and says where) when SEATABLE_E2E_KEEP is set. */
export async function stopStack(stack: Partial<Stack> | undefined): Promise<void> {
	if (!stack) return;
	try {
		await stack.n8n?.stop();
	} finally {
		if (stack.n8n && !process.env.SEATABLE_E2E_KEEP) stack.n8n.cleanup();
		else if (stack.n8n) process.stderr.write(`kept n8n user folder ${stack.n8n.userFolder}\n`);
		await stack.receiver?.close();
		await stack.emulator?.close();
	}
}

/**
 * One stack for the whole test file: started before its first test, stopped after its last.
 * Returns an accessor that fails clearly if the start did not succeed.
 */
export function useStack(options: { emulator?: EmulatorOptions } = {}): () => Stack {
	let stack: Stack | undefined;
	beforeAll(async () => {
		stack = await startStack(options);
	}, 180_000);
	afterAll(async () => {
		await stopStack(stack);
	}, 60_000);
	return () => {
		if (!stack) throw new Error('the stack did not start (see beforeAll)');
		return stack;
	};
}

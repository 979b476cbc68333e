// Shared by the Toast node tests: emulators closed after each test, the node run with a hand-built
// n8n context, and what SeaTable received.
import { afterAll, afterEach, expect } from '@jest/globals';
import { type INodeExecutionData } from 'n8n-workflow';

import { destroyIdleConnections, getSeaTableClient } from '../../nodes/seatable-client';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { sampleBase, SeaTableEmulator, type BaseSeed, type Collaborator } from '../emulator';
import { executeContext, type ExecuteOptions } from './context';

export const node = new SeaTableToast();
export const [ANNA, BEN, CHIARA] = sampleBase().collaborators;

/** Emulators for one test file: each test starts the ones it needs, all are closed after it. */
export function useEmulators(): (options?: Parameters<typeof SeaTableEmulator.start>[0]) => Promise<SeaTableEmulator> {
	let emulators: SeaTableEmulator[] = [];
	afterEach(async () => {
		await Promise.all(emulators.map((emu) => emu.close()));
		emulators = [];
		destroyIdleConnections();
	});
	afterAll(() => destroyIdleConnections());
	return async (options = {}) => {
		const emu = await SeaTableEmulator.start(options);
		emulators.push(emu);
		return emu;
	};
}

export function baseWith(collaborators: Collaborator[]): BaseSeed {
	return { ...sampleBase(), collaborators };
}

export async function run(emu: SeaTableEmulator, options: ExecuteOptions): Promise<INodeExecutionData[]> {
	const [output] = await node.execute.call(executeContext(emu, options));
	return output;
}

export async function runError(emu: SeaTableEmulator, options: ExecuteOptions): Promise<Error> {
	const error = await run(emu, options).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

/** The toasts as SeaTable received them: the parsed JSON body. */
export function bodies(emu: SeaTableEmulator): unknown[] {
	return emu.toasts.map((toast) => JSON.parse(toast.rawBody));
}

export function calls(emu: SeaTableEmulator, endpoint: string) {
	return emu.requests.filter((request) => request.path.endsWith(`/${endpoint}/`));
}

export async function baseToken(emu: SeaTableEmulator): Promise<string> {
	return (await getSeaTableClient({ serverUrl: emu.url, apiToken: emu.apiToken }).getAccess()).accessToken;
}

// Compared as booleans, so that a failing test does not print a token.
export function expectSentWith(authorization: string, token: string): void {
	expect(authorization.startsWith('Token ')).toBe(true);
	expect(authorization === `Token ${token}`).toBe(true);
}

// Shared by the Webhook node tests: the node run with a hand-built n8n context, what the receiver
// got, and the check that the signing secret is nowhere in an error.
import { expect } from '@jest/globals';
import { inspect } from 'node:util';

import { SeaTableWebhook } from '../../nodes/SeaTableWebhook/SeaTableWebhook.node';
import { createContext, type Receiver } from './helpers';

export const SECRET = 'top-secret-value-123';
export const node = new SeaTableWebhook();

export type Context = ReturnType<typeof createContext>;

export async function run(context: Context) {
	return node.execute.call(context);
}

export async function runError(context: Context): Promise<Error> {
	const error = await run(context).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

export function bodyOf(r: Receiver, index = 0): unknown {
	return JSON.parse(r.requests[index].body.toString('utf8'));
}

export function expectNoSecret(value: unknown): void {
	expect(JSON.stringify(value)).not.toContain(SECRET);
	expect(inspect(value, { depth: Infinity, showHidden: true })).not.toContain(SECRET);
}

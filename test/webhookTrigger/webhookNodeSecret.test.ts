// The SeaTable Webhook node signs with the secret credential (node version 1.1); saved workflows
// with the Secret option (version 1) keep signing with it. The secret never reaches an error.
import { describe, expect, it, jest } from '@jest/globals';
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { SeaTableWebhook } from '../../nodes/SeaTableWebhook/SeaTableWebhook.node';
import { checkSignature } from '../../nodes/seatable-client/webhookReceive';
import { seaTableWebhookSecretTest } from '../../nodes/shared/webhookSecret';
import { createContext, json, refusedUrl, useReceivers } from '../webhook/helpers';

const CREDENTIAL_SECRET = 'credential-secret-91b3';
const OPTION_SECRET = 'option-secret-5c0e';
const node = new SeaTableWebhook();
const receiver = useReceivers();

/** The webhook node's context with a secret credential selected (as n8n hands it over). */
function withCredential<T extends ReturnType<typeof createContext>>(context: T, secret: string): T & IExecuteFunctions {
	const n8nNode = context.getNode();
	n8nNode.typeVersion = 1.1;
	n8nNode.credentials = { seaTableWebhookSecretApi: { id: '7', name: 'SeaTable webhook secret' } };
	Object.assign(context, {
		getCredentials: jest.fn(async (type: string) => {
			if (type !== 'seaTableWebhookSecretApi') throw new Error(`no credential of type ${type}`);
			return { secret };
		}),
	});
	return context as T & IExecuteFunctions;
}

describe('SeaTable Webhook node and the secret credential', () => {
	it('new nodes (1.1) take the secret from the credential; the Secret option shows only on version 1', () => {
		expect(node.description.defaultVersion).toBe(1.1);
		const options = node.description.properties.find((p) => p.name === 'options')?.options as INodeProperties[];
		expect(options.find((o) => o.name === 'secret')?.displayOptions).toEqual({ show: { '@version': [1] } });
	});

	it('signs the exact bytes with the credential secret', async () => {
		const server = await receiver();
		const context = withCredential(createContext({ params: { url: server.url, payload: 'actionAndRow', action: 'approve', rowId: 'r1' } }), CREDENTIAL_SECRET);
		const [[item]] = await node.execute.call(context);
		expect(item.json.statusCode).toBe(200);
		const [request] = server.requests;
		expect(checkSignature(request.body, request.headers['x-seatable-signature'] as string, CREDENTIAL_SECRET)).toBe('valid');
	});

	it('a saved workflow with options.secret and no credential keeps signing with it', async () => {
		const server = await receiver();
		const context = createContext({ params: { url: server.url, payload: 'actionAndRow', action: 'a', rowId: 'r1', options: { secret: OPTION_SECRET } } });
		await node.execute.call(context as unknown as IExecuteFunctions);
		const [request] = server.requests;
		expect(checkSignature(request.body, request.headers['x-seatable-signature'] as string, OPTION_SECRET)).toBe('valid');
	});

	it('the credential wins over a leftover Secret option', async () => {
		const server = await receiver();
		const params = { url: server.url, payload: 'actionAndRow', action: 'a', rowId: 'r1', options: { secret: OPTION_SECRET } };
		await node.execute.call(withCredential(createContext({ params }), CREDENTIAL_SECRET));
		const [request] = server.requests;
		expect(checkSignature(request.body, request.headers['x-seatable-signature'] as string, CREDENTIAL_SECRET)).toBe('valid');
	});

	it('the credential secret is in no error, thrown or returned', async () => {
		const refused = await refusedUrl();
		const failing = await receiver((_req, _i, res) => json(res, 400, { error: 'no' }));
		for (const url of [refused.url, failing.url]) {
			const context = withCredential(createContext({ params: { url, payload: 'actionAndRow', action: 'a', rowId: 'r1', options: { retries: 0 } } }), CREDENTIAL_SECRET);
			const error = await node.execute.call(context).then(() => undefined, (thrown: unknown) => thrown);
			expect(error).toBeInstanceOf(Error);
			const seen = JSON.stringify(error, Object.getOwnPropertyNames(error)) + String((error as Error).stack);
			expect(seen).not.toContain(CREDENTIAL_SECRET);
		}
	});

	it('"Test credential" says when the secret is empty or has stray spaces, without echoing it', async () => {
		const test = (secret: unknown) =>
			seaTableWebhookSecretTest.call({} as never, { id: '1', name: 'x', type: 'seaTableWebhookSecretApi', data: { secret } } as never);
		expect(await test('')).toMatchObject({ status: 'Error', message: expect.stringMatching(/empty/) });
		const spaced = await test(' abc ');
		expect(spaced).toMatchObject({ status: 'Error', message: expect.stringMatching(/space/) });
		expect(spaced.message).not.toContain('abc');
		expect(await test('abc')).toEqual({ status: 'OK', message: 'The secret is set' });
	});
});

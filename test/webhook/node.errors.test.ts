// The SeaTable Webhook node: n8n errors for failed deliveries and bad parameters, and continueOnFail.
import { describe, expect, it } from '@jest/globals';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { createContext, json, refusedUrl, useReceivers } from './helpers';
import { bodyOf, expectNoSecret, run, runError, SECRET } from './nodeKit';

const receiver = useReceivers();

describe('errors', () => {
	it('turns 400 into a NodeApiError with the status and body start, without retrying', async () => {
		const r = await receiver((_req, _i, res) => json(res, 400, { error: 'unknown action "frobnicate"' }));
		const context = createContext({
			params: { url: r.url, payload: 'actionAndRow', action: 'frobnicate', rowId: 'r1' },
		});

		const error = (await runError(context)) as NodeApiError;

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.httpCode).toBe('400');
		expect(error.message).toContain('400');
		expect(error.message).toContain('unknown action');
		expect(error.description).toMatch(/Check the URL/);
		expect(error.description).toContain('unknown action');
		expect(error.context.itemIndex).toBe(0);
		expect(r.requests).toHaveLength(1);
	});

	it('rejects a non-http URL with a NodeOperationError that says what to do', async () => {
		const context = createContext({ params: { url: 'ftp://files.example.com/hook', payload: 'item' } });

		const error = (await runError(context)) as NodeOperationError;

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/must start with http:\/\/ or https:\/\//);
		expect(error.description).toMatch(/full address/);
	});

	it('reports a refused connection naming the host, after the retries', async () => {
		const { url, host } = await refusedUrl();
		const context = createContext({ params: { url, payload: 'item', options: { retries: 1 } } });

		const error = await runError(context);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toBe(`Could not connect to ${host}: the connection was refused (after 2 attempts)`);
	});

	it('with continueOnFail returns an error item and still sends the next item', async () => {
		const r = await receiver((req, _i, res) => {
			const sent = JSON.parse(req.body.toString('utf8')) as { _id: string };
			return sent._id === 'bad' ? json(res, 422, { error: 'no such row' }) : json(res, 200, {});
		});
		const context = createContext({
			params: { url: r.url, payload: 'actionAndRow', action: 'a', rowId: (i: number) => ['bad', 'good'][i] },
			items: [{ json: {} }, { json: {} }],
			continueOnFail: true,
		});

		const [output] = await run(context);

		expect(output).toHaveLength(2);
		expect(output[0]).toEqual({
			json: { error: expect.stringContaining('no such row'), statusCode: 422 },
			pairedItem: { item: 0 },
		});
		expect(output[1]).toMatchObject({ json: { statusCode: 200 }, pairedItem: { item: 1 } });
		expect(r.requests.map((req) => (JSON.parse(req.body.toString('utf8')) as { _id: string })._id)).toEqual([
			'bad',
			'good',
		]);
	});

	it('with continueOnFail also turns parameter errors into error items', async () => {
		const r = await receiver();
		const context = createContext({
			params: { url: (i: number) => (i === 0 ? 'mailto:someone@example.com' : r.url), payload: 'item' },
			items: [{ json: {} }, { json: { n: 2 } }],
			continueOnFail: true,
		});

		const [output] = await run(context);

		expect(output[0].json).toEqual({ error: expect.stringContaining('http://') });
		expect(output[0].pairedItem).toEqual({ item: 0 });
		expect(bodyOf(r)).toEqual({ n: 2 });
	});

	it('never puts the secret into thrown errors or error items', async () => {
		const echo = await receiver((_req, _i, res) => json(res, 403, { error: `bad signature for ${SECRET}` }));
		const { url: refused } = await refusedUrl();
		const options = { secret: SECRET, retries: 0 };
		const cases = [
			{ url: echo.url, payload: 'item', options },
			{ url: refused, payload: 'item', options },
			{ url: 'ftp://x.example/hook', payload: 'item', options },
			{ url: echo.url, payload: 'custom', body: '{nope', options },
		];

		for (const params of cases) {
			const error = await runError(createContext({ params }));
			expect(error.message).not.toBe('');
			expectNoSecret(error);
			const [items] = await run(createContext({ params, continueOnFail: true }));
			expectNoSecret(items);
		}
		// The node in n8n's errors is a copy: the one n8n holds keeps its secret.
		const context = createContext({ params: cases[0] });
		await runError(context);
		expect(JSON.stringify(context.getNode().parameters)).toContain(SECRET);
	});
});


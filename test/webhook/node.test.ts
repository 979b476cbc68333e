// The SeaTable Webhook node: parameters → request, output items, n8n errors, continueOnFail.
import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { type INodeProperties, NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SeaTableWebhook } from '../../nodes/SeaTableWebhook/SeaTableWebhook.node';
import { createContext, json, type Receiver, refusedUrl, useReceivers } from './helpers';

const SECRET = 'top-secret-value-123';
const node = new SeaTableWebhook();

const receiver = useReceivers();

type Context = ReturnType<typeof createContext>;

async function run(context: Context) {
	return node.execute.call(context);
}

async function runError(context: Context): Promise<Error> {
	const error = await run(context).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(Error);
	return error as Error;
}

function bodyOf(r: Receiver, index = 0): unknown {
	return JSON.parse(r.requests[index].body.toString('utf8'));
}

function expectNoSecret(value: unknown): void {
	expect(JSON.stringify(value)).not.toContain(SECRET);
	expect(inspect(value, { depth: Infinity, showHidden: true })).not.toContain(SECRET);
}

describe('description', () => {
	const { description } = node;
	const byName = (list: INodeProperties[], name: string) => list.find((p) => p.name === name);

	it('matches the public contract', () => {
		expect(description).toMatchObject({
			name: 'seaTableWebhook',
			displayName: 'SeaTable Webhook',
			usableAsTool: true,
			group: ['output'],
			version: [1, 1.1],
			subtitle: '={{$parameter["payload"]}}',
			icon: { light: 'file:../icons/seatable.svg', dark: 'file:../icons/seatable.dark.svg' },
		});
		expect(description.credentials).toEqual([{ name: 'seaTableWebhookSecretApi', required: false, testedBy: 'seaTableWebhookSecretTest' }]);
		const props = description.properties;
		expect(props.map((p) => p.name)).toEqual(['url', 'payload', 'action', 'rowId', 'body', 'options']);
		expect(byName(props, 'url')?.required).toBe(true);
		expect(byName(props, 'payload')?.default).toBe('actionAndRow');
		expect((byName(props, 'payload')?.options as Array<{ value: string }>).map((o) => o.value).sort()).toEqual([
			'actionAndRow',
			'custom',
			'item',
		]);
		expect(byName(props, 'rowId')?.default).toBe('={{ $json.row_id }}');
		const options = byName(props, 'options')?.options as INodeProperties[];
		expect(Object.fromEntries(options.map((o) => [o.name, o.default]))).toEqual({
			headers: {},
			idempotencyKey: true,
			maxResponseSize: 10,
			retries: 3,
			secret: '',
			timeout: 10_000,
		});
		expect(byName(options, 'secret')?.typeOptions?.password).toBe(true);
		expect(byName(options, 'headers')?.type).toBe('fixedCollection');
	});

	it('has a codex naming the node, its categories and docs', () => {
		const file = join(__dirname, '../../nodes/SeaTableWebhook/SeaTableWebhook.node.json');
		const codex = JSON.parse(readFileSync(file, 'utf8'));
		expect(codex.node).toBe('n8n-nodes-seatable-realtime.seaTableWebhook');
		expect(codex.categories).toEqual(['Communication', 'Development']);
		expect(codex.resources.primaryDocumentation[0].url).toBe(
			'https://github.com/seatable-realtime/n8n-nodes-seatable-realtime#seatable-webhook',
		);
	});
});

describe('payloads', () => {
	it('actionAndRow sends exactly {"action", "_id"} and outputs the result with pairedItem', async () => {
		const r = await receiver((_req, _i, res) => json(res, 200, { received: true }));
		const context = createContext({
			params: { url: r.url, payload: 'actionAndRow', action: 'approve', rowId: 'Fk-i7xZGS5iA5aSvaG5HAA' },
			items: [{ json: { row_id: 'Fk-i7xZGS5iA5aSvaG5HAA', other: 'not sent' } }],
		});

		const [output] = await run(context);

		const sent = bodyOf(r) as Record<string, unknown>;
		expect(sent).toEqual({ action: 'approve', _id: 'Fk-i7xZGS5iA5aSvaG5HAA' });
		expect(Object.keys(sent)).toEqual(['action', '_id']);
		expect(output).toEqual([
			{
				json: { statusCode: 200, body: { received: true }, attempts: 1, durationMs: expect.any(Number) },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('actionAndRow refuses an empty row ID instead of sending _id ""', async () => {
		const r = await receiver();
		const context = createContext({ params: { url: r.url, payload: 'actionAndRow', action: 'x', rowId: '' } });

		const error = await runError(context);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toContain('Row ID is empty');
		expect(r.requests).toHaveLength(0);
	});

	it('item sends the input JSON plus the action, or the JSON alone without one', async () => {
		const r = await receiver();
		const context = createContext({
			params: { url: r.url, payload: 'item', action: (i: number) => (i === 0 ? 'notify' : '') },
			items: [{ json: { row_id: 'r1', name: 'Ada' } }, { json: { row_id: 'r2' } }],
		});

		const [output] = await run(context);

		expect(bodyOf(r, 0)).toEqual({ row_id: 'r1', name: 'Ada', action: 'notify' });
		expect(bodyOf(r, 1)).toEqual({ row_id: 'r2' });
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
	});

	it('item refuses input JSON cannot carry, with a clear error', async () => {
		// n8n-workflow gives BigInt a toJSON, so a circular structure is what can reach the node.
		const r = await receiver();
		const row: Record<string, unknown> = { row_id: 'r1' };
		row.parent = { child: row };
		const context = createContext({ params: { url: r.url, payload: 'item' }, items: [{ json: row as never }] });

		const error = await runError(context);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/cannot be sent as JSON: .*circular/i);
		expect(r.requests).toHaveLength(0);
	});

	it('custom sends the Body JSON, given as text or as a value', async () => {
		const r = await receiver();
		const context = createContext({
			params: {
				url: r.url,
				payload: 'custom',
				body: (i: number) => (i === 0 ? '{"event": "update", "n": [1, 2]}' : { from: 'expression' }),
			},
			items: [{ json: {} }, { json: {} }],
		});

		await run(context);

		expect(bodyOf(r, 0)).toEqual({ event: 'update', n: [1, 2] });
		expect(bodyOf(r, 1)).toEqual({ from: 'expression' });
	});

	it('custom with invalid JSON fails naming the parse problem', async () => {
		const r = await receiver();
		const context = createContext({ params: { url: r.url, payload: 'custom', body: '{"a": 1,}' } });

		const error = await runError(context);

		expect(error).toBeInstanceOf(NodeOperationError);
		expect(error.message).toMatch(/^Body is not valid JSON: /);
		// The parser's own words (V8: "Unexpected token" / "Expected double-quoted property name").
		expect(error.message).toMatch(/(Unexpected token|Expected).*position \d+/);
		expect(r.requests).toHaveLength(0);
	});
});

describe('options', () => {
	it('signs with Secret and sends the Headers', async () => {
		const r = await receiver();
		const context = createContext({
			params: {
				url: r.url,
				payload: 'actionAndRow',
				action: 'approve',
				rowId: 'row-1',
				options: {
					secret: SECRET,
					headers: { header: [{ name: 'X-Source', value: 'n8n' }, { name: '', value: 'skipped' }] },
				},
			},
		});

		await run(context);

		const [req] = r.requests;
		const expected = createHmac('sha256', SECRET).update(req.body).digest('hex');
		expect(req.headers['x-seatable-signature']).toBe(`sha256=${expected}`);
		expect(req.headers['x-source']).toBe('n8n');
		expect(req.headers['idempotency-key']).toBeDefined();
	});

	it('signs with a Secret that an expression turned into a number', async () => {
		const r = await receiver();
		const context = createContext({ params: { url: r.url, payload: 'item', options: { secret: 98765 } } });

		await run(context);

		const [req] = r.requests;
		const expected = createHmac('sha256', '98765').update(req.body).digest('hex');
		expect(req.headers['x-seatable-signature']).toBe(`sha256=${expected}`);
	});

	it('leaves out the Idempotency-Key header when switched off', async () => {
		const r = await receiver();
		const context = createContext({
			params: { url: r.url, payload: 'item', options: { idempotencyKey: false } },
		});

		await run(context);

		expect(r.requests[0].headers['idempotency-key']).toBeUndefined();
	});

	it('applies Timeout', async () => {
		const r = await receiver(() => undefined);
		const context = createContext({
			params: { url: r.url, payload: 'item', options: { timeout: 100, retries: 0 } },
		});

		const error = await runError(context);

		expect(error).toBeInstanceOf(NodeApiError);
		expect(error.message).toContain(`did not answer within 100 ms`);
		expect(error.message).toContain(r.host);
	});
});

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

describe('connections', () => {
	it('reuses keep-alive connections across 1,000 items', async () => {
		const r = await receiver((_req, _i, res) => json(res, 200, { ok: true }));
		const items = Array.from({ length: 1_000 }, (_v, i) => ({ json: { row_id: `row-${i}` } }));
		const context = createContext({
			params: { url: r.url, payload: 'actionAndRow', action: 'sync', rowId: (i: number) => `row-${i}` },
			items,
		});

		const [output] = await run(context);

		expect(output).toHaveLength(1_000);
		expect(output.every((item) => item.json.statusCode === 200)).toBe(true);
		expect(r.requests).toHaveLength(1_000);
		expect(bodyOf(r, 999)).toEqual({ action: 'sync', _id: 'row-999' });
		expect(r.connections()).toBeLessThanOrEqual(5);
	}, 120_000);
});

// The SeaTable Webhook node: its description and the payloads it sends.
import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type INodeProperties, NodeOperationError } from 'n8n-workflow';

import { createContext, json, useReceivers } from './helpers';
import { bodyOf, node, run, runError } from './nodeKit';

const receiver = useReceivers();

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
			icon: { light: 'file:../icons/seatableWebhook.svg', dark: 'file:../icons/seatableWebhook.dark.svg' },
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


// The SeaTable Webhook node: its options and how it uses connections.
import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { NodeApiError } from 'n8n-workflow';

import { createContext, json, useReceivers } from './helpers';
import { bodyOf, run, runError, SECRET } from './nodeKit';

const receiver = useReceivers();

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

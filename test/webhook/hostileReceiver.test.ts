// Receivers that answer too much, too slowly, or echo what they were sent: the delivery stays
// bounded and no header value or secret reaches an error.
import { describe, expect, it } from '@jest/globals';
import { inspect } from 'node:util';
import { NodeApiError, type INodeExecutionData } from 'n8n-workflow';

import { deliverWebhook } from '../../nodes/seatable-client/webhook';
import { SeaTableWebhook } from '../../nodes/SeaTableWebhook/SeaTableWebhook.node';
import { flood, trickle, type Flood, type Trickle } from '../client/hostileServer';
import { createContext, deliveryFailure, useReceivers } from './helpers';

const fast = { baseMs: 5, maxMs: 50 };
const MB = 1024 * 1024;
const SECRET = 'whsec-0123456789-abcdefghij';
const BEARER = 'receiver-bearer-token-9f8e7d6c5b4a';
const API_KEY = 'x-api-key-value-1a2b3c4d5e6f';

const receiver = useReceivers();

function everything(value: unknown): string {
	const error = value as Error & { description?: unknown; hint?: unknown };
	return [JSON.stringify(value), inspect(value, { depth: Infinity, showHidden: true }), error.message, error.description, error.hint].join('\n');
}

describe('response size', () => {
	it('refuses an answer over the default 10 MB with a clear error, once, without reading it all', async () => {
		const floods: Flood[] = [];
		const r = await receiver((_req, _i, res) => floods.push(flood(res, 64 * MB)));
		const error = await deliveryFailure({ url: r.url, body: {}, retries: 3, backoff: fast });
		expect(error.kind).toBe('responseTooLarge');
		expect(error.message).toBe(`The webhook receiver at ${r.host} answered with more than 10 MB`);
		expect(error.hint).toMatch(/Max Response Size/);
		// The request arrived; sending it again would deliver it twice.
		expect(error.attempts).toBe(1);
		expect(r.requests).toHaveLength(1);
		expect(floods[0].finished()).toBe(false);
	}, 30_000);

	it('reads an answer up to the limit', async () => {
		const r = await receiver((_req, _i, res) => flood(res, 2 * MB, 'text/plain'));
		const result = await deliverWebhook({ url: r.url, body: {}, maxResponseBytes: 2 * MB });
		expect(result.statusCode).toBe(200);
		expect((result.body as string).length).toBe(2 * MB);
	});

	it('the node option Max Response Size (MB) sets the limit', async () => {
		const r = await receiver((_req, _i, res) => flood(res, 2 * MB, 'text/plain'));
		const context = createContext({
			params: { url: r.url, payload: 'custom', body: '{}', options: { maxResponseSize: 1, retries: 0 } },
			continueOnFail: true,
		});
		const [[item]] = (await new SeaTableWebhook().execute.call(context)) as INodeExecutionData[][];
		expect(item.json.error).toBe(`The webhook receiver at ${r.host} answered with more than 1 MB`);
	});
});

describe('deadline', () => {
	it('a receiver that sends headers, then one byte every 500 ms, times out at the deadline', async () => {
		const trickles: Trickle[] = [];
		// 40 bytes at 500 ms would take 20 s; each byte resets an idle timer, so only a deadline stops it.
		const r = await receiver((_req, _i, res) => trickles.push(trickle(res, '{"ok":true}'.padEnd(40, ' '), 500)));
		const error = await deliveryFailure({ url: r.url, body: {}, timeoutMs: 1200, retries: 1, backoff: fast });
		expect(error.kind).toBe('timeout');
		expect(error.message).toBe(`The webhook receiver at ${r.host} did not answer within 1200 ms (after 2 attempts)`);
		expect(trickles).toHaveLength(2);
		expect(trickles.every((t) => !t.finished())).toBe(true);
	}, 30_000);
});

describe('echoed secrets', () => {
	const headers = { Authorization: `Bearer ${BEARER}`, 'X-Api-Key': API_KEY };

	it('a receiver echoing the request headers into its body and status line gets them redacted', async () => {
		const r = await receiver((req, _i, res) => {
			res.statusMessage = `Denied ${String(req.headers['x-api-key'])}`;
			res.writeHead(403, { 'Content-Type': 'text/plain', Location: `https://elsewhere.test/?k=${BEARER}` });
			res.end(`you sent ${JSON.stringify(req.headers)} and we know ${SECRET}`);
		});
		const error = await deliveryFailure({ url: r.url, body: {}, headers, secret: SECRET, backoff: fast });
		expect(error.statusCode).toBe(403);
		expect(error.message).toContain('Denied [secret]');
		expect(error.bodyStart).toContain('[secret]');
		const text = everything(error);
		for (const secret of [BEARER, API_KEY, SECRET]) expect(text).not.toContain(secret);
	});

	it('a redirect echoing a header value into Location is redacted in the hint', async () => {
		const r = await receiver((_req, _i, res) => {
			res.writeHead(302, { Location: `https://elsewhere.test/login?token=${BEARER}` });
			res.end();
		});
		const error = await deliveryFailure({ url: r.url, body: {}, headers, backoff: fast });
		expect(error.hint).toContain('https://elsewhere.test/login?token=[secret]');
		expect(everything(error)).not.toContain(BEARER);
	});

	it('the node error (message, description, response) carries no header value', async () => {
		const r = await receiver((req, _i, res) => {
			res.writeHead(500, { 'Content-Type': 'application/json' });
			res.end(JSON.stringify({ echoed: req.headers }));
		});
		const context = createContext({
			params: {
				url: r.url,
				payload: 'custom',
				body: '{}',
				options: { retries: 0, headers: { header: [{ name: 'X-Api-Key', value: API_KEY }] } },
			},
		});
		const error = await new SeaTableWebhook().execute.call(context).then(
			() => undefined,
			(e: unknown) => e,
		);
		expect(error).toBeInstanceOf(NodeApiError);
		const { message, description } = error as NodeApiError;
		const cause = (error as NodeApiError).errorResponse;
		expect(`${message}\n${description}\n${JSON.stringify(cause)}`).not.toContain(API_KEY);
	});
});

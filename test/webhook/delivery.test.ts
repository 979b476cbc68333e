// The client core against a real local receiver: bytes, signature, retries, timeouts, failures.
import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';

import { deliverWebhook, encodeBody } from '../../nodes/seatable-client/webhook';
import { deliveryFailure, json, refusedUrl, useReceivers } from './helpers';

// Small backoff keeps retry tests fast; the node itself uses 500 ms / 30 s.
const fast = { baseMs: 5, maxMs: 5_000 };
const SECRET = 's3cr3t-Ünïcode-☃';

const receiver = useReceivers();

function expectNoSecret(value: unknown): void {
	expect(JSON.stringify(value)).not.toContain(SECRET);
	expect(inspect(value, { depth: Infinity, showHidden: true })).not.toContain(SECRET);
}

describe('deliverWebhook: what goes over the wire', () => {
	it('sends the JSON bytes once serialised, signed over exactly those bytes', async () => {
		const r = await receiver();
		const body = { action: 'approve', _id: 'Fk-i7xZGS5iA5aSvaG5HAA', note: 'Grüße ✓ "quoted"' };

		const result = await deliverWebhook({ url: r.url, body, secret: SECRET, backoff: fast });

		expect(result).toEqual({ statusCode: 200, body: { ok: true }, attempts: 1, durationMs: expect.any(Number) });
		const [req] = r.requests;
		expect(req.method).toBe('POST');
		expect(req.path).toBe('/hook');
		expect(req.body.equals(encodeBody(body))).toBe(true);
		expect(JSON.parse(req.body.toString('utf8'))).toEqual(body);
		expect(req.headers['content-type']).toBe('application/json');
		expect(req.headers['content-length']).toBe(String(req.body.length));
		expect(req.headers['user-agent']).toContain('n8n-nodes-seatable-realtime');
		// What a receiver does: HMAC over the raw received bytes, as SeaTable documents.
		const expected = createHmac('sha256', SECRET).update(req.body).digest('hex');
		expect(req.headers['x-seatable-signature']).toBe(`sha256=${expected}`);
	});

	it('sends no signature without a secret, and custom headers as given', async () => {
		const r = await receiver();

		await deliverWebhook({
			url: r.url,
			body: { a: 1 },
			headers: { 'X-Tenant': 'acme', Authorization: 'Bearer abc', 'User-Agent': 'my-agent/1.0' },
		});

		const [req] = r.requests;
		expect(req.headers['x-seatable-signature']).toBeUndefined();
		expect(req.headers['x-tenant']).toBe('acme');
		expect(req.headers.authorization).toBe('Bearer abc');
		expect(req.headers['user-agent']).toBe('my-agent/1.0');
	});

	it('refuses headers that would break signing or the request, before sending anything', async () => {
		const r = await receiver();

		const reserved = await deliveryFailure({ url: r.url, body: {}, headers: { 'content-type': 'text/plain' } });
		const badValue = await deliveryFailure({ url: r.url, body: {}, headers: { 'X-A': 'one\r\nX-B: two' } });
		const badName = await deliveryFailure({ url: r.url, body: {}, headers: { 'Bad Name': 'x' } });

		expect(reserved.kind).toBe('invalidHeader');
		expect(reserved.message).toContain('content-type');
		expect(badValue.kind).toBe('invalidHeader');
		expect(badName.kind).toBe('invalidHeader');
		expect(r.requests).toHaveLength(0);
	});

	it('returns parsed JSON for JSON answers and text otherwise', async () => {
		const r = await receiver((req, i, res) => {
			if (i === 0) return json(res, 201, { id: 7 });
			res.writeHead(200, { 'Content-Type': 'text/plain' });
			res.end('accepted');
		});

		const first = await deliverWebhook({ url: r.url, body: {} });
		const second = await deliverWebhook({ url: r.url, body: {} });

		expect(first).toMatchObject({ statusCode: 201, body: { id: 7 } });
		expect(second).toMatchObject({ statusCode: 200, body: 'accepted' });
	});
});

describe('deliverWebhook: retries', () => {
	it('retries 503 twice and succeeds on the third attempt with one idempotency key', async () => {
		const r = await receiver((_req, i, res) =>
			i < 2 ? json(res, 503, { error: 'busy' }) : json(res, 200, { done: true }),
		);

		const result = await deliverWebhook({ url: r.url, body: { a: 1 }, secret: SECRET, backoff: fast });

		expect(result).toMatchObject({ statusCode: 200, body: { done: true }, attempts: 3 });
		expect(r.requests).toHaveLength(3);
		const keys = r.requests.map((req) => req.headers['idempotency-key']);
		expect(keys[0]).toMatch(/^[0-9a-f-]{36}$/);
		expect(new Set(keys).size).toBe(1);
		// Same bytes and signature every time.
		expect(new Set(r.requests.map((req) => req.body.toString('hex'))).size).toBe(1);
		expect(new Set(r.requests.map((req) => req.headers['x-seatable-signature'])).size).toBe(1);
	});

	it('uses a new idempotency key per delivery, and none when switched off', async () => {
		const r = await receiver();

		await deliverWebhook({ url: r.url, body: {} });
		await deliverWebhook({ url: r.url, body: {} });
		await deliverWebhook({ url: r.url, body: {}, idempotencyKey: false });

		const [a, b, c] = r.requests.map((req) => req.headers['idempotency-key']);
		expect(a).toBeDefined();
		expect(b).toBeDefined();
		expect(a).not.toBe(b);
		expect(c).toBeUndefined();
	});

	it('does not retry 400 and reports the status and the start of the body', async () => {
		const longTail = 'x'.repeat(5_000);
		const r = await receiver((_req, _i, res) => json(res, 400, { error: 'unknown action', tail: longTail }));

		const error = await deliveryFailure({ url: r.url, body: {}, retries: 3, backoff: fast });

		expect(r.requests).toHaveLength(1);
		expect(error.kind).toBe('http');
		expect(error.statusCode).toBe(400);
		expect(error.attempts).toBe(1);
		expect(error.bodyStart).toMatch(/^\{"error":"unknown action"/);
		expect(error.bodyStart!.length).toBeLessThan(400);
		expect(error.message).toContain('400');
		expect(error.message).toContain('unknown action');
		expect(error.hint).toMatch(/not retried/);
	});

	it('gives up on 5xx after the configured retries', async () => {
		const r = await receiver((_req, _i, res) => json(res, 500, { error: 'boom' }));

		const error = await deliveryFailure({ url: r.url, body: {}, retries: 2, backoff: fast });

		expect(r.requests).toHaveLength(3);
		expect(error).toMatchObject({ kind: 'http', statusCode: 500, attempts: 3 });
		expect(error.hint).toMatch(/Retries/);
	});

	it('waits at least as long as Retry-After says before retrying', async () => {
		const r = await receiver((_req, i, res) =>
			i === 0 ? json(res, 429, { error: 'slow down' }, { 'Retry-After': '1' }) : json(res, 200, {}),
		);

		const result = await deliverWebhook({ url: r.url, body: {}, backoff: fast });

		expect(result.attempts).toBe(2);
		// Without the header the backoff would be about 5 ms. Allow a few ms for timer granularity.
		expect(r.requests[1].at - r.answeredAt[0]).toBeGreaterThanOrEqual(1_000 - 15);
	});

	it('does not follow redirects', async () => {
		const r = await receiver((_req, _i, res) => {
			res.writeHead(302, { Location: '/elsewhere' });
			res.end();
		});

		const error = await deliveryFailure({ url: r.url, body: {}, backoff: fast });

		expect(r.requests.map((req) => req.path)).toEqual(['/hook']);
		expect(error).toMatchObject({ kind: 'http', statusCode: 302, attempts: 1 });
		expect(error.hint).toContain('/elsewhere');
	});

	it('stops retrying when the signal aborts', async () => {
		const controller = new AbortController();
		const r = await receiver((_req, _i, res) => {
			json(res, 503, {});
			controller.abort();
		});

		// Without the abort, the backoff alone would outlast the test timeout.
		const error = await deliveryFailure({
			url: r.url,
			body: {},
			retries: 5,
			backoff: { baseMs: 20_000, maxMs: 60_000 },
			signal: controller.signal,
		});

		expect(error.kind).toBe('cancelled');
		expect(r.requests).toHaveLength(1);
	});
});

describe('deliverWebhook: failures', () => {
	it('times out on a receiver that never answers, after the retries', async () => {
		const r = await receiver(() => undefined);

		const error = await deliveryFailure({ url: r.url, body: {}, timeoutMs: 150, retries: 2, backoff: fast });

		expect(error.kind).toBe('timeout');
		expect(error.attempts).toBe(3);
		expect(r.requests).toHaveLength(3);
		expect(error.message).toContain(r.host);
		expect(error.message).toContain('150 ms');
	});

	it('reports a refused connection with the host, after the retries', async () => {
		const { url, host } = await refusedUrl();

		const error = await deliveryFailure({ url, body: {}, retries: 2, backoff: fast, secret: SECRET });

		expect(error).toMatchObject({ kind: 'network', code: 'ECONNREFUSED', attempts: 3, host });
		expect(error.message).toContain(host);
		expect(error.message).toMatch(/refused/);
		expect(error.message).toMatch(/after 3 attempts/);
		expectNoSecret(error);
	});

	it('rejects URLs that are not http or https, without sending', async () => {
		const ftp = await deliveryFailure({ url: 'ftp://example.com/hook', body: {} });
		const junk = await deliveryFailure({ url: 'not a url', body: {} });
		const empty = await deliveryFailure({ url: '  ', body: {} });

		expect(ftp.kind).toBe('invalidUrl');
		expect(ftp.message).toMatch(/http:\/\/ or https:\/\//);
		expect(ftp.message).toContain('ftp:');
		expect(junk.kind).toBe('invalidUrl');
		expect(junk.message).toContain('not a valid URL');
		expect(empty.kind).toBe('invalidUrl');
	});

	it('rejects payloads JSON cannot carry', async () => {
		const circular: Record<string, unknown> = { a: 1 };
		circular.self = circular;

		expect(() => encodeBody(circular)).toThrow(/cannot be sent as JSON: .*circular/i);
		expect(() => encodeBody({ n: BigInt(1) })).toThrow(/cannot be sent as JSON: .*BigInt/);
		expect(() => encodeBody(undefined)).toThrow(/cannot be sent as JSON/);
		const error = await deliveryFailure({ url: 'http://127.0.0.1:1/hook', body: circular });
		expect(error.kind).toBe('invalidBody');
	});

	it('keeps the secret out of errors, even when the receiver echoes it', async () => {
		const r = await receiver((_req, _i, res) => json(res, 401, { error: `expected secret ${SECRET}` }));

		const error = await deliveryFailure({ url: r.url, body: {}, secret: SECRET, backoff: fast });

		expect(error.statusCode).toBe(401);
		expect(error.message).toContain('[secret]');
		expectNoSecret(error);
		expectNoSecret({ message: error.message, hint: error.hint, stack: error.stack });
	});
});

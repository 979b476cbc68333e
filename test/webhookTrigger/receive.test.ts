// The receiver core: content type, size, signature over the raw bytes, JSON, event, dedupe.
import { afterEach, describe, expect, it } from '@jest/globals';

import {
	clearDeliveries,
	firstDelivery,
	receiveWebhook,
	rememberedDeliveries,
	type ReceiveSettings,
} from '../../nodes/seatable-client/webhookReceive';
import { modifyRow } from './payloads';
import { pythonJsonDumps, seaTableSignature } from './seaTableSender';

const SECRET = 'webhook-secret-4f1c';

export function settingsFor(overrides: Partial<ReceiveSettings> = {}): ReceiveSettings {
	return { source: 'baseWebhook', allowUnsigned: false, tables: [], operations: [], watchColumns: [], actions: [], ...overrides };
}

function signed(body: unknown, secret = SECRET) {
	const rawBody = Buffer.from(pythonJsonDumps(body));
	return { contentType: 'application/json', rawBody, signature: seaTableSignature(secret, rawBody) };
}

afterEach(() => clearDeliveries());

describe('signature', () => {
	const settings = settingsFor({ secret: SECRET });

	it('accepts the signature SeaTable computes over the bytes it sends', () => {
		const result = receiveWebhook(signed(modifyRow), settings);
		expect(result.status).toBe(200);
		expect(result.answer).toEqual({ received: true });
		expect(result.items).toHaveLength(1);
	});

	it('accepts hex digits in upper case', () => {
		const request = signed(modifyRow);
		request.signature = 'sha256=' + request.signature.slice(7).toUpperCase();
		expect(receiveWebhook(request, settings).status).toBe(200);
	});

	it('refuses a missing signature with 401 and a short reason, and no items', () => {
		const result = receiveWebhook({ ...signed(modifyRow), signature: undefined }, settings);
		expect(result).toEqual({
			status: 401,
			answer: { error: 'The X-SeaTable-Signature header is missing', hint: expect.any(String) },
		});
	});

	it.each([
		['another secret', seaTableSignature('other-secret', Buffer.from(pythonJsonDumps(modifyRow)))],
		['the signature of a re-serialised body', seaTableSignature(SECRET, Buffer.from(JSON.stringify(modifyRow)))],
		['a truncated signature', 'sha256=abc'],
		['no sha256= prefix', seaTableSignature(SECRET, Buffer.from(pythonJsonDumps(modifyRow))).slice(7)],
	])('refuses %s with 401', (_case, signature) => {
		const result = receiveWebhook({ ...signed(modifyRow), signature }, settings);
		expect(result.status).toBe(401);
		expect(result.items).toBeUndefined();
		expect(result.answer).toMatchObject({ error: 'The X-SeaTable-Signature header does not match the body' });
	});

	it('never names the secret in an answer', () => {
		for (const signature of [undefined, 'sha256=00', 'garbage']) {
			const result = receiveWebhook({ ...signed(modifyRow), signature }, settings);
			expect(JSON.stringify(result)).not.toContain(SECRET);
		}
	});

	it('with "accept unsigned": takes requests without a header, still refuses a wrong one', () => {
		const lenient = settingsFor({ secret: SECRET, allowUnsigned: true });
		expect(receiveWebhook({ ...signed(modifyRow), signature: undefined }, lenient).status).toBe(200);
		expect(receiveWebhook({ ...signed(modifyRow), signature: 'sha256=' + '0'.repeat(64) }, lenient).status).toBe(401);
	});

	it('without a secret: checks nothing', () => {
		expect(receiveWebhook({ ...signed(modifyRow), signature: undefined }, settingsFor()).status).toBe(200);
	});
});

describe('bad input is answered 400 with a reason', () => {
	const json = (text: string) => ({ contentType: 'application/json', rawBody: Buffer.from(text), signature: undefined });

	it.each([
		['a form body', { contentType: 'application/x-www-form-urlencoded', rawBody: Buffer.from('a=1'), signature: undefined }, /content type must be application\/json, not application\/x-www-form-urlencoded/],
		['no content type', { contentType: undefined, rawBody: Buffer.from('{}'), signature: undefined }, /not none/],
		['an empty body', json(''), /empty/],
		['a body that is not JSON', json('{"event": "update",'), /not valid JSON/],
		['a JSON array', json('[1, 2]'), /must be a JSON object, not an array/],
		['an unknown event', json('{"event": "delete"}'), /Unknown event "delete"/],
		['no event', json('{"data": {}}'), /Unknown event missing/],
	])('%s', (_case, request, reason) => {
		const result = receiveWebhook(request, settingsFor());
		expect(result.status).toBe(400);
		expect((result.answer as { error: string }).error).toMatch(reason);
		expect((result.answer as { hint: string }).hint).toEqual(expect.any(String));
	});

	it('a body over the limit', () => {
		const result = receiveWebhook(json(pythonJsonDumps(modifyRow)), settingsFor({ maxBodyBytes: 100 }));
		expect(result.status).toBe(400);
		expect((result.answer as { error: string }).error).toMatch(/more than the limit of 100/);
	});

	it('accepts a charset parameter and +json types', () => {
		const body = Buffer.from(pythonJsonDumps(modifyRow));
		expect(receiveWebhook({ contentType: 'application/json; charset=utf-8', rawBody: body, signature: undefined }, settingsFor()).status).toBe(200);
		expect(receiveWebhook({ contentType: 'application/vnd.seatable+json', rawBody: body, signature: undefined }, settingsFor()).status).toBe(200);
	});

	it('checks the signature before reading the JSON, so strangers learn nothing about the parser', () => {
		const result = receiveWebhook(json('not json'), settingsFor({ secret: SECRET }));
		expect(result.status).toBe(401);
	});
});

describe('a body that is SeaTable\'s but cannot be read', () => {
	it('still gets 200 and an item that says why', () => {
		const result = receiveWebhook(signed({ event: 'update', data: 'oops' }), settingsFor({ secret: SECRET }));
		expect(result.status).toBe(200);
		expect(result.items?.[0]).toMatchObject({
			event: 'update',
			row_id: null,
			enrich_error: expect.stringContaining('data.op_type'),
			body: { event: 'update', data: 'oops' },
			source: 'baseWebhook',
		});
	});
});

describe('dedupe', () => {
	const dedupe = { scope: 'workflow-1:node-1:webhook', windowMs: 60_000 };

	it('a redelivered identical event starts nothing; a later change of the same row does', () => {
		const settings = settingsFor({ dedupe });
		expect(receiveWebhook(signed(modifyRow), settings).items).toHaveLength(1);
		const again = receiveWebhook(signed(modifyRow), settings);
		expect(again).toEqual({ status: 200, answer: { received: true, duplicate: true }, items: [] });
		const later = { event: 'update', data: { ...(modifyRow.data as object), op_time: 1649929699.001 } };
		expect(receiveWebhook(signed(later), settings).items).toHaveLength(1);
	});

	it('is per node and mode, and off with a window of 0', () => {
		expect(receiveWebhook(signed(modifyRow), settingsFor({ dedupe })).items).toHaveLength(1);
		expect(receiveWebhook(signed(modifyRow), settingsFor({ dedupe: { ...dedupe, scope: 'workflow-1:node-1:manual' } })).items).toHaveLength(1);
		expect(receiveWebhook(signed(modifyRow), settingsFor({ dedupe: { ...dedupe, windowMs: 0 } })).items).toHaveLength(1);
	});

	it('forgets after the window and stays bounded', () => {
		expect(firstDelivery('s', 'e', 1000, 0)).toBe(true);
		expect(firstDelivery('s', 'e', 1000, 999)).toBe(false);
		expect(firstDelivery('s', 'e', 1000, 1000)).toBe(true);
		for (let i = 0; i < 12_000; i++) firstDelivery('s', `id-${i}`, 60_000, 2000);
		expect(rememberedDeliveries()).toBe(10_000);
		// The newest are kept.
		expect(firstDelivery('s', 'id-11999', 60_000, 2001)).toBe(false);
	});
});

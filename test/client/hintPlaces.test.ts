// The core's hints speak of SeaTable and the request and name the setting to check; the node
// layer says where that setting is in n8n. Checked on the errors the core really builds.
import { describe, expect, it } from '@jest/globals';
import type { INode } from 'n8n-workflow';

import { SeaTableWebhookTrigger } from '../../nodes/SeaTableWebhookTrigger/SeaTableWebhookTrigger.node';
import { SECRET_PLACE } from '../../nodes/SeaTableWebhookTrigger/webhook';
import { ClientError, httpError, networkError, SeaTableClient, tooLargeError } from '../../nodes/seatable-client';
import { deliverWebhook, WebhookError } from '../../nodes/seatable-client/webhook';
import * as webhookErrors from '../../nodes/seatable-client/webhook/errors';
import { buildHeaders } from '../../nodes/seatable-client/webhook/request';
import { receiveWebhook, SIGNATURE_HINT, type ReceiveSettings } from '../../nodes/seatable-client/webhookReceive';
import { SETTING_PLACES, toNodeError } from '../../nodes/shared/errors';
import { webhookCall } from '../webhookTrigger/context';
import { modifyRow } from '../webhookTrigger/payloads';

const NODE: INode = { id: 'n1', name: 'SeaTable', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };
const SERVER = 'https://cloud.seatable.io/api/v2.1/dtable/app-access-token/';
const RECEIVER = new URL('https://receiver.example/hook');
// "Node.js" is the runtime, not an n8n node.
const N8N_WORDS = /credential|n8n|\bnode\b(?!\.js)|workflow/i;

function thrown(run: () => unknown): ClientError {
	try {
		run();
	} catch (error) {
		if (error instanceof ClientError) return error;
		throw error;
	}
	throw new Error('expected a ClientError');
}

function answer(status: number, body = ''): Parameters<typeof webhookErrors.httpError>[1] {
	return { status, statusText: '', headers: {}, data: Buffer.from(body), config: {} } as never;
}

/** Errors as the core builds them: SeaTable calls, webhook deliveries, invalid input. */
function coreErrors(): ClientError[] {
	const seaTable = [
		...['ENOTFOUND', 'ECONNREFUSED', 'ETIMEDOUT', 'CERT_HAS_EXPIRED', 'EPROTO', undefined].map((code) => networkError(code, 'GET', SERVER)),
		...[400, 401, 403, 404, 418, 429, 500].map((status) => httpError(status, {}, 'application/json', 'GET', SERVER)),
		httpError(404, { error_msg: 'User not found' }, 'application/json', 'GET', SERVER),
		httpError(403, { error_msg: 'Token expired.' }, 'application/json', 'GET', SERVER),
		httpError(200, '<html></html>', 'text/html', 'GET', SERVER),
		tooLargeError(64 * 1024 * 1024, 'GET', SERVER),
		thrown(() => new SeaTableClient({ serverUrl: 'https://cloud.seatable.io', apiToken: ' ' })),
	];
	const webhook = [
		...[302, 401, 404, 422, 429, 503].map((status) => webhookErrors.httpError(RECEIVER, answer(status, '{"error":"no"}'), 3, [])),
		...['ETIMEDOUT', 'ECONNREFUSED', 'ENOTFOUND', 'CERT_HAS_EXPIRED', 'ECONNRESET', 'EHOSTUNREACH', 'EOTHER'].map((code) =>
			webhookErrors.networkError(RECEIVER, { reason: 'network', code, detail: 'failed', neverArrived: false }, 1, 1000, []),
		),
		webhookErrors.tooLarge(RECEIVER, 1024, 1),
		webhookErrors.cancelled(RECEIVER, 1),
		thrown(() => buildHeaders({ url: RECEIVER.href, body: {}, headers: { 'bad name': 'x' } }, Buffer.from('{}'), '')),
		thrown(() => buildHeaders({ url: RECEIVER.href, body: {}, headers: { 'Content-Type': 'text/plain' } }, Buffer.from('{}'), '')),
	];
	return [...seaTable, ...webhook];
}

describe('core hints', () => {
	it('speak of SeaTable and the request, not of n8n', () => {
		const errors = coreErrors();
		expect(errors.length).toBeGreaterThan(30);
		expect(errors.map((error) => error.hint).filter((hint) => N8N_WORDS.test(hint))).toEqual([]);
		expect(errors.map((error) => error.message).filter((message) => N8N_WORDS.test(message))).toEqual([]);
	});

	it('name the setting they ask to check', () => {
		const [dns] = coreErrors();
		expect(dns.setting).toBe('serverUrl');
		expect(thrown(() => new SeaTableClient({ serverUrl: 'https://cloud.seatable.io', apiToken: '' })).setting).toBe('apiToken');
		expect(webhookErrors.httpError(RECEIVER, answer(429), 4, []).setting).toBe('sendingRate');
		expect(webhookErrors.tooLarge(RECEIVER, 1024, 1).setting).toBe('maxResponseSize');
	});
});

describe('n8n errors made from them', () => {
	it('say where the setting is, right after the hint', () => {
		const error = thrown(() => new SeaTableClient({ serverUrl: 'https://cloud.seatable.io', apiToken: '' }));
		expect(toNodeError(NODE, error).description).toBe(`${error.hint} The API token is set in the SeaTable Realtime API credential.`);
		const tls = networkError('CERT_HAS_EXPIRED', 'GET', SERVER);
		expect(toNodeError(NODE, tls).description).toBe(`${tls.hint} "Ignore SSL Issues" is in the SeaTable Realtime API credential.`);
		const refused = webhookErrors.httpError(RECEIVER, answer(403), 1, []);
		expect(toNodeError(NODE, refused).description).toBe(`${refused.hint} ${SETTING_PLACES.secret}`);
		expect(SETTING_PLACES.secret).toMatch(/SeaTable Webhook Secret API credential/);
	});

	it('keep the details after the place: the start of the answer, the error code', () => {
		const failed = webhookErrors.httpError(RECEIVER, answer(503, '{"error":"down"}'), 3, []);
		expect(toNodeError(NODE, failed).description).toBe(`${failed.hint} ${SETTING_PLACES.retries}\n\nStart of the response body: {"error":"down"}`);
		const slow = webhookErrors.networkError(RECEIVER, { reason: 'network', code: 'ETIMEDOUT', neverArrived: false }, 1, 1000, []);
		expect(toNodeError(NODE, slow).description).toBe(`${slow.hint} Timeout is one of the node options. (ETIMEDOUT)`);
	});

	it('without a setting, are the core description as is', () => {
		const refused = webhookErrors.httpError(RECEIVER, answer(404), 1, []);
		expect(refused.setting).toBeUndefined();
		expect(toNodeError(NODE, refused).description).toBe(refused.description);
	});

	it('an option out of range names the option and where it is', async () => {
		const error = await deliverWebhook({ url: RECEIVER.href, body: {}, retries: -1 }).then(
			() => undefined,
			(failure: unknown) => failure,
		);
		expect(error).toBeInstanceOf(WebhookError);
		expect(toNodeError(NODE, error).description).toBe('Change Retries. Retries is one of the node options.');
	});
});

describe('the webhook trigger', () => {
	const settings: ReceiveSettings = { source: 'baseWebhook', secret: 'hint-test-secret', allowUnsigned: false, tables: [], operations: [], watchColumns: [], actions: [] };

	it('core: a signature problem is answered with a hint that does not know about n8n', () => {
		const result = receiveWebhook({ contentType: 'application/json', rawBody: Buffer.from(JSON.stringify(modifyRow)), signature: undefined }, settings);
		expect(result.status).toBe(401);
		expect(result.answer).toEqual({ error: 'The X-SeaTable-Signature header is missing', hint: SIGNATURE_HINT });
		expect(SIGNATURE_HINT).not.toMatch(N8N_WORDS);
	});

	it('node: the answer says where the secret is set in n8n', async () => {
		const request = webhookCall({ parameters: {}, body: modifyRow, secret: 'hint-test-secret', signWith: 'another-secret' });
		await new SeaTableWebhookTrigger().webhook.call(request.context);
		expect(request.answered.status).toBe(401);
		expect(request.answered.body).toEqual({
			error: 'The X-SeaTable-Signature header does not match the body',
			hint: `${SIGNATURE_HINT}. ${SECRET_PLACE}`,
		});
	});
});

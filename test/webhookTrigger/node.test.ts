// The node in a hand-built n8n webhook context, SeaTable being the emulator over real HTTP.
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';

import { SeaTableWebhookTrigger } from '../../nodes/SeaTableWebhookTrigger/SeaTableWebhookTrigger.node';
import { clearDeliveries } from '../../nodes/seatable-client/webhookReceive';
import { clearCachedSecrets, readWebhookSecretCached } from '../../nodes/shared/webhookSecret';
import { SAMPLE_IDS, SeaTableEmulator } from '../emulator';
import { webhookCall, type CallOptions } from './context';
import { modifyRow } from './payloads';

const SECRET = 'node-test-secret-7d2a';
const node = new SeaTableWebhookTrigger();

async function call(options: CallOptions) {
	const request = webhookCall(options);
	const result = await node.webhook.call(request.context);
	return { ...request, result };
}

afterEach(() => {
	clearDeliveries();
	clearCachedSecrets();
});

describe('description', () => {
	it('is a webhook trigger that answers by itself', () => {
		const { description } = node;
		expect(description).toMatchObject({
			name: 'seaTableWebhookTrigger',
			displayName: 'SeaTable Webhook Trigger',
			group: ['trigger'],
			inputs: [],
			webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		});
		expect(description.usableAsTool).toBeUndefined();
		expect(description.credentials?.map((c) => [c.name, c.required])).toEqual([
			['seaTableWebhookSecretApi', false],
			['seaTableRealtimeApi', false],
		]);
		const source = description.properties.find((p) => p.name === 'source');
		expect(source?.default).toBe('baseWebhook');
		expect((source?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['baseWebhook', 'automation']);
	});
});

describe('base webhook', () => {
	it('a signed request: 200 {received: true}, then the readable item for the workflow', async () => {
		const { answered, result } = await call({ parameters: { source: 'baseWebhook' }, body: modifyRow, secret: SECRET });
		expect(answered).toEqual({ status: 200, body: { received: true } });
		expect(result.noWebhookResponse).toBe(true);
		expect(result.workflowData?.[0].map((item) => item.json)).toEqual([
			expect.objectContaining({ op_type: 'modify_row', row: { Prio: '++' }, source: 'baseWebhook' }),
		]);
	});

	it('a wrong signature: 401 and no workflow data', async () => {
		const { answered, result } = await call({ parameters: {}, body: modifyRow, secret: SECRET, signWith: 'not-the-secret' });
		expect(answered.status).toBe(401);
		expect(answered.body).toMatchObject({ error: 'The X-SeaTable-Signature header does not match the body' });
		expect(result).toEqual({ noWebhookResponse: true });
		expect(JSON.stringify(answered)).not.toContain(SECRET);
	});

	it('unsigned: 401, unless "accept unsigned requests" is on', async () => {
		expect((await call({ parameters: {}, body: modifyRow, secret: SECRET, signWith: null })).answered.status).toBe(401);
		const lenient = await call({ parameters: { options: { allowUnsigned: true } }, body: modifyRow, secret: SECRET, signWith: null });
		expect(lenient.answered.status).toBe(200);
		expect(lenient.result.workflowData?.[0]).toHaveLength(1);
	});

	it('without a secret credential: no signature is needed and none is read', async () => {
		const { answered, credentialTypes } = await call({ parameters: {}, body: modifyRow });
		expect(answered.status).toBe(200);
		expect(credentialTypes).toEqual([]);
	});

	it('the filters of the node apply', async () => {
		const { answered, result } = await call({ parameters: { operations: ['rowCreated'], tables: 'Opportunities' }, body: modifyRow });
		expect(answered).toEqual({ status: 200, body: { received: true, ignored: 'filtered out by the node' } });
		expect(result.workflowData).toBeUndefined();
	});

	it('a redelivery within the dedupe window starts nothing; test and production runs do not share it', async () => {
		expect((await call({ parameters: {}, body: modifyRow })).result.workflowData).toBeDefined();
		const again = await call({ parameters: {}, body: modifyRow });
		expect(again.answered.body).toEqual({ received: true, duplicate: true });
		expect(again.result.workflowData).toBeUndefined();
		expect((await call({ parameters: {}, body: modifyRow, mode: 'manual' })).result.workflowData).toBeDefined();
		expect((await call({ parameters: { options: { dedupeWindow: 0 } }, body: modifyRow })).result.workflowData).toBeDefined();
	});
});

describe.each([
	['the API gateway (SeaTable 5.3 and later)', true],
	['dtable-server (older SeaTable)', false],
])('automation, row read through %s', (_server, useApiGateway) => {
	let emulator: SeaTableEmulator;
	beforeAll(async () => {
		emulator = await SeaTableEmulator.start({ useApiGateway });
	});
	afterAll(async () => {
		await emulator.close();
	});
	const seaTable = () => ({ serverUrl: emulator.url, apiToken: emulator.apiToken });
	const rowId = SAMPLE_IDS.taskRows[0];

	it('reads the whole row named by _id, keyed by column names with option names, in one call', async () => {
		const before = emulator.requests.filter((r) => r.path.includes('/rows/')).length;
		const { answered, result } = await call({
			parameters: { source: 'automation', table: 'Tasks' },
			body: { action: 'transfer', _id: rowId },
			secret: SECRET,
			seaTable: seaTable(),
		});
		expect(answered).toEqual({ status: 200, body: { received: true } });
		const item = result.workflowData?.[0][0].json;
		expect(item).toMatchObject({ event: 'automation', action: 'transfer', row_id: rowId, table_name: 'Tasks', source: 'automation' });
		const row = item?.row as Record<string, unknown>;
		expect(row._id).toBe(rowId);
		expect(row.Name).toEqual(expect.any(String));
		expect(['Open', 'In progress', 'Done']).toContain(row.Status);
		expect(emulator.requests.filter((r) => r.path.includes('/rows/')).length - before).toBe(1);
	});

	it('the body can name the table; an unknown row becomes row_error, and the workflow still runs', async () => {
		const { result } = await call({
			parameters: { source: 'automation' },
			body: { action: 'transfer', _id: 'NoSuchRow0000000000000', table_name: 'Tasks' },
			seaTable: seaTable(),
		});
		const item = result.workflowData?.[0][0].json;
		expect(item?.row).toBeUndefined();
		expect(item?.row_error).toEqual(expect.stringContaining('404'));
		expect(String(item?.row_error)).not.toContain(emulator.apiToken);
	});

	it('without a table: row_error says what to set', async () => {
		const { result } = await call({ parameters: { source: 'automation' }, body: { action: 'x', _id: rowId }, seaTable: seaTable() });
		expect(result.workflowData?.[0][0].json.row_error).toMatch(/No table is set/);
	});
});

describe('automation without a SeaTable credential', () => {
	it('passes the body on, and reads nothing', async () => {
		const { result, credentialTypes } = await call({ parameters: { source: 'automation', table: 'Tasks' }, body: { action: 'approve', _id: 'r1' } });
		expect(result.workflowData?.[0][0].json).toMatchObject({ action: 'approve', row_id: 'r1' });
		expect(result.workflowData?.[0][0].json.row).toBeUndefined();
		expect(credentialTypes).toEqual([]);
	});
});

describe('filters in the editor', () => {
	it("offers the realtime trigger's row and link kinds of change, without schema changes", () => {
		const operations = node.description.properties.find((p) => p.name === 'operations');
		expect((operations?.options as Array<{ value: string }>).map((o) => o.value)).toEqual(['linkChanged', 'rowCreated', 'rowDeleted', 'rowUpdated']);
		expect(operations?.displayOptions).toEqual({ show: { source: ['baseWebhook'] } });
	});
});

describe('the secret credential', () => {
	it('is read once per credential within 10 s (n8n 2.41 is slow to hand it over), then again', async () => {
		const { context, credentialTypes } = webhookCall({ parameters: {}, body: {}, secret: SECRET });
		expect(await readWebhookSecretCached(context, 1000)).toBe(SECRET);
		expect(await readWebhookSecretCached(context, 10_999)).toBe(SECRET);
		expect(credentialTypes).toEqual(['seaTableWebhookSecretApi']);
		expect(await readWebhookSecretCached(context, 11_000)).toBe(SECRET);
		expect(credentialTypes).toHaveLength(2);
	});

	it('a request signed with a changed secret is refused until the cache expires, never accepted with a wrong one', async () => {
		expect((await call({ parameters: {}, body: modifyRow, secret: SECRET })).answered.status).toBe(200);
		// The credential now holds another secret; the request is signed with that one.
		const rotated = await call({ parameters: { options: { dedupeWindow: 0 } }, body: modifyRow, secret: 'rotated-secret' });
		expect(rotated.answered.status).toBe(401);
		clearCachedSecrets();
		expect((await call({ parameters: { options: { dedupeWindow: 0 } }, body: modifyRow, secret: 'rotated-secret' })).answered.status).toBe(200);
	});
});

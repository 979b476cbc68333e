// The SeaTable Webhook Trigger in a real n8n: requests posted exactly as SeaTable posts them
// (Python json.dumps bytes, HMAC over them). Signed ones start one execution with a readable item;
// unsigned, wrongly signed and malformed ones are refused and never start an execution.
import { beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'crypto';
import { setTimeout as delay } from 'node:timers/promises';

import { SAMPLE_IDS, sampleBase } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { modifyRow } from '../webhookTrigger/payloads';
import { sendLikeSeaTable, seaTableSignature } from '../webhookTrigger/seaTableSender';
import { assertAllSucceeded, nodeOutput, waitForExactly } from './support/executions';
import { useStack } from './support/stack';
import { summary } from './support/stats';
import {
	fillExampleWorkflow,
	forwardingWorkflow,
	productionUrl,
	SECRET_CREDENTIAL_TYPE,
	WEBHOOK_TRIGGER,
	webhookTriggerWorkflow,
	type WebhookTarget,
} from './support/webhookTriggerWorkflows';

const SETTLE_MS = 2000;
const SPACING_MS = 400;

describe('SeaTable Webhook Trigger in n8n', () => {
	const world = useStack();
	let target: WebhookTarget;

	beforeAll(async () => {
		const { n8n, credentialId, credentialName, secret } = world();
		const credential = await n8n.createCredential({ secret }, { type: SECRET_CREDENTIAL_TYPE, name: 'SeaTable webhook secret' });
		target = { credentialId, credentialName, secretCredentialId: credential.id, secretCredentialName: credential.name };
	}, 60_000);

	/** Activates and waits until n8n serves the URL; the probe is wrongly signed, so it starts nothing. */
	async function activate(workflow: ReturnType<typeof webhookTriggerWorkflow>) {
		const { n8n } = world();
		const created = await n8n.createWorkflow(workflow.workflow);
		await n8n.activateWorkflow(created.id);
		const url = productionUrl(n8n.baseUrl, workflow.webhookId);
		await waitFor('n8n to serve the webhook', async () => (await sendLikeSeaTable(url, {}, { signature: 'sha256=probe' })).status === 401, 60_000, 100);
		return { id: created.id, url };
	}

	it('signed base webhook: 200 at once, one execution with the readable row; unsigned, wrong and bad requests start none', async () => {
		const { n8n, secret } = world();
		const { id, url } = await activate(webhookTriggerWorkflow(target, { source: 'baseWebhook' }));

		const accepted = await sendLikeSeaTable(url, modifyRow, { secret });
		expect(accepted).toMatchObject({ status: 200, json: { received: true } });
		const executions = await waitForExactly(n8n, id, 1, { settleMs: SETTLE_MS });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(1);
		expect(nodeOutput(executions[0], WEBHOOK_TRIGGER)).toEqual([
			expect.objectContaining({
				event: 'update',
				eventId: 'fae0a3a42ba94df88e8303fd385e37de:QoNno3QiTF26sxmG1sl3_g:modify_row:1649929622.589',
				op_type: 'modify_row',
				table_name: 'Opportunities',
				row_id: 'QoNno3QiTF26sxmG1sl3_g',
				row: { Prio: '++' },
				old_row: { Prio: '' },
				changed_columns: ['Prio'],
				modifier: '4bc9a7c79c5942c5b6238413f2132bea@auth.local',
				source: 'baseWebhook',
			}),
		]);

		const unsigned = await sendLikeSeaTable(url, modifyRow, {});
		expect(unsigned).toMatchObject({ status: 401, json: { error: 'The X-SeaTable-Signature header is missing' } });
		const wrong = await sendLikeSeaTable(url, modifyRow, { secret: 'not-the-secret' });
		expect(wrong).toMatchObject({ status: 401, json: { error: 'The X-SeaTable-Signature header does not match the body' } });
		expect(wrong.text).not.toContain(secret);
		// Signed over a re-serialisation instead of the bytes sent: refused too.
		const reserialised = await sendLikeSeaTable(url, modifyRow, { signature: seaTableSignature(secret, JSON.stringify(modifyRow)) });
		expect(reserialised.status).toBe(401);
		const form = await sendLikeSeaTable(url, modifyRow, { secret, contentType: 'text/plain' });
		expect(form).toMatchObject({ status: 400, json: { error: 'The content type must be application/json, not text/plain' } });
		// Declared JSON that is not: n8n's own body parser answers 422 with the reason before any node runs.
		const broken = await sendLikeSeaTable(url, undefined, { secret, rawBody: '{"event": "update",' });
		expect(broken).toMatchObject({ status: 422, json: { message: 'Failed to parse request body' } });
		const unknown = await sendLikeSeaTable(url, { event: 'delete', data: {} }, { secret });
		expect(unknown.status).toBe(400);
		// The same change delivered again is answered, but starts nothing.
		const again = await sendLikeSeaTable(url, modifyRow, { secret });
		expect(again).toMatchObject({ status: 200, json: { received: true, duplicate: true } });

		// Only the first request started anything.
		const after = await waitForExactly(n8n, id, 1, { settleMs: SETTLE_MS });
		expect(after).toHaveLength(1);
	}, 120_000);

	it('a wrong signature never starts an execution', async () => {
		const { n8n } = world();
		const { id, url } = await activate(webhookTriggerWorkflow(target, { source: 'baseWebhook', options: { dedupeWindow: 0 } }));
		for (let i = 0; i < 5; i++) {
			const body = { event: 'update', data: { ...(modifyRow.data as object), op_time: 1700000000.5 + i } };
			expect((await sendLikeSeaTable(url, body, { secret: `wrong-${i}` })).status).toBe(401);
			expect((await sendLikeSeaTable(url, body, {})).status).toBe(401);
		}
		await delay(SETTLE_MS);
		expect(await n8n.listExecutions(id)).toHaveLength(0);
	}, 120_000);

	it('automation: the row named by _id is read from SeaTable, readable', async () => {
		const { n8n, secret } = world();
		const { id, url } = await activate(
			webhookTriggerWorkflow(target, { source: 'automation', table: 'Tasks', actions: 'transfer' }, { readRows: true }),
		);
		const rowId = SAMPLE_IDS.taskRows[1];
		expect((await sendLikeSeaTable(url, { action: 'ignored-action', _id: rowId }, { secret })).json).toEqual({
			received: true,
			ignored: 'filtered out by the node',
		});
		expect((await sendLikeSeaTable(url, { action: 'transfer', _id: rowId }, { secret })).status).toBe(200);
		const executions = await waitForExactly(n8n, id, 1, { settleMs: SETTLE_MS });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(1);
		const [item] = nodeOutput(executions[0], WEBHOOK_TRIGGER);
		expect(item).toMatchObject({ event: 'automation', action: 'transfer', row_id: rowId, table_name: 'Tasks', source: 'automation' });
		expect(item.row).toMatchObject({ _id: rowId, Name: expect.any(String) });
		expect(['Open', 'In progress', 'Done']).toContain((item.row as Record<string, unknown>).Status);
		expect(item.row_error).toBeUndefined();
	}, 120_000);

	it('the SeaTable Webhook node (1.1) signs with the same credential, and the trigger accepts it', async () => {
		const { n8n, emulator } = world();
		const receiving = await activate(webhookTriggerWorkflow(target, { source: 'automation', table: 'Tasks' }, { readRows: true }));
		const forwarding = await n8n.createWorkflow(forwardingWorkflow(target, receiving.url, 'forwarded', [SAMPLE_IDS.tasks]));
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(forwarding.id);
		await joined;
		const { row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Forward me', Status: 'Done' });

		const executions = await waitForExactly(n8n, receiving.id, 1, { settleMs: SETTLE_MS });
		assertAllSucceeded(executions);
		expect(nodeOutput(executions[0], WEBHOOK_TRIGGER)).toEqual([
			expect.objectContaining({ action: 'forwarded', row_id: row._id, row: expect.objectContaining({ Name: 'Forward me', Status: 'Done' }) }),
		]);
		await n8n.deactivateWorkflow(forwarding.id);
	}, 120_000);

	it('runs the example workflow (examples/seatable-webhook-trigger.workflow.json): a status change → a toast to who made it', async () => {
		const { n8n, emulator, secret } = world();
		const { id, url } = await activate(fillExampleWorkflow(target));
		const ben = sampleBase().collaborators[1];
		const status = sampleBase().tables[0].columns.find((column) => column.name === 'Status');
		let opTime = 1764576000.5;
		const change = (key: string, value: string, old: string) => ({
			event: 'update',
			data: {
				dtable_uuid: SAMPLE_IDS.uuid.replace(/-/g, ''),
				row_id: SAMPLE_IDS.taskRows[0],
				op_user: ben.email,
				op_type: 'modify_row',
				op_time: (opTime += 1),
				table_id: SAMPLE_IDS.tasks,
				table_name: 'Tasks',
				row_name: 'Write the spec',
				row_data: [{ column_key: key, column_name: key === 'St4t' ? 'Status' : 'Name', column_type: status?.type, column_data: status?.data, value, old_value: old }],
			},
		});
		const toastsBefore = emulator.toasts.length;
		// A change of another column is filtered out by the example's "Watch Columns: Status".
		expect((await sendLikeSeaTable(url, change('0000', 'x', 'y'), { secret })).json).toMatchObject({ ignored: 'filtered out by the node' });
		expect((await sendLikeSeaTable(url, change('St4t', SAMPLE_IDS.statusOptions.done, SAMPLE_IDS.statusOptions.open), { secret })).status).toBe(200);
		const executions = await waitForExactly(n8n, id, 1, { settleMs: SETTLE_MS });
		assertAllSucceeded(executions);
		await waitFor('the toast to reach SeaTable', () => emulator.toasts.length > toastsBefore);
		expect(emulator.toasts.slice(toastsBefore)).toEqual([
			expect.objectContaining({ to_user: ben.email, detail: { msg: 'Status of Write the spec is now Done' } }),
		]);
	}, 120_000);

	// Printed, never asserted: what is asserted is one execution per request. The baseline is n8n's
	// own Webhook node (answering "on received") in the same n8n, posted to the same way. Requests are
	// spaced so that each answer is measured, not a queue behind the executions of the previous ones.
	it('answers 50 signed base webhooks, each starting one execution, and prints the answer time next to n8n\'s Webhook node', async () => {
		const { n8n, secret } = world();
		const ours = await activate(webhookTriggerWorkflow(target, { source: 'baseWebhook' }));
		const path = randomUUID();
		const core = await n8n.createWorkflow({
			name: `core webhook ${Date.now()}`,
			nodes: [
				{
					id: randomUUID(),
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: randomUUID(),
					parameters: { httpMethod: 'POST', path, responseMode: 'onReceived', options: {} },
				},
			],
			connections: {},
		});
		await n8n.activateWorkflow(core.id);
		const coreUrl = `${n8n.baseUrl}/webhook/${path}`;
		await waitFor('n8n to serve the core webhook', async () => (await sendLikeSeaTable(coreUrl, {}, { contentType: 'text/plain' })).status !== 404, 60_000, 100);
		const timings = { ours: [] as number[], core: [] as number[] };
		for (let i = 0; i < 50; i++) {
			const body = { event: 'update', data: { ...(modifyRow.data as object), op_time: 1800000000.25 + i } };
			for (const [side, url] of [['ours', ours.url], ['core', coreUrl]] as const) {
				const started = performance.now();
				const answer = await sendLikeSeaTable(url, body, { secret });
				timings[side].push(performance.now() - started);
				expect(answer.status).toBe(200);
				await delay(SPACING_MS);
			}
		}
		process.stderr.write(`${summary(`n8n ${n8n.version}: SeaTable Webhook Trigger answered after`, timings.ours)}\n`);
		process.stderr.write(`${summary(`n8n ${n8n.version}: n8n's Webhook node answered after`, timings.core)}\n`);
		const executions = await waitForExactly(n8n, ours.id, 50, { settleMs: SETTLE_MS, timeoutMs: 120_000 });
		expect(executions).toHaveLength(50);
		assertAllSucceeded(executions);
		await n8n.deactivateWorkflow(core.id);
	}, 180_000);
});

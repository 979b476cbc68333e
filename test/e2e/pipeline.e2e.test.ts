// An active workflow "SeaTable Realtime Trigger → SeaTable Toast → SeaTable Webhook" in a real n8n
// against the SeaTable emulator: one inserted row gives one execution, one toast to the person who
// made the change, one signed webhook; deactivating the workflow closes the realtime socket.
import { describe, expect, it } from '@jest/globals';
import { createHmac } from 'crypto';
import { setTimeout as delay } from 'node:timers/promises';

import { fillDemoWorkflow } from '../demo/demoWorkflow';
import { SAMPLE_IDS, sampleBase } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { assertAllSucceeded, nodeOutput, waitForExactly } from './support/executions';
import { useStack } from './support/stack';
import { pipelineWorkflow, TOAST, TRIGGER, WEBHOOK, WEBHOOK_ACTION } from './support/workflows';

const [, ben, chiara] = sampleBase().collaborators;

describe('trigger → toast → webhook in n8n', () => {
	const world = useStack();

	it('delivers one inserted row once: execution, toast to its author, signed webhook; deactivation closes the socket', async () => {
		const { emulator, n8n, receiver } = world();
		const workflow = await n8n.createWorkflow(
			pipelineWorkflow({ ...world(), receiverUrl: receiver.url(), secret: world().secret }),
		);
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		expect((await n8n.activateWorkflow(workflow.id)).active).toBe(true);
		// The trigger listens once its socket joined the base's room.
		await joined;
		expect(emulator.socketCount()).toBe(1);

		const { row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Ship the e2e suite', Status: 'Open' }, { author: ben.email });

		const executions = await waitForExactly(n8n, workflow.id, 1, { timeoutMs: 30_000 });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(1);
		const [execution] = executions;
		expect(execution.mode).toBe('trigger');
		expect(nodeOutput(execution, TRIGGER)).toEqual([
			expect.objectContaining({
				event: 'update-dtable',
				op_type: 'insert_row',
				table_name: 'Tasks',
				row_id: row._id,
				modifier: ben.email,
				row: expect.objectContaining({ Name: 'Ship the e2e suite', Status: 'Open' }),
			}),
		]);
		expect(nodeOutput(execution, TOAST)).toEqual([expect.objectContaining({ sent: true, to: [ben.email] })]);
		expect(nodeOutput(execution, WEBHOOK)).toEqual([expect.objectContaining({ statusCode: 200, attempts: 1 })]);

		// What SeaTable (the emulator) received: one toast, for Ben, naming the row.
		expect(emulator.toasts).toHaveLength(1);
		expect(emulator.toasts[0]).toMatchObject({ to_user: ben.email, toast_type: 'success' });
		expect((emulator.toasts[0].detail as { msg: string }).msg).toContain('Ship the e2e suite');

		// What the receiver got: one POST, signed over its exact bytes, with SeaTable's body shape.
		expect(receiver.deliveries).toHaveLength(1);
		const [delivery] = receiver.deliveries;
		expect(delivery.signatureValid).toBe(true);
		const hmac = createHmac('sha256', world().secret).update(delivery.rawBody).digest('hex');
		expect(delivery.headers['x-seatable-signature']).toBe(`sha256=${hmac}`);
		expect(delivery.json).toEqual({ action: WEBHOOK_ACTION, _id: row._id });

		const disconnected = new Promise<void>((resolve) => emulator.once('disconnect', () => resolve()));
		expect((await n8n.deactivateWorkflow(workflow.id)).active).toBe(false);
		await disconnected;
		await waitFor('the emulator to count no sockets', () => emulator.socketCount() === 0);

		// Nothing listens any more: a change now starts no execution.
		emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'After deactivation' }, { author: ben.email });
		await delay(1500);
		expect(await n8n.listExecutions(workflow.id)).toHaveLength(1);
		expect(emulator.toasts).toHaveLength(1);
		expect(receiver.deliveries).toHaveLength(1);
	}, 90_000);

	it('runs the shipped demo workflow (test/demo/seatable-realtime-demo.workflow.json) on an insert and a status change', async () => {
		const { emulator, n8n, receiver, credentialId, credentialName } = world();
		const toastsBefore = emulator.toasts.length;
		const deliveriesBefore = receiver.deliveries.length;
		const workflow = await n8n.createWorkflow(
			fillDemoWorkflow({ credential: { id: credentialId, name: credentialName }, webhookUrl: receiver.url(), secret: world().secret }),
		);
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(workflow.id);
		await joined;

		const { row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Demo task', Status: 'Open' }, { author: ben.email });
		await waitForExactly(n8n, workflow.id, 1, { timeoutMs: 30_000, settleMs: 0 });
		emulator.modifyRow(SAMPLE_IDS.tasks, row._id, { Status: 'Done' }, { author: chiara.email });
		const executions = await waitForExactly(n8n, workflow.id, 2, { timeoutMs: 30_000 });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(2);

		expect(emulator.toasts.slice(toastsBefore).map((toast) => [toast.to_user, (toast.detail as { msg: string }).msg])).toEqual([
			[ben.email, 'New task: Demo task'],
			[chiara.email, 'Task updated: Status is now Done'],
		]);
		const deliveries = receiver.deliveries.slice(deliveriesBefore);
		expect(deliveries.map((delivery) => delivery.json)).toEqual([
			{ action: 'insert_row', _id: row._id },
			{ action: 'modify_row', _id: row._id },
		]);
		expect(deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
		await n8n.deactivateWorkflow(workflow.id);
	}, 90_000);
});

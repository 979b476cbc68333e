// Trigger → Toast → Webhook in queue mode: the socket is held by the main only, the executions run
// on the workers, and every change gives one execution, one toast and one signed webhook.
import { expect } from '@jest/globals';

import { sampleBase } from '../../emulator';
import { waitFor } from '../../helpers/waitFor';
import type { QueueStack } from '../queueStack';
import { activate, countEventIds, deliveriesByRow, executionsByWorker, insertAtRate, logCount, once, pipeline, settledExecutions } from '../support';

const [, ben] = sampleBase().collaborators;
const JOINED = /SeaTable realtime: (re)?joined base/;

export async function pipelineOnWorkers(stack: QueueStack): Promise<void> {
	const { emulator, main, workers, db } = stack;
	const workflowId = await activate(stack, pipeline(stack, 'queue pipeline'));
	expect(emulator.socketCount()).toBe(1);
	// The trigger runs where n8n runs triggers, on the main: the workers never join the base.
	expect(logCount(main.logFile, JOINED)).toBeGreaterThanOrEqual(1);
	for (const worker of workers) expect(logCount(worker.logFile, JOINED)).toBe(0);

	const toastsBefore = emulator.toasts.length;
	const deliveriesBefore = stack.receiver.deliveries.length;
	const changes = await insertAtRate(emulator, { count: 20, perSecond: 10, author: ben.email, label: 'pipeline' });
	const rows = await settledExecutions(db, workflowId, changes.length);

	expect(countEventIds(rows)).toEqual(once(changes));
	expect(rows).toHaveLength(changes.length);
	expect(rows.map((row) => `${row.mode}/${row.status}`)).toEqual(changes.map(() => 'trigger/success'));

	// Each execution was started by exactly one worker and none by the main.
	const { byExecution, onMain } = executionsByWorker(stack);
	expect(onMain).toEqual([]);
	for (const row of rows) expect(byExecution.get(row.id)).toHaveLength(1);

	// What SeaTable and the receiver got: one toast to Ben per row, one signed POST per row.
	const toasts = emulator.toasts.slice(toastsBefore);
	expect(toasts.map((toast) => (toast.detail as { msg: string }).msg).sort()).toEqual(
		changes.map((change) => `New task: ${change.name}`).sort(),
	);
	expect(toasts.every((toast) => toast.to_user === ben.email)).toBe(true);
	const deliveries = stack.receiver.deliveries.slice(deliveriesBefore);
	expect(deliveries.every((delivery) => delivery.signatureValid)).toBe(true);
	expect(deliveriesByRow(stack)).toEqual(new Map(changes.map((change) => [change.rowId, 1])));

	await main.deactivateWorkflow(workflowId);
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
}

/** Two workflows on the same base: one socket, on the main, and each workflow gets every change once. */
export async function twoWorkflowsOneSocket(stack: QueueStack): Promise<void> {
	const { emulator, main, db } = stack;
	const first = await activate(stack, pipeline(stack, 'queue first'));
	const second = await activate(stack, pipeline(stack, 'queue second'));
	expect(emulator.socketCount()).toBe(1);

	const changes = await insertAtRate(emulator, { count: 10, perSecond: 10, author: ben.email, label: 'two workflows' });
	for (const workflowId of [first, second]) {
		const rows = await settledExecutions(db, workflowId, changes.length);
		expect(countEventIds(rows)).toEqual(once(changes));
		expect(rows.every((row) => row.status === 'success')).toBe(true);
	}
	expect(emulator.socketCount()).toBe(1);

	await main.deactivateWorkflow(first);
	// The other workflow still listens on the shared socket.
	expect(emulator.socketCount()).toBe(1);
	await main.deactivateWorkflow(second);
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
}

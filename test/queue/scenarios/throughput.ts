// Many changes in queue mode: 1,000 at 50/s with Parallel Processing on (none lost, none twice,
// spread over both workers), and with it off, one execution after the other in version order.
import { expect } from '@jest/globals';

import { sampleBase } from '../../emulator';
import { waitFor } from '../../helpers/waitFor';
import { keepsCompletedJobs, type QueueStack } from '../queueStack';
import {
	activate,
	countEventIds,
	deliveriesByRow,
	executionsByWorker,
	insertAtRate,
	once,
	pipeline,
	settledExecutions,
	settledOrStalled,
} from '../support';

const [, , chiara] = sampleBase().collaborators;

export const PARALLEL_CHANGES = 1000;
// Off means each execution waits for the one before it: a backlog builds at 50/s, so fewer changes.
export const SEQUENTIAL_CHANGES = 200;

export async function parallelBurst(stack: QueueStack): Promise<void> {
	const { emulator, main, db } = stack;
	const workflowId = await activate(stack, pipeline(stack, 'queue parallel', { parallelProcessing: true }));
	const deliveriesBefore = stack.receiver.deliveries.length;
	const started = Date.now();
	const changes = await insertAtRate(emulator, { count: PARALLEL_CHANGES, perSecond: 50, author: chiara.email, label: 'burst' });
	const rows = await settledExecutions(db, workflowId, changes.length, { timeoutMs: 600_000, settleMs: 3000 });
	const seconds = (Date.now() - started) / 1000;

	const counts = countEventIds(rows);
	const lost = changes.filter((change) => !counts.has(change.eventId)).length;
	const duplicated = [...counts.values()].filter((count) => count > 1).length;
	const { byExecution } = executionsByWorker(stack);
	const perWorker = stack.workers.map((_, index) => rows.filter((row) => byExecution.get(row.id)?.[0] === index).length);
	process.stderr.write(
		`\nqueue mode, n8n ${stack.version}: ${changes.length} changes at 50/s, Parallel Processing on → ` +
			`${rows.length} executions, ${lost} lost, ${duplicated} duplicated, per worker ${perWorker.join(' / ')}, ` +
			`all done after ${seconds.toFixed(0)} s\n`,
	);
	expect({ lost, duplicated }).toEqual({ lost: 0, duplicated: 0 });
	expect(counts).toEqual(once(changes));
	expect(rows).toHaveLength(changes.length);
	expect(rows.filter((row) => row.status !== 'success')).toEqual([]);
	// The queue spreads the work: both workers ran executions.
	for (const count of perWorker) expect(count).toBeGreaterThan(0);
	expect(perWorker.reduce((a, b) => a + b, 0)).toBe(changes.length);
	await stack.receiver.waitFor(deliveriesBefore + changes.length, 60_000);
	const delivered = deliveriesByRow(stack);
	expect(changes.filter((change) => delivered.get(change.rowId) !== 1)).toEqual([]);

	await main.deactivateWorkflow(workflowId);
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
}

/**
 * Parallel Processing off: the trigger waits for n8n to say each execution finished (its done
 * promise). In queue mode n8n learns that from Bull's job.finished(), which never settles for a job
 * that completed and was removed before n8n started waiting for it (n8n awaits its
 * workflowExecuteBefore hooks in between). n8n 2.8.4 always removes completed jobs, so there the
 * trigger can stall for good after any execution; n8n with N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED
 * keeps them (2.41.1 does), Bull’s watchdog then finds the job finished, and every change runs. Asserted on every
 * version: what ran is the first changes, in version order, one after the other; where the
 * setting exists, that is all of them.
 */
export async function sequentialInVersionOrder(stack: QueueStack): Promise<{ ran: number; stalled: boolean }> {
	const { emulator, main, db } = stack;
	const workflowId = await activate(stack, pipeline(stack, 'queue sequential', { parallelProcessing: false }));
	const changes = await insertAtRate(emulator, { count: SEQUENTIAL_CHANGES, perSecond: 50, author: chiara.email, label: 'in order' });
	const { rows, stalled } = await settledOrStalled(db, workflowId, changes.length, { stallMs: 30_000 });

	expect(rows.length).toBeGreaterThan(0);
	expect(countEventIds(rows)).toEqual(once(changes.slice(0, rows.length)));
	expect(rows.filter((row) => row.status !== 'success')).toEqual([]);
	// Executions in the order n8n created them carry the changes in version order …
	const versionOf = (eventId: string) => Number(eventId.split(':')[1]);
	expect(rows.map((row) => versionOf(row.eventIds[0]))).toEqual(changes.slice(0, rows.length).map((change) => change.version));
	// … and each started only after the one before it had stopped, wherever it ran.
	const overlapping = rows.filter((row, i) => i > 0 && row.startedAt < rows[i - 1].stoppedAt);
	expect(overlapping.map((row) => row.id)).toEqual([]);
	if (keepsCompletedJobs(stack.version)) expect({ ran: rows.length, stalled }).toEqual({ ran: changes.length, stalled: false });
	const { byExecution } = executionsByWorker(stack);
	const perWorker = stack.workers.map((_, index) => rows.filter((row) => byExecution.get(row.id)?.[0] === index).length);
	process.stderr.write(
		`queue mode, n8n ${stack.version}: ${changes.length} changes at 50/s, Parallel Processing off → ` +
			`${rows.length} executions in version order, none overlapping, per worker ${perWorker.join(' / ')}` +
			(stalled ? `; the trigger stalled after ${rows.length} (n8n lost a job's completion)\n` : '\n'),
	);

	await main.deactivateWorkflow(workflowId);
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
	return { ran: rows.length, stalled };
}

// A worker SIGKILLed while it runs executions, and started again, mid-stream. n8n does not re-queue
// the jobs the dead worker held (Bull's maxStalledCount is 0): they end as failed or crashed
// executions once their lock expires. Asserted: every change still has exactly one execution and
// no webhook went out twice; measured and printed: how many ended failed or crashed, and whether
// their webhook had been sent before the worker died.
import { setTimeout as delay } from 'node:timers/promises';
import { expect } from '@jest/globals';

import { sampleBase } from '../../emulator';
import { waitFor } from '../../helpers/waitFor';
import type { QueueStack } from '../queueStack';
import { activate, countEventIds, deliveriesByRow, finishedExecutions, insertAtRate, once, pipeline, settledExecutions, startedExecutions, type Change } from '../support';

const [anna] = sampleBase().collaborators;

export interface KillReport {
	held: number;
	statuses: Record<string, number>;
	webhookSent: number;
	webhookNotSent: number;
	settledAfterSeconds: number;
}

/** Waits (briefly) for a moment when the worker has started executions it has not finished; their ids. */
async function holdingExecutions(logFile: string, timeoutMs = 20_000): Promise<number[]> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const finished = new Set(finishedExecutions(logFile));
		const held = startedExecutions(logFile).filter((id) => !finished.has(id));
		if (held.length > 0 || Date.now() > deadline) return held;
		await delay(5);
	}
}

export async function workerKilledMidStream(stack: QueueStack): Promise<KillReport> {
	const { emulator, main, db } = stack;
	const [victim] = stack.workers;
	const workflowId = await activate(stack, pipeline(stack, 'queue worker kill'));
	let killedAt = 0;
	let held: number[] = [];
	let restarted: Promise<void> | undefined;
	const changes: Change[] = await insertAtRate(emulator, {
		count: 200,
		perSecond: 20,
		author: anna.email,
		label: 'kill',
		beforeEach: async (index) => {
			if (index !== 40) return;
			// In the background: the stream goes on while the worker is killed and started again.
			restarted = (async () => {
				held = await holdingExecutions(victim.logFile);
				victim.killNow();
				killedAt = Date.now();
				await victim.stop();
				await victim.start();
			})();
		},
	});
	await restarted;
	changes.push(...(await insertAtRate(emulator, { count: 20, perSecond: 20, author: anna.email, label: 'after restart' })));
	const rows = await settledExecutions(db, workflowId, changes.length, { timeoutMs: 420_000, settleMs: 3000 });
	const settledAfterSeconds = (Date.now() - killedAt) / 1000;

	// Every change has exactly one execution, whatever became of it.
	expect(countEventIds(rows)).toEqual(once(changes));
	expect(rows).toHaveLength(changes.length);

	const statuses: Record<string, number> = {};
	for (const row of rows) statuses[row.status] = (statuses[row.status] ?? 0) + 1;
	const rowOf = new Map(changes.map((change) => [change.eventId, change.rowId]));
	const delivered = deliveriesByRow(stack);
	const unsuccessful = rows.filter((row) => row.status !== 'success');
	const sent = unsuccessful.filter((row) => delivered.get(rowOf.get(row.eventIds[0])!) === 1).length;
	// A webhook never went out twice; every successful execution sent its one.
	expect(changes.filter((change) => (delivered.get(change.rowId) ?? 0) > 1)).toEqual([]);
	const successfulRows = rows.filter((row) => row.status === 'success').map((row) => rowOf.get(row.eventIds[0])!);
	expect(successfulRows.filter((rowId) => delivered.get(rowId) !== 1)).toEqual([]);

	const report: KillReport = {
		held: held.length,
		statuses,
		webhookSent: sent,
		webhookNotSent: unsuccessful.length - sent,
		settledAfterSeconds,
	};
	process.stderr.write(
		`queue mode, n8n ${stack.version}: worker SIGKILLed holding ${held.length} execution(s), restarted; ` +
			`${changes.length} changes → ${rows.length} executions (${JSON.stringify(statuses)}); of the ${unsuccessful.length} ` +
			`not successful, ${sent} had sent their webhook, ${unsuccessful.length - sent} had not; ` +
			`all settled ${settledAfterSeconds.toFixed(0)} s after the kill\n`,
	);

	await main.deactivateWorkflow(workflowId);
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
	return report;
}

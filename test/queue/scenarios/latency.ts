// Figures, printed and never asserted: emit → execution start at 20 changes/s, in queue mode (the
// main enqueues, a worker starts the execution) beside regular mode (the main runs it itself), both
// on the same PostgreSQL. Regular mode is a second n8n started on the main's user folder with
// EXECUTIONS_MODE=regular, after the queue-mode main stopped (one trigger holder at a time).
import { expect } from '@jest/globals';

import { percentile } from '../../e2e/support/stats';
import { sampleBase } from '../../emulator';
import { waitFor } from '../../helpers/waitFor';
import type { N8nInstance } from '../../n8n/harness';
import { createInstance, queueEnv, type QueueStack } from '../queueStack';
import { countEventIds, insertAtRate, once, pipeline, settledExecutions } from '../support';

const [, ben] = sampleBase().collaborators;
export const LATENCY_CHANGES = 200;

export interface LatencyFigures {
	mode: string;
	p50: number;
	p99: number;
	n: number;
}

async function measure(stack: QueueStack, n8n: N8nInstance, mode: string): Promise<LatencyFigures> {
	const { emulator, db } = stack;
	const created = await n8n.createWorkflow(pipeline(stack, `latency ${mode}`));
	const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
	await n8n.activateWorkflow(created.id);
	await joined;
	const emittedAt = new Map<number, number>();
	const onUpdate = (version: number) => emittedAt.set(version, Date.now());
	emulator.on('update', onUpdate);
	try {
		const changes = await insertAtRate(emulator, { count: LATENCY_CHANGES, perSecond: 20, author: ben.email, label: `latency ${mode}` });
		const rows = await settledExecutions(db, created.id, changes.length, { timeoutMs: 300_000 });
		expect(countEventIds(rows)).toEqual(once(changes));
		expect(rows.filter((row) => row.status !== 'success')).toEqual([]);
		const toStart = rows.map((row) => row.startedAt - emittedAt.get(Number(row.eventIds[0].split(':')[1]))!);
		expect(toStart.every(Number.isFinite)).toBe(true);
		return { mode, n: toStart.length, p50: percentile(toStart, 50), p99: percentile(toStart, 99) };
	} finally {
		emulator.off('update', onUpdate);
		await n8n.deactivateWorkflow(created.id);
		await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
	}
}

/** Leaves the queue-mode main stopped (stopQueueStack does not mind). */
export async function latencyQueueBesideRegular(stack: QueueStack): Promise<LatencyFigures[]> {
	const queue = await measure(stack, stack.main, 'queue');
	await stack.main.stop();
	const regular = await createInstance(stack.version, {
		userFolder: stack.main.userFolder,
		logFile: `${stack.main.userFolder}/n8n-regular.log`,
		env: queueEnv(stack, 'regular'),
	});
	let figures: LatencyFigures[];
	try {
		await regular.start();
		// Same database, so the same owner and API key (and a login for n8n 2.41's publication status).
		regular.apiKey = stack.main.apiKey;
		await regular.login(stack.main.owner);
		figures = [queue, await measure(stack, regular, 'regular')];
	} finally {
		await regular.stop();
	}
	process.stderr.write(
		[
			`\nemit → execution start at 20 changes/s, n8n ${stack.version}, trigger → toast → webhook, PostgreSQL:`,
			...figures.map((f) => `  ${f.mode.padEnd(8)} n=${f.n} p50=${f.p50.toFixed(0)} ms p99=${f.p99.toFixed(0)} ms`),
			'',
		].join('\n'),
	);
	return figures;
}

// Helpers of the queue-mode scenarios: changes at a steady rate, waiting on PostgreSQL, reading
// which worker ran an execution from the workers' logs.
import { setTimeout as delay } from 'node:timers/promises';
import * as fs from 'fs';

import { pipelineWorkflow, TRIGGER } from '../e2e/support/workflows';
import { SAMPLE_IDS, type SeaTableEmulator } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import type { WorkflowInput } from '../n8n/harness';
import { isPending, type ExecutionRow, type ExecutionsDb } from './executionsDb';
import type { QueueStack } from './queueStack';

export interface Change {
	version: number;
	rowId: string;
	eventId: string;
	name: string;
}

/**
 * Inserts `count` rows into Tasks at `perSecond`, on a fixed schedule (a late insert does not
 * delay the next ones); `beforeEach(i)` may pause the stream, e.g. to kill a worker.
 */
export async function insertAtRate(
	emulator: SeaTableEmulator,
	options: { count: number; perSecond: number; author: string; label: string; beforeEach?: (index: number) => Promise<void> },
): Promise<Change[]> {
	const changes: Change[] = [];
	let start = Date.now();
	for (let i = 0; i < options.count; i++) {
		if (options.beforeEach) {
			const paused = Date.now();
			await options.beforeEach(i);
			start += Date.now() - paused;
		}
		const wait = start + (i * 1000) / options.perSecond - Date.now();
		if (wait > 0) await delay(wait);
		const name = `${options.label} ${i + 1}`;
		const { version, row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: name }, { author: options.author });
		changes.push({ version, rowId: row._id, eventId: `${emulator.uuid}:${version}`, name });
	}
	return changes;
}

/**
 * Waits until the workflow has at least `count` executions in PostgreSQL and none is still new or
 * running, then `settleMs` longer to catch any extra one (a duplicate shows as more than `count`).
 */
export async function settledExecutions(
	db: ExecutionsDb,
	workflowId: string,
	count: number,
	options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<ExecutionRow[]> {
	const deadline = Date.now() + (options.timeoutMs ?? 120_000);
	for (;;) {
		const rows = await db.executions(workflowId);
		const pending = rows.filter(isPending).length;
		if (rows.length >= count && pending === 0) break;
		if (Date.now() > deadline) {
			throw new Error(`workflow ${workflowId}: ${rows.length} of ${count} executions, ${pending} still pending, in time`);
		}
		await delay(500);
	}
	await delay(options.settleMs ?? 2000);
	return db.executions(workflowId);
}

/**
 * Like settledExecutions, but also returns when nothing happened for `stallMs` (none pending, no
 * new execution): for a trigger that may stop emitting.
 */
export async function settledOrStalled(
	db: ExecutionsDb,
	workflowId: string,
	count: number,
	options: { stallMs: number; timeoutMs?: number },
): Promise<{ rows: ExecutionRow[]; stalled: boolean }> {
	const deadline = Date.now() + (options.timeoutMs ?? 600_000);
	let last = -1;
	let lastChange = Date.now();
	for (;;) {
		const rows = await db.executions(workflowId);
		const pending = rows.filter(isPending).length;
		if (rows.length >= count && pending === 0) return { rows: await settledExecutions(db, workflowId, count), stalled: false };
		if (rows.length !== last || pending > 0) {
			last = rows.length;
			lastChange = Date.now();
		} else if (Date.now() - lastChange > options.stallMs) {
			return { rows, stalled: true };
		}
		if (Date.now() > deadline) throw new Error(`workflow ${workflowId}: ${rows.length} of ${count} executions in time`);
		await delay(500);
	}
}

/** eventId → number of executions, over every execution of the workflow. */
export function countEventIds(rows: ExecutionRow[]): Map<string, number> {
	const counts = new Map<string, number>();
	for (const row of rows) for (const eventId of row.eventIds) counts.set(eventId, (counts.get(eventId) ?? 0) + 1);
	return counts;
}

export const once = (changes: Change[]) => new Map(changes.map((change) => [change.eventId, 1]));

/** Execution ids a process logged as started ("Worker started execution 12 (job 7)"). */
export function startedExecutions(logFile: string): number[] {
	const text = fs.readFileSync(logFile, 'utf8');
	return [...text.matchAll(/Worker started execution (\d+) /g)].map((match) => Number(match[1]));
}

export function finishedExecutions(logFile: string): number[] {
	const text = fs.readFileSync(logFile, 'utf8');
	return [...text.matchAll(/Worker finished execution (\d+) /g)].map((match) => Number(match[1]));
}

/** Which worker (index) started each execution; the main must have started none. */
export function executionsByWorker(stack: QueueStack): { byExecution: Map<number, number[]>; onMain: number[] } {
	const byExecution = new Map<number, number[]>();
	stack.workers.forEach((worker, index) => {
		for (const id of startedExecutions(worker.logFile)) byExecution.set(id, [...(byExecution.get(id) ?? []), index]);
	});
	return { byExecution, onMain: startedExecutions(stack.main.logFile) };
}

/** How many lines of a log match. */
export function logCount(logFile: string, pattern: RegExp): number {
	return fs
		.readFileSync(logFile, 'utf8')
		.split('\n')
		.filter((line) => pattern.test(line)).length;
}

/** Deliveries at the receiver per row id. */
export function deliveriesByRow(stack: QueueStack): Map<string, number> {
	const counts = new Map<string, number>();
	for (const delivery of stack.receiver.deliveries) {
		const id = String((delivery.json as { _id?: unknown } | undefined)?._id);
		counts.set(id, (counts.get(id) ?? 0) + 1);
	}
	return counts;
}

/** Trigger → Toast → signed Webhook against this stack, with the trigger's options set. */
export function pipeline(stack: QueueStack, name: string, triggerOptions: Record<string, unknown> = {}): WorkflowInput {
	const workflow = pipelineWorkflow({ ...stack, receiverUrl: stack.receiver.url(), secret: stack.secret }, name);
	const trigger = workflow.nodes.find((node) => node.name === TRIGGER)!;
	(trigger.parameters as { options: Record<string, unknown> }).options = triggerOptions;
	return workflow;
}

/** Creates and activates a workflow on the main, and waits until the main's trigger joined the base. */
export async function activate(stack: QueueStack, workflow: WorkflowInput): Promise<string> {
	const created = await stack.main.createWorkflow(workflow);
	const joined = new Promise<void>((resolve) => stack.emulator.once('join', () => resolve()));
	const alreadyListening = stack.emulator.socketCount() > 0;
	await stack.main.activateWorkflow(created.id);
	// A second workflow on the same base shares the socket: there is no new join to wait for.
	if (!alreadyListening) await joined;
	return created.id;
}

/**
 * After each scenario: deactivate whatever the main still has active (a scenario that failed
 * halfway), so the next one starts with no trigger listening.
 */
export async function deactivateAll(stack: QueueStack): Promise<void> {
	if (!stack.main.isRunning) return;
	const page = await stack.main.api<{ data: Array<{ id: string; active: boolean }> }>('GET', '/workflows?active=true&limit=250');
	for (const workflow of page.data.filter((candidate) => candidate.active)) await stack.main.deactivateWorkflow(workflow.id);
	await waitFor('the trigger socket to close', () => stack.emulator.socketCount() === 0);
}

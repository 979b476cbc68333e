// Reading n8n executions: the items a node produced, failures, and waiting for an exact count.
import { setTimeout as delay } from 'node:timers/promises';

import type { Execution, N8nInstance } from '../../n8n/harness';

export type Json = Record<string, unknown>;

/** The JSON items of a node's first output in its first run (empty when it did not run). */
export function nodeOutput(execution: Execution, nodeName: string): Json[] {
	const run = execution.data?.resultData.runData[nodeName]?.[0];
	return (run?.data?.main?.[0] ?? []).map((item) => item.json);
}

/** A readable description of why an execution failed, or undefined when it succeeded. */
export function failure(execution: Execution): string | undefined {
	if (execution.status === 'success') return undefined;
	const resultData = execution.data?.resultData;
	const nodeErrors = Object.entries(resultData?.runData ?? {})
		.filter(([, runs]) => runs.some((run) => run.error))
		.map(([node, runs]) => `${node}: ${JSON.stringify(runs.find((run) => run.error)?.error).slice(0, 400)}`);
	return `execution ${execution.id} ${execution.status}: ${resultData?.error?.message ?? ''} ${nodeErrors.join('; ')}`.trim();
}

/** Throws with every failure's reason when an execution did not succeed. */
export function assertAllSucceeded(executions: Execution[]): void {
	const failures = executions.map(failure).filter((reason): reason is string => reason !== undefined);
	if (failures.length > 0) throw new Error(`${failures.length} execution(s) failed:\n${failures.join('\n')}`);
}

/**
 * Waits until the workflow has `count` finished executions, then `settleMs` longer to catch any
 * extra one: returns all of them (a duplicate delivery shows up as more than `count`).
 */
export async function waitForExactly(
	n8n: N8nInstance,
	workflowId: string,
	count: number,
	options: { timeoutMs?: number; settleMs?: number } = {},
): Promise<Execution[]> {
	await n8n.waitForExecutions(workflowId, { count, timeoutMs: options.timeoutMs ?? 60_000, intervalMs: 250 });
	await delay(options.settleMs ?? 1500);
	// Still running ones count too: anything beyond `count` is a duplicate.
	return n8n.listExecutions(workflowId, { limit: 250 });
}

/** How often each key occurs. */
export function countBy<T>(values: T[], key: (value: T) => string): Map<string, number> {
	const counts = new Map<string, number>();
	for (const value of values) counts.set(key(value), (counts.get(key(value)) ?? 0) + 1);
	return counts;
}

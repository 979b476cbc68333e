// What the README promises about order, checked in a real n8n: the trigger always emits in version
// order; with Parallel Processing off, executions also start in version order (each waits for the
// previous one), also on n8n 2.41, which prepares each execution asynchronously. With it on, n8n
// may start them in another order: items carry `version` for that case.
import { describe, expect, it } from '@jest/globals';

import { SAMPLE_IDS } from '../emulator';
import type { Execution } from '../n8n/harness';
import { assertAllSucceeded, nodeOutput, waitForExactly } from './support/executions';
import { useStack } from './support/stack';
import { TRIGGER, triggerOnlyWorkflow } from './support/workflows';

const ROWS = 30;

describe('order of executions', () => {
	const world = useStack();

	it('with Parallel Processing off, executions start in version order', async () => {
		const { emulator, n8n } = world();
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow(world(), { parallelProcessing: false }));
		await n8n.activateWorkflow(workflow.id);
		const versions: number[] = [];
		for (let i = 0; i < ROWS; i++) versions.push(emulator.insertRow(SAMPLE_IDS.tasks, { Name: `ordered ${i}` }).version);

		const executions = await waitForExactly(n8n, workflow.id, ROWS, { timeoutMs: 90_000, settleMs: 1000 });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(ROWS);
		const byStart = [...executions].sort(
			(a: Execution, b: Execution) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || Number(a.id) - Number(b.id),
		);
		const started = byStart.map((execution) => Number(nodeOutput(execution, TRIGGER)[0]?.version));
		expect(started).toEqual(versions);
		// Each started after the previous one had finished.
		for (let i = 1; i < byStart.length; i++) {
			expect(Date.parse(byStart[i].startedAt)).toBeGreaterThanOrEqual(Date.parse(byStart[i - 1].stoppedAt ?? ''));
		}
		await n8n.deactivateWorkflow(workflow.id);
	}, 180_000);
});

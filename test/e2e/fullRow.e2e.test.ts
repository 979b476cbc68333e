// The trigger's includeFullRow option in a real n8n against the emulator: an update's item carries
// the whole row — the untouched columns too — read with one SQL call.
import { describe, expect, it } from '@jest/globals';

import { SAMPLE_IDS, sampleBase } from '../emulator';
import { assertAllSucceeded, nodeOutput, waitForExactly } from './support/executions';
import { useStack } from './support/stack';
import { TRIGGER, triggerOnlyWorkflow } from './support/workflows';

const [anna, ben] = sampleBase().collaborators;

describe('includeFullRow in n8n', () => {
	const world = useStack();

	it("an updated row's item has full_row with the columns the change did not touch", async () => {
		const { emulator, n8n } = world();
		const input = triggerOnlyWorkflow(world(), { includeFullRow: true }, `full row ${Date.now()}`);
		const trigger = input.nodes[0] as { parameters: Record<string, unknown> };
		trigger.parameters = { ...trigger.parameters, operations: ['rowUpdated'] };
		const workflow = await n8n.createWorkflow(input);
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		expect((await n8n.activateWorkflow(workflow.id)).active).toBe(true);
		await joined;
		const sqlBefore = emulator.callsByEndpoint().sql ?? 0;

		const [task] = SAMPLE_IDS.taskRows;
		emulator.modifyRow(SAMPLE_IDS.tasks, task, { Status: 'Done' }, { author: ben.email });

		const executions = await waitForExactly(n8n, workflow.id, 1, { timeoutMs: 30_000 });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(1);
		const [item] = nodeOutput(executions[0], TRIGGER);
		expect(item).toMatchObject({ op_type: 'modify_row', row_id: task, row: { Status: 'Done' }, changed_columns: ['Status'] });
		expect(item.full_row).toMatchObject({
			_id: task,
			Name: 'Write release notes',
			Status: 'Done',
			Tags: ['Docs'],
			Assignee: [anna.email],
			Due: '2025-11-20',
			Project: [SAMPLE_IDS.projectRows[0]],
		});
		expect((emulator.callsByEndpoint().sql ?? 0) - sqlBefore).toBe(1);
		expect((await n8n.deactivateWorkflow(workflow.id)).active).toBe(false);
	}, 120_000);
});

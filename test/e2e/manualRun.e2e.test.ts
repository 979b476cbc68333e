// "Execute step" on the trigger in a real n8n: the editor's manual run waits for the next change in
// the base and returns it as the execution's output; without a change it ends with the timeout error.
import { describe, expect, it } from '@jest/globals';
import { setTimeout as delay } from 'node:timers/promises';

import { SAMPLE_IDS, sampleBase } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { failure, nodeOutput } from './support/executions';
import { useStack } from './support/stack';
import { pipelineWorkflow, TRIGGER, triggerOnlyWorkflow } from './support/workflows';

const [anna] = sampleBase().collaborators;

describe('manual run of the trigger', () => {
	const world = useStack();

	it('returns the next row inserted while it waits, then closes its socket', async () => {
		const { emulator, n8n } = world();
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow(world(), { manualTimeout: 60 }));
		// Made before the run: not the "next" change, so it must not come back.
		emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Before the manual run' }, { author: anna.email });

		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		const executionId = await n8n.runManually(workflow.id, TRIGGER);
		await joined;
		const running = await n8n.getExecution(executionId, false);
		expect(running).toMatchObject({ mode: 'manual', status: 'running' });
		// The socket joins inside trigger(); the node starts listening in manualTriggerFunction() right after.
		await delay(300);

		const { row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Inserted while waiting', Status: 'Open' }, { author: anna.email });
		const execution = await n8n.waitForExecution(executionId);
		expect(failure(execution)).toBeUndefined();
		expect(execution.mode).toBe('manual');
		expect(nodeOutput(execution, TRIGGER)).toEqual([
			expect.objectContaining({
				op_type: 'insert_row',
				row_id: row._id,
				modifier: anna.email,
				row: expect.objectContaining({ Name: 'Inserted while waiting', Status: 'Open' }),
			}),
		]);
		// A manual run listens for one change only.
		await waitFor('the manual run to close its socket', () => emulator.socketCount() === 0);
	}, 60_000);

	it('shares the socket of an active workflow on the same base, and leaves it open when done', async () => {
		const { emulator, n8n, receiver } = world();
		const active = await n8n.createWorkflow(pipelineWorkflow({ ...world(), receiverUrl: receiver.url(), secret: world().secret }));
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(active.id);
		await joined;
		const manual = await n8n.createWorkflow(triggerOnlyWorkflow(world(), { manualTimeout: 60 }));
		const executionId = await n8n.runManually(manual.id, TRIGGER);
		await waitFor('the manual run to be waiting', async () => (await n8n.getExecution(executionId, false)).status === 'running', 15_000, 100);
		// Give a second socket, if one were opened, the time to show up.
		await delay(500);
		expect(emulator.socketCount()).toBe(1);

		const { row } = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'Seen by both' }, { author: anna.email });
		const execution = await n8n.waitForExecution(executionId);
		expect(failure(execution)).toBeUndefined();
		expect(nodeOutput(execution, TRIGGER)).toEqual([expect.objectContaining({ row_id: row._id })]);
		const [triggered] = await n8n.waitForExecutions(active.id, { timeoutMs: 30_000 });
		expect(failure(triggered)).toBeUndefined();
		expect(nodeOutput(triggered, TRIGGER)).toEqual([expect.objectContaining({ row_id: row._id })]);

		// The manual run let go of its lease; the active workflow still listens on the one socket.
		await delay(500);
		expect(emulator.socketCount()).toBe(1);
		await n8n.deactivateWorkflow(active.id);
		await waitFor('the last listener to close the socket', () => emulator.socketCount() === 0);
	}, 60_000);

	it('ends with the timeout error when nothing changes', async () => {
		const { emulator, n8n } = world();
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow(world(), { manualTimeout: 2 }));
		const executionId = await n8n.runManually(workflow.id, TRIGGER);
		const execution = await n8n.waitForExecution(executionId);
		expect(execution.status).toBe('error');
		expect(failure(execution)).toContain('No change arrived within 2 seconds');
		await waitFor('the manual run to close its socket', () => emulator.socketCount() === 0);
	}, 60_000);
});

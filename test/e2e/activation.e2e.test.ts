// No change lost while n8n activates the trigger. n8n 2.41 publishes asynchronously: the workflow is
// "activated" before the trigger has joined, and the join itself may wait for an acknowledgement
// the server never sends and for slow column names. A row made right after the server saw
// join-room must still run once, and nothing made before the first activation (history) runs.
import { describe, expect, it } from '@jest/globals';

import { SAMPLE_IDS } from '../emulator';
import { assertAllSucceeded, nodeOutput, waitForExactly } from './support/executions';
import { useStack } from './support/stack';
import { TRIGGER, triggerOnlyWorkflow } from './support/workflows';

describe('activation window', () => {
	const world = useStack({ emulator: { joinAck: false } });

	it('a row made right after join-room, from a server that never acknowledges, with slow column names', async () => {
		const { emulator, n8n } = world();
		emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'history, not replayed' });
		emulator.delayNext({ path: '/metadata/', ms: 3000, count: 5 });
		let madeWhileActivating: string | undefined;
		emulator.once('join', () => {
			madeWhileActivating = emulator.insertRow(SAMPLE_IDS.tasks, { Name: 'made while activating' }).row._id;
		});
		const workflow = await n8n.createWorkflow(triggerOnlyWorkflow(world()));
		await n8n.activateWorkflow(workflow.id);

		const executions = await waitForExactly(n8n, workflow.id, 1, { timeoutMs: 60_000, settleMs: 2000 });
		assertAllSucceeded(executions);
		expect(madeWhileActivating).toBeDefined();
		expect(executions.flatMap((execution) => nodeOutput(execution, TRIGGER)).map((item) => item.row_id)).toEqual([madeWhileActivating]);
		await n8n.deactivateWorkflow(workflow.id);
	}, 180_000);
});

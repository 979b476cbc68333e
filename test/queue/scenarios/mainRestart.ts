// The main (which holds the trigger) restarted while the base keeps changing, with the workers
// running throughout: the changes made while it was down are caught up from the operation log,
// and every change has exactly one execution, one toast and one webhook, as in regular mode.
import { expect } from '@jest/globals';

import { nodeOutput } from '../../e2e/support/executions';
import { TRIGGER } from '../../e2e/support/workflows';
import { sampleBase } from '../../emulator';
import { waitFor } from '../../helpers/waitFor';
import type { QueueStack } from '../queueStack';
import { activate, countEventIds, deliveriesByRow, insertAtRate, logCount, once, pipeline, settledExecutions } from '../support';

const [anna, ben, chiara] = sampleBase().collaborators;
// What the trigger logs once it has read missed changes from the operation log.
const CAUGHT_UP = /SeaTable realtime: read \d+ change\(s\) from the operation log/;

export async function mainRestartCatchUp(stack: QueueStack): Promise<void> {
	const { emulator, main, db } = stack;
	const workflowId = await activate(stack, pipeline(stack, 'queue main restart'));
	const before = await insertAtRate(emulator, { count: 5, perSecond: 10, author: anna.email, label: 'before restart' });
	await settledExecutions(db, workflowId, before.length, { settleMs: 500 });

	await main.stop();
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
	const whileDown = await insertAtRate(emulator, { count: 8, perSecond: 20, author: ben.email, label: 'main down' });

	const rejoined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
	const caughtUpBefore = logCount(main.logFile, CAUGHT_UP);
	await main.start();
	await rejoined;
	// Changes made while the catch-up still reads the log come from the log too: wait for its end.
	await waitFor('the catch-up after the restart', () => logCount(main.logFile, CAUGHT_UP) > caughtUpBefore, 60_000);
	const after = await insertAtRate(emulator, { count: 5, perSecond: 10, author: chiara.email, label: 'after restart' });

	const all = [...before, ...whileDown, ...after];
	const rows = await settledExecutions(db, workflowId, all.length);
	expect(countEventIds(rows)).toEqual(once(all));
	expect(rows).toHaveLength(all.length);
	expect(rows.filter((row) => row.status !== 'success')).toEqual([]);
	const delivered = deliveriesByRow(stack);
	expect(all.filter((change) => delivered.get(change.rowId) !== 1)).toEqual([]);

	// The missed changes came from the operation log (replayed), the others live.
	const executions = await main.listExecutions(workflowId, { limit: 250 });
	const items = new Map(executions.flatMap((execution) => nodeOutput(execution, TRIGGER)).map((item) => [String(item.eventId), item]));
	for (const change of whileDown) expect(items.get(change.eventId)).toMatchObject({ replayed: true, modifier: ben.email });
	for (const change of [...before, ...after]) expect(items.get(change.eventId)?.replayed).toBeUndefined();

	await main.deactivateWorkflow(workflowId);
	await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
}

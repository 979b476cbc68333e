// n8n restarted while the base keeps changing: rows inserted before the stop, while n8n is down and
// right after it is back must each give exactly one execution, one toast and one webhook delivery.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';

import { SAMPLE_IDS, sampleBase } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import type { Execution } from '../n8n/harness';
import { assertAllSucceeded, countBy, nodeOutput, waitForExactly, type Json } from './support/executions';
import { useStack } from './support/stack';
import { pipelineWorkflow, TRIGGER } from './support/workflows';

const [anna, ben, chiara] = sampleBase().collaborators;

describe('catch-up across a restart of n8n', () => {
	const world = useStack();

	it('delivers every change exactly once: before the stop, while n8n is down, and after it is back', async () => {
		const { emulator, n8n, receiver } = world();
		const workflow = await n8n.createWorkflow(
			pipelineWorkflow({ ...world(), receiverUrl: receiver.url(), secret: world().secret }),
		);
		const firstJoin = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(workflow.id);
		await firstJoin;

		const insert = (name: string, author: string) => emulator.insertRow(SAMPLE_IDS.tasks, { Name: name }, { author }).row._id;
		const before: string[] = [];
		for (let i = 1; i <= 3; i++) {
			before.push(insert(`before ${i}`, anna.email));
			await delay(150);
		}
		await waitForExactly(n8n, workflow.id, 3, { timeoutMs: 30_000, settleMs: 500 });

		await n8n.stop();
		await waitFor('the trigger socket to close', () => emulator.socketCount() === 0);
		const whileDown: string[] = [];
		for (let i = 1; i <= 4; i++) whileDown.push(insert(`while down ${i}`, ben.email));
		// Not a created row: the trigger must skip it after the restart as it would live.
		emulator.modifyRow(SAMPLE_IDS.tasks, before[0], { Status: 'Done' }, { author: ben.email });

		const rejoined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.start();
		await rejoined;
		// n8n 2.41 activates after its start settles: let the catch-up finish, so that the rows made now
		// arrive live (a row made during the catch-up is read from the log, and marked replayed).
		await waitForExactly(n8n, workflow.id, before.length + whileDown.length, { timeoutMs: 30_000, settleMs: 0 });
		const after: string[] = [];
		for (let i = 1; i <= 2; i++) {
			after.push(insert(`after ${i}`, chiara.email));
			await delay(150);
		}

		const all = [...before, ...whileDown, ...after];
		const executions = await waitForExactly(n8n, workflow.id, all.length, { timeoutMs: 30_000, settleMs: 2000 });
		assertAllSucceeded(executions);
		const items = executions.flatMap((execution: Execution) => nodeOutput(execution, TRIGGER));
		const rowIdOf = (item: Json) => String(item.row_id);

		// Exactly once, counted in three places: n8n's executions, SeaTable's toasts, the receiver.
		const expected = new Map(all.map((id) => [id, 1]));
		expect(executions).toHaveLength(all.length);
		expect(countBy(items, rowIdOf)).toEqual(expected);
		const toastNames = emulator.toasts.map((toast) => String((toast.detail as { msg: string }).msg));
		expect(toastNames).toHaveLength(all.length);
		expect(new Set(toastNames).size).toBe(all.length);
		expect(countBy(receiver.deliveries, (delivery) => String((delivery.json as Json)._id))).toEqual(expected);
		expect(receiver.deliveries.every((delivery) => delivery.signatureValid)).toBe(true);

		// The missed rows came from the operation log, to the person who made them.
		const byRow = new Map(items.map((item) => [rowIdOf(item), item]));
		for (const id of whileDown) expect(byRow.get(id)).toMatchObject({ replayed: true, modifier: ben.email });
		for (const id of [...before, ...after]) expect(byRow.get(id)?.replayed).toBeUndefined();
		expect(emulator.toasts.filter((toast) => toast.to_user === ben.email)).toHaveLength(whileDown.length);
	}, 180_000);
});

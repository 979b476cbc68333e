// Latency of the realtime path in a real n8n, for 100 inserted rows: from the emulator's emit of the
// change to the execution's start (startedAt), and on to the signed webhook at the receiver.
// Printed, never asserted (a 2-core CI box says little about production); what is asserted is that
// all 100 changes were delivered exactly once and every execution succeeded.
import { setTimeout as delay } from 'node:timers/promises';
import { describe, expect, it } from '@jest/globals';

import { SAMPLE_IDS, sampleBase } from '../emulator';
import { assertAllSucceeded, countBy, nodeOutput, waitForExactly, type Json } from './support/executions';
import { useStack } from './support/stack';
import { summary } from './support/stats';
import { pipelineWorkflow, TRIGGER } from './support/workflows';

const EVENTS = 100;
// Far enough apart to measure the path, not a queue behind a burst.
const SPACING_MS = 50; // 20 changes a second
const [, , chiara] = sampleBase().collaborators;

describe('latency of the realtime trigger in n8n', () => {
	const world = useStack();

	it(`delivers ${EVENTS} rows exactly once and prints emit → execution start → webhook latency`, async () => {
		const { emulator, n8n, receiver } = world();
		const workflow = await n8n.createWorkflow(
			pipelineWorkflow({ ...world(), receiverUrl: receiver.url(), secret: world().secret }),
		);
		const joined = new Promise<void>((resolve) => emulator.once('join', () => resolve()));
		await n8n.activateWorkflow(workflow.id);
		await joined;

		const emittedAt = new Map<number, number>();
		emulator.on('update', (version: number) => emittedAt.set(version, Date.now()));
		const rowIds: string[] = [];
		for (let i = 1; i <= EVENTS; i++) {
			rowIds.push(emulator.insertRow(SAMPLE_IDS.tasks, { Name: `latency ${i}` }, { author: chiara.email }).row._id);
			await delay(SPACING_MS);
		}

		const executions = await waitForExactly(n8n, workflow.id, EVENTS, { timeoutMs: 120_000, settleMs: 2000 });
		assertAllSucceeded(executions);
		expect(executions).toHaveLength(EVENTS);
		const expected = new Map(rowIds.map((id) => [id, 1]));
		const items = executions.map((execution) => ({ execution, item: nodeOutput(execution, TRIGGER)[0] }));
		expect(countBy(items, ({ item }) => String(item?.row_id))).toEqual(expected);
		await receiver.waitFor(EVENTS);
		expect(countBy(receiver.deliveries, (delivery) => String((delivery.json as Json)._id))).toEqual(expected);

		const toStart = items.map(({ execution, item }) => Date.parse(execution.startedAt) - emittedAt.get(Number(item.version))!);
		const versionOfRow = new Map(items.map(({ item }) => [String(item.row_id), Number(item.version)]));
		const toWebhook = receiver.deliveries.map(
			(delivery) => delivery.receivedAt - emittedAt.get(versionOfRow.get(String((delivery.json as Json)._id))!)!,
		);
		expect(toStart.every(Number.isFinite)).toBe(true);
		process.stderr.write(
			[
				`\nlatency, n8n ${n8n.version}, ${EVENTS} rows ${SPACING_MS} ms apart, trigger → toast → webhook:`,
				`  ${summary('emulator emit → execution startedAt', toStart)}`,
				`  ${summary('emulator emit → webhook received  ', toWebhook)}`,
				'',
			].join('\n'),
		);
	}, 240_000);
});

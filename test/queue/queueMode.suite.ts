// n8n in queue mode (`npm run test:queue`): a main with EXECUTIONS_MODE=queue, two `n8n worker`
// processes, Redis and PostgreSQL started by the suite, on every n8n version of ./versions.ts.
// Counted in PostgreSQL by the trigger's eventId over all executions of a workflow.
import { afterAll, afterEach, beforeAll, describe, it } from '@jest/globals';

import { startQueueStack, stopQueueStack, type QueueStack } from './queueStack';
import { latencyQueueBesideRegular } from './scenarios/latency';
import { mainRestartCatchUp } from './scenarios/mainRestart';
import { pipelineOnWorkers, twoWorkflowsOneSocket } from './scenarios/pipeline';
import { parallelBurst, PARALLEL_CHANGES, sequentialInVersionOrder, SEQUENTIAL_CHANGES } from './scenarios/throughput';
import { workerKilledMidStream } from './scenarios/workerKill';
import { deactivateAll } from './support';
import { queueVersions } from './versions';

describe.each(queueVersions())('queue mode on n8n %s', (version) => {
	let stack: QueueStack | undefined;
	const world = () => {
		if (!stack) throw new Error('the queue-mode stack did not start (see beforeAll)');
		return stack;
	};
	beforeAll(async () => {
		stack = await startQueueStack(version);
	}, 300_000);
	afterEach(async () => {
		if (stack) await deactivateAll(stack);
	}, 60_000);
	afterAll(async () => {
		await stopQueueStack(stack);
	}, 120_000);

	it('trigger → Toast → Webhook: the socket on the main, executions on the workers, each change once', async () => {
		await pipelineOnWorkers(world());
	}, 180_000);

	it('two workflows on one base share one socket on the main', async () => {
		await twoWorkflowsOneSocket(world());
	}, 180_000);

	it(`${PARALLEL_CHANGES} changes at 50/s with Parallel Processing on: none lost, none duplicated`, async () => {
		await parallelBurst(world());
	}, 660_000);

	it(`${SEQUENTIAL_CHANGES} changes at 50/s with Parallel Processing off: executions in version order`, async () => {
		await sequentialInVersionOrder(world());
	}, 660_000);

	it('the main restarted while the base changes: caught up, each change once', async () => {
		await mainRestartCatchUp(world());
	}, 300_000);

	it('a worker SIGKILLed mid-stream and started again: every change has exactly one execution', async () => {
		await workerKilledMidStream(world());
	}, 600_000);

	it('prints emit → execution start p50/p99 at 20 changes/s, queue mode beside regular mode', async () => {
		await latencyQueueBesideRegular(world());
	}, 600_000);
});

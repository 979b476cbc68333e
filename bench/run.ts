// `npm run bench`: runs every benchmark once, each side by side with its baseline, prints the
// table and writes bench/results.json (`--out <file>` writes elsewhere, e.g. bench/.tmp/).
// Loopback only; every part is bounded, and the whole run is cut off after MAX_RUN_MS.
import path from 'node:path';

import { measureActionThroughput } from './actionThroughput';
import { measureApiBudget } from './apiBudget';
import { apiBudgetFigures } from './apiBudgetReport';
import { measureFlood } from './flood';
import { machineInfo, round } from './harness';
import { codeUnderTest } from './product';
import { measureHotPath } from './hotPath';
import { measureLatency } from './latency';
import { startWorker } from './processes';
import { figuresOf, formatTable, writeResults, type BenchResults } from './report';
import { measureSharedConnection } from './sharedConnection';
import { measureTriggerThroughput } from './triggerThroughput';
import { compareWithPolling } from './versusPolling';
import { measureWebhookTrigger } from './webhookTrigger';

// The API budget adds about 80 s (its steady stream runs 50 s in real time).
// The flood figure adds about a minute to the 8 the rest may take.
const MAX_RUN_MS = 10 * 60_000;
const SEED = 20_251_117;

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

function outFile(): string {
	const index = process.argv.indexOf('--out');
	return index > 0 && process.argv[index + 1] ? path.resolve(process.argv[index + 1]) : path.join(__dirname, 'results.json');
}

async function main(): Promise<void> {
	const started = performance.now();
	const machine = machineInfo();
	log(`bench on ${machine.cpuModel} (${machine.cores} cores), Node ${machine.nodeVersion}, ${codeUnderTest}`);
	// `npm run bench -- --api-budget-only`: just the calls to SeaTable (about 80 s), nothing written.
	if (process.argv.includes('--api-budget-only')) {
		const apiBudget = await measureApiBudget({ seed: SEED, log });
		process.stdout.write(`\n${formatTable(apiBudgetFigures(apiBudget))}\n\nAPI budget: ${apiBudget.method}\n`);
		return;
	}
	const emulator = await startWorker('emulatorServer');
	try {
		log('trigger throughput: 20,000 mixed changes, trigger vs bare listener');
		const triggerThroughput = await measureTriggerThroughput(emulator, {
			operations: 20_000,
			warmup: 1000,
			drainRounds: 5,
			liveRounds: 3,
			seed: SEED,
			log,
		});
		log('trigger work per change: 20,000 recorded packets in one process');
		const hotPath = await measureHotPath(emulator, { changes: 20_000, passes: 16, seed: SEED });
		log(`  bare ${round(hotPath.bareUs, 3)} µs, ours ${round(hotPath.oursUs, 3)} µs per change`);
		log('trigger latency: steady 500 changes/s');
		const triggerLatency = await measureLatency({ rate: 500, count: 7500, warmup: 1000, rounds: 2, seed: SEED, log });
		log('shared connection: 100 listeners on one base');
		const sharedConnection = await measureSharedConnection(emulator, { instances: 100, rounds: 3, log });
		log('toast and webhook throughput: 1,000 calls per run');
		const actionThroughput = await measureActionThroughput(emulator, { calls: 1000, rounds: 10, log });
		log('webhook trigger: 2,000 signed base webhooks, one connection each');
		const webhookTrigger = await measureWebhookTrigger({ requests: 2000, warmup: 200, log });
		const apiBudget = await measureApiBudget({ seed: SEED, log });
		log('flood: 10 s at full speed into serial executions of 100 ms');
		const flood = await measureFlood(emulator, { floodMs: 10_000, executionMs: 100, log });
		const results: BenchResults = {
			machine,
			durationSeconds: 0,
			triggerThroughput,
			triggerLatency,
			sharedConnection,
			actionThroughput,
			versusPolling: compareWithPolling(triggerLatency),
			webhookTrigger,
			apiBudget,
			flood,
			hotPath,
		};
		results.durationSeconds = round((performance.now() - started) / 1000, 1);
		const file = outFile();
		writeResults(file, results);
		process.stdout.write(`\n${formatTable(figuresOf(results))}\n\n`);
		process.stdout.write(`Fairness:\n`);
		for (const [name, method] of [
			['Trigger throughput', triggerThroughput.method],
			['Trigger work per change', hotPath.method],
			['Trigger latency', triggerLatency.method],
			['Shared connection', sharedConnection.method],
			['Toast/webhook', actionThroughput.method],
			['Versus polling', results.versusPolling.method],
			['Webhook trigger', webhookTrigger.method],
			['API budget', apiBudget.method],
			['Flood', flood.method],
		]) {
			process.stdout.write(`  ${name}: ${method}\n`);
		}
		process.stdout.write(`\n${machine.cpuModel}, ${machine.cores} cores, Node ${machine.nodeVersion}; ${results.durationSeconds} s; written to ${path.relative(process.cwd(), file)}\n`);
	} finally {
		await emulator.close();
	}
}

const deadline = setTimeout(() => {
	log(`bench: gave up after ${MAX_RUN_MS / 1000} s`);
	process.exit(2);
}, MAX_RUN_MS);
deadline.unref();

main().then(
	() => process.exit(0),
	(error: unknown) => {
		log(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
		process.exit(1);
	},
);

// Worker: emulator and one consumer in the same process, so both read the same clock. Changes
// are made at a steady rate; each change's latency runs from the emulator's broadcast (its
// 'update' event, right after socket.io was handed the packet) to the consumer being done with it.
import { setTimeout as delay } from 'node:timers/promises';

import { SeaTableEmulator } from '../../test/emulator';
import { startConsumer, type ConsumerKind } from '../consumers';
import { distribution, seededRandom, waitUntil, type Distribution } from '../harness';
import { MixedOpStream } from '../opStream';
import { serveRequests } from '../processes';

export interface LatencyReport {
	kind: ConsumerKind;
	targetRate: number;
	achievedRate: number;
	latencyMs: Distribution;
	missing: number;
}

interface LatencyRun {
	kind: ConsumerKind;
	rate: number;
	count: number;
	warmup: number;
	seed: number;
}

async function run(payload: LatencyRun): Promise<LatencyReport> {
	const emu = await SeaTableEmulator.start();
	const total = payload.warmup + payload.count;
	const emittedAt = new Float64Array(total + 1);
	const doneAt = new Float64Array(total + 1);
	emu.on('update', (version: number) => {
		if (version <= total) emittedAt[version] = performance.now();
	});
	const consumer = await startConsumer(
		payload.kind,
		{ url: emu.url, apiToken: emu.apiToken, uuid: emu.uuid, socketPath: emu.socketPath },
		(version) => {
			if (version <= total && doneAt[version] === 0) doneAt[version] = performance.now();
		},
	);
	try {
		const stream = new MixedOpStream(emu, seededRandom(payload.seed));
		const interval = 1000 / payload.rate;
		const started = performance.now();
		let made = 0;
		// A due-time schedule: each tick makes the changes that are due, so the rate holds on
		// average even though timers fire at ~1 ms granularity.
		while (made < total) {
			const due = Math.min(total, Math.floor((performance.now() - started) / interval) + 1);
			while (made < due) {
				stream.next();
				made++;
			}
			await delay(1);
		}
		const producedMs = performance.now() - started;
		await waitUntil(() => doneAt[total] !== 0, 30_000, 'the last change to arrive').catch(() => undefined);
		await delay(200);
		const latencies: number[] = [];
		let missing = 0;
		for (let version = payload.warmup + 1; version <= total; version++) {
			if (doneAt[version] === 0) missing++;
			else latencies.push(doneAt[version] - emittedAt[version]);
		}
		return {
			kind: payload.kind,
			targetRate: payload.rate,
			achievedRate: (total / producedMs) * 1000,
			latencyMs: distribution(latencies),
			missing,
		};
	} finally {
		await consumer.close();
		await emu.close();
	}
}

serveRequests({ run });

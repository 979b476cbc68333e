// The trigger's own work per change, in one process and without the network: the seeded stream's
// update-dtable packets are recorded here off the emulator, then a fresh probe process decodes
// every packet with socket.io-parser (as a consumer's process does) and either only JSON.parses it
// (the bare listener) or reads it and maps it to the items the trigger emits. Both sides share the
// probe process and the packets, so machine load moves them alike, where the drain figure compares
// two processes run one after the other.
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { joinedBareSocket } from './consumers';
import { round, waitUntil } from './harness';
import { startWorker, type Worker } from './processes';
import type { EmulatorInfo } from './workers/emulatorServer';
import type { HotPathReport } from './workers/hotPathProbe';

export interface HotPathResult extends HotPathReport {
	method: string;
}

export interface HotPathOptions {
	changes: number;
	/** Counted passes per side (after 4 not counted); the sides take turns pass by pass. */
	passes: number;
	seed: number;
}

export async function measureHotPath(emulator: Worker, options: HotPathOptions): Promise<HotPathResult> {
	const target = await emulator.call<EmulatorInfo>('start', { seed: options.seed });
	const packets: string[] = [];
	// A socket.io EVENT packet as it arrives: 2["update-dtable", <payload>, <version>].
	const socket = await joinedBareSocket(target, (data, version) => packets.push('2' + JSON.stringify(['update-dtable', data, version])));
	const file = path.join(tmpdir(), `seatable-bench-packets-${process.pid}.json`);
	try {
		await emulator.call('produce', { count: options.changes, chunk: 200 });
		await waitUntil(() => packets.length >= options.changes, 60_000, 'every recorded change');
		socket.close();
		writeFileSync(file, JSON.stringify(packets));
		const probe = await startWorker('hotPathProbe');
		try {
			const report = await probe.call<HotPathReport>('measure', { file, target, passes: options.passes }, 300_000);
			return {
				...report,
				bareUs: round(report.bareUs, 3),
				oursUs: round(report.oursUs, 3),
				method:
					`${report.changes} changes of the seeded stream recorded as socket.io packets, measured in a fresh process: the sides take ` +
					`turns pass by pass, 4 passes each to warm up, then ${options.passes} counted; median µs per change. ` +
					'Bare: socket.io-parser decode + JSON.parse. Ours: the same decode + the payload checks + mapping to items with the ' +
					"base's column names (default options) + the {json} wrapping of emit().",
			};
		} finally {
			await probe.close();
		}
	} finally {
		socket.close();
		rmSync(file, { force: true });
	}
}

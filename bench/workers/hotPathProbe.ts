// Worker: times decoding and handling recorded update-dtable packets (see bench/hotPath.ts).
import { readFileSync } from 'node:fs';

import { Decoder } from 'socket.io-parser';

import { median } from '../harness';
import { serveRequests } from '../processes';
import { createChangeMapper, DEFAULT_ENRICH_OPTIONS, getSeaTableClient, readUpdate, SchemaCache, silentLogger } from '../product';
import type { EmulatorInfo } from './emulatorServer';

export interface HotPathReport {
	changes: number;
	/** Items the trigger's side made per pass. */
	items: number;
	/** µs per change. */
	bareUs: number;
	oursUs: number;
}

type Handler = (data: unknown, version: unknown) => number;

// Passes of each side that warm the JIT up and are not counted.
const WARMUP_PASSES = 4;

/** One pass over every packet: µs per change and the items made. */
function pass(packets: string[], handle: Handler): { us: number; items: number } {
	const decoder = new Decoder();
	let items = 0;
	decoder.on('decoded', (packet: { data?: unknown[] }) => {
		items += handle(packet.data?.[1], packet.data?.[2]);
	});
	const started = performance.now();
	for (const packet of packets) decoder.add(packet);
	const us = ((performance.now() - started) * 1000) / packets.length;
	decoder.destroy();
	return { us, items };
}

serveRequests({
	measure: async (payload: { file: string; target: EmulatorInfo; passes: number }): Promise<HotPathReport> => {
		const packets = JSON.parse(readFileSync(payload.file, 'utf8')) as string[];
		// Column names loaded before the first pass, as the trigger loads them on activation.
		const schemas = new SchemaCache(getSeaTableClient({ serverUrl: payload.target.url, apiToken: payload.target.apiToken }));
		await schemas.get();
		const map = createChangeMapper(schemas, () => payload.target.uuid, DEFAULT_ENRICH_OPTIONS, silentLogger);
		const bare: Handler = (data) => ((JSON.parse(data as string) as { op_type?: string }).op_type === undefined ? 0 : 1);
		const ours: Handler = (data, version) => {
			const update = readUpdate(data, version);
			if ('invalid' in update) return 0;
			const items = map({ operation: update.operation, version: update.version, receivedAt: '' }) as Array<Record<string, unknown>>;
			return items.map((json) => ({ json })).length;
		};
		const times = { bare: [] as number[], ours: [] as number[] };
		let items = 0;
		// The sides take turns pass by pass, so a slow stretch of the machine hits both alike.
		for (let index = 0; index < WARMUP_PASSES + payload.passes; index++) {
			const bareRun = pass(packets, bare);
			const oursRun = pass(packets, ours);
			items = oursRun.items;
			if (index < WARMUP_PASSES) continue;
			times.bare.push(bareRun.us);
			times.ours.push(oursRun.us);
		}
		return { changes: packets.length, items, bareUs: median(times.bare), oursUs: median(times.ours) };
	},
});

// Worker: the SeaTable emulator and a plain webhook receiver, with server-side counters of TCP
// connections, in a process of their own so their CPU does not count against the client side.
import diagnosticsChannel from 'node:diagnostics_channel';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { SAMPLE_IDS, SeaTableEmulator } from '../../test/emulator';
import { seededRandom } from '../harness';
import { MixedOpStream, type OpKind } from '../opStream';
import { serveRequests } from '../processes';

export interface EmulatorInfo {
	url: string;
	apiToken: string;
	uuid: string;
	socketPath: string;
	receiverUrl: string;
	/** Username (…@auth.local) of the base's first collaborator, a valid toast recipient. */
	collaborator: string;
}

export interface ProductionReport {
	firstVersion: number;
	lastVersion: number;
	count: number;
	ms: number;
	opsPerSecond: number;
	kinds: Partial<Record<OpKind, number>>;
}

export interface ServerCounters {
	emulatorConnections: number;
	receiverConnections: number;
	socketCount: number;
	joinedCount: number;
	toasts: number;
	receiverRequests: number;
}

let emu: SeaTableEmulator | undefined;
let stream: MixedOpStream | undefined;
let receiver: Server | undefined;
let receiverRequests = 0;
// Every accepted TCP connection, by the local port it arrived on: the server's own view.
const acceptedByPort = new Map<number, number>();

diagnosticsChannel.subscribe('net.server.socket', (message) => {
	const port = (message as { socket: Socket }).socket.localPort ?? 0;
	acceptedByPort.set(port, (acceptedByPort.get(port) ?? 0) + 1);
});

async function startReceiver(): Promise<Server> {
	const server = createServer((req, res) => {
		req.resume();
		req.on('end', () => {
			receiverRequests++;
			const body = '{"ok":true}';
			res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
			res.end(body);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return server;
}

function current(): SeaTableEmulator {
	if (!emu) throw new Error('no emulator: call start first');
	return emu;
}

serveRequests({
	/** A fresh emulator (and op stream with this seed); the receiver is kept. */
	start: async (payload: { seed: number }): Promise<EmulatorInfo> => {
		await emu?.close();
		emu = await SeaTableEmulator.start();
		stream = new MixedOpStream(emu, seededRandom(payload.seed));
		receiver ??= await startReceiver();
		const port = (receiver.address() as AddressInfo).port;
		return {
			url: emu.url,
			apiToken: emu.apiToken,
			uuid: emu.uuid,
			socketPath: emu.socketPath,
			receiverUrl: `http://127.0.0.1:${port}/hook`,
			collaborator: emu.base().collaborators[0].email,
		};
	},
	/** `count` changes as fast as the emulator can make them, yielding to I/O every `chunk`. */
	produce: async (payload: { count: number; chunk: number }): Promise<ProductionReport> => {
		const source = stream;
		if (!source) throw new Error('no stream');
		const kinds: Partial<Record<OpKind, number>> = {};
		let first = 0;
		let last = 0;
		const started = performance.now();
		for (let done = 0; done < payload.count; ) {
			const end = Math.min(payload.count, done + payload.chunk);
			for (; done < end; done++) {
				const change = source.next();
				if (first === 0) first = change.version;
				last = change.version;
				kinds[change.kind] = (kinds[change.kind] ?? 0) + 1;
			}
			if (done < payload.count) await new Promise((resolve) => setImmediate(resolve));
		}
		const ms = performance.now() - started;
		return { firstVersion: first, lastVersion: last, count: payload.count, ms, opsPerSecond: (payload.count / ms) * 1000, kinds };
	},
	insertRow: (payload: { name: string }): number => current().insertRow('Tasks', { Name: payload.name }).version,
	/** Updates rows as fast as the emulator can for `ms`, yielding to I/O every `chunk` changes. */
	flood: async (payload: { ms: number; chunk: number }): Promise<ProductionReport> => {
		const e = current();
		const rows = SAMPLE_IDS.taskRows;
		let first = 0;
		let last = 0;
		let count = 0;
		const started = performance.now();
		while (performance.now() - started < payload.ms) {
			for (let i = 0; i < payload.chunk; i++, count++) {
				last = e.modifyRow('Tasks', rows[count % rows.length], { Name: `flood ${count}` }).version;
				if (first === 0) first = last;
			}
			await new Promise((resolve) => setImmediate(resolve));
		}
		const ms = performance.now() - started;
		return { firstVersion: first, lastVersion: last, count, ms, opsPerSecond: (count / ms) * 1000, kinds: { update: count } };
	},
	counters: (): ServerCounters => {
		const e = current();
		return {
			emulatorConnections: acceptedByPort.get(e.port) ?? 0,
			receiverConnections: receiver ? (acceptedByPort.get((receiver.address() as AddressInfo).port) ?? 0) : 0,
			socketCount: e.socketCount(),
			joinedCount: e.joinedCount(),
			toasts: e.toasts.length,
			receiverRequests,
		};
	},
	exit: async () => {
		await emu?.close();
		if (receiver) {
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver?.close(() => resolve()));
		}
	},
});

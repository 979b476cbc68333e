// Worker: one stream consumer (trigger or bare) that times the changes of a version range from
// the first to the last one it finished. The orchestrator may freeze it (SIGSTOP) while the
// emulator produces, so that it then drains the backlog at its own top speed.
import { startConsumer, type Consumer, type ConsumerKind, type StreamTarget } from '../consumers';
import { serveRequests } from '../processes';

export interface WatchResult {
	/** performance.now() of this process: only differences are meaningful. */
	firstAt: number;
	lastAt: number;
	received: number;
	distinct: number;
	items: number;
	eventsPerSecond: number;
	itemsPerSecond: number;
}

interface Watch {
	from: number;
	to: number;
	firstAt: number;
	lastAt: number;
	received: number;
	items: number;
	seen: Uint8Array;
	distinct: number;
	done: Promise<void>;
	finish: () => void;
}

let consumer: Consumer | undefined;
let watch: Watch | undefined;

function onChange(version: number, items: number): void {
	const w = watch;
	if (!w || version < w.from || version > w.to) return;
	const now = performance.now();
	if (w.firstAt === 0) w.firstAt = now;
	w.lastAt = now;
	w.received++;
	w.items += items;
	if (w.seen[version - w.from] === 0) {
		w.seen[version - w.from] = 1;
		w.distinct++;
	}
	if (version === w.to) w.finish();
}

serveRequests({
	connect: async (payload: { kind: ConsumerKind; target: StreamTarget }) => {
		consumer = await startConsumer(payload.kind, payload.target, onChange);
	},
	/** Arms the timer for versions from..to; answers at once. */
	watch: (payload: { from: number; to: number }) => {
		let finish = () => {};
		const done = new Promise<void>((resolve) => (finish = resolve));
		watch = { ...payload, firstAt: 0, lastAt: 0, received: 0, items: 0, seen: new Uint8Array(payload.to - payload.from + 1), distinct: 0, done, finish };
	},
	/** Waits for the last version of the watched range. */
	result: async (payload: { timeoutMs: number }): Promise<WatchResult> => {
		const w = watch;
		if (!w) throw new Error('nothing watched');
		let timer: NodeJS.Timeout | undefined;
		await Promise.race([w.done, new Promise((resolve) => (timer = setTimeout(resolve, payload.timeoutMs)))]);
		clearTimeout(timer);
		const span = w.lastAt - w.firstAt;
		return {
			firstAt: w.firstAt,
			lastAt: w.lastAt,
			received: w.received,
			distinct: w.distinct,
			items: w.items,
			eventsPerSecond: span > 0 ? ((w.received - 1) / span) * 1000 : NaN,
			itemsPerSecond: span > 0 ? ((w.items - 1) / span) * 1000 : NaN,
		};
	},
	exit: async () => {
		await consumer?.close();
	},
});

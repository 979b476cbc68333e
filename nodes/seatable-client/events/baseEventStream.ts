// One listener's view of a base's changes: in version order, exactly once, with nothing lost
// across disconnects. It reads live `update-dtable` events from a shared RealtimeConnection,
// catches up from the operation log after every rejoin, drops what it has already seen, and
// hands mapped items to `deliver` — one call at a time, so a slow deliverer holds the queue.
import type { SeaTableClient } from '../client';
import { nowIso } from '../clock';
import { silentLogger, type Logger } from '../logger';
import type { JoinedInfo, RealtimeConnection } from '../realtime';
import { readOperationsSince } from './catchUp';

/** A change as it reaches the mapper: live from the socket or replayed from the log. */
export interface ChangeEvent {
	operation: Record<string, unknown>;
	version?: number;
	receivedAt: string;
	replayed?: boolean;
	/** Who made the change, when the operation log says so (replayed events). */
	author?: string;
}

/** Where the last processed version is kept, so that a restart can catch up. */
export interface VersionStore {
	get(): number | undefined;
	set(version: number): void;
}

export interface BaseEventStreamOptions<Item> {
	mapChange: (event: ChangeEvent) => Item[] | Promise<Item[]>;
	deliver: (items: Item[]) => void | Promise<void>;
	catchUp: boolean;
	catchUpMaxOperations: number;
	/** Collect items for this many ms and deliver them together; 0 delivers each change at once. */
	batchWindowMs: number;
	versionStore: VersionStore;
	logger?: Logger;
}

const CATCH_UP_ATTEMPTS = 3;

type Listener = Parameters<RealtimeConnection['on']>[1];

export class BaseEventStream<Item> {
	private readonly logger: Logger;
	private queue: Promise<void> = Promise.resolve();
	/** Tasks in `queue` not finished yet; while there are any, new changes line up behind them. */
	private queued = 0;
	private stopped = false;
	/** Set while a catch-up is due: live events wait in `held` until it has run. */
	private catchUpDue: boolean;
	private held: ChangeEvent[] = [];
	private batch: Item[] = [];
	private batchTimer: NodeJS.Timeout | undefined;
	private readonly listeners: Array<[string, Listener]> = [];

	constructor(
		private readonly connection: RealtimeConnection,
		private readonly client: SeaTableClient,
		private readonly options: BaseEventStreamOptions<Item>,
	) {
		this.logger = options.logger ?? silentLogger;
		this.catchUpDue = options.catchUp && options.versionStore.get() !== undefined;
	}

	start(): void {
		this.listen('update', (operation: Record<string, unknown>, version: number | undefined) =>
			this.onLive({ operation, version, receivedAt: nowIso() }),
		);
		this.listen('joined', (info: JoinedInfo) => this.onJoined(info));
		this.listen('state', (state: string) => {
			if (state === 'disconnected' && this.options.catchUp && this.options.versionStore.get() !== undefined) {
				this.catchUpDue = true;
			}
		});
		// A connection shared with other triggers may be joined already: no `joined` will come.
		if (this.connection.connectionState === 'joined' && this.catchUpDue) this.enqueue(() => this.catchUp());
	}

	/** Stops listening and drops what is queued; a delivery in progress is not interrupted. */
	stop(): void {
		this.stopped = true;
		for (const [event, listener] of this.listeners) this.connection.off(event, listener);
		this.listeners.length = 0;
		clearTimeout(this.batchTimer);
		this.batchTimer = undefined;
		this.batch = [];
		this.held = [];
	}

	/** Resolves when everything queued so far has been delivered (tests, orderly shutdown). */
	async idle(): Promise<void> {
		let tail: Promise<void>;
		do {
			tail = this.queue;
			await tail;
		} while (tail !== this.queue);
	}

	private listen(event: string, listener: Listener): void {
		this.connection.on(event, listener);
		this.listeners.push([event, listener]);
	}

	private onLive(event: ChangeEvent): void {
		if (this.stopped) return;
		if (this.catchUpDue) {
			this.held.push(event);
			return;
		}
		if (this.queued > 0) {
			this.enqueue(() => this.process(event));
			return;
		}
		// Nothing waiting ahead of it: process at once, and queue only what is still in progress
		// (a schema fetch, a serialised execution), so that the next change waits for it.
		let pending: void | Promise<void>;
		try {
			pending = this.process(event);
		} catch (error) {
			this.reportFailure(error);
			return;
		}
		if (pending) this.enqueue(() => pending);
	}

	private onJoined(info: JoinedInfo): void {
		if (this.stopped) return;
		const store = this.options.versionStore;
		if (store.get() === undefined) {
			// First activation: start from the version the server reported, without replaying history.
			if (info.version !== undefined) store.set(info.version);
			return;
		}
		if (this.options.catchUp) {
			this.catchUpDue = true;
			this.enqueue(() => this.catchUp());
		}
	}

	private enqueue(task: () => void | Promise<void>): void {
		this.queued++;
		this.queue = this.queue.then(task).then(
			() => {
				this.queued--;
			},
			(error: unknown) => {
				this.queued--;
				this.reportFailure(error);
			},
		);
	}

	private reportFailure(error: unknown): void {
		this.logger.error(`SeaTable realtime: could not process a change: ${(error as Error).message}`);
	}

	private async catchUp(): Promise<void> {
		if (this.stopped || !this.catchUpDue) return;
		const since = this.options.versionStore.get();
		const replayed: ChangeEvent[] = [];
		if (since !== undefined) {
			for (let attempt = 1; attempt <= CATCH_UP_ATTEMPTS; attempt++) {
				try {
					const missed = await readOperationsSince(this.client, since, this.options.catchUpMaxOperations);
					for (const entry of missed.entries) {
						const operation = parseOperation(entry.operation);
						if (!operation) continue;
						replayed.push({
							operation,
							version: entry.op_id,
							receivedAt: nowIso(),
							replayed: true,
							author: typeof entry.author === 'string' ? entry.author : undefined,
						});
					}
					if (!missed.complete) {
						this.logger.warn(
							`SeaTable realtime: the operation log did not reach back to version ${since}` +
								` (limit ${this.options.catchUpMaxOperations}); changes before version ${missed.entries[0]?.op_id ?? '?'} may be missing`,
						);
					}
					break;
				} catch (error) {
					this.logger.warn(`SeaTable realtime: catch-up attempt ${attempt} failed: ${(error as Error).message}`);
					if (attempt === CATCH_UP_ATTEMPTS) {
						this.logger.error(`SeaTable realtime: could not read the operation log; changes after version ${since} may be missing`);
					}
				}
			}
		}
		if (this.stopped) return;
		// Live events that arrived meanwhile win over their replayed copy: they were not missed.
		const merged = new Map<number, ChangeEvent>();
		const unversioned: ChangeEvent[] = [];
		for (const event of [...replayed, ...this.held]) {
			if (event.version === undefined) unversioned.push(event);
			else merged.set(event.version, event);
		}
		this.held = [];
		this.catchUpDue = false;
		if (replayed.length > 0) this.logger.info(`SeaTable realtime: caught up ${replayed.length} missed change(s)`);
		const ordered = [...merged.values()].sort((a, b) => (a.version as number) - (b.version as number));
		for (const event of [...ordered, ...unversioned]) await this.process(event);
	}

	/** Synchronous unless mapping or delivery has to wait: most changes never touch a promise. */
	private process(event: ChangeEvent): void | Promise<void> {
		if (this.stopped) return;
		const store = this.options.versionStore;
		if (event.version !== undefined) {
			const last = store.get();
			if (last !== undefined && event.version <= last) return; // already delivered
			store.set(event.version);
		}
		const items = this.options.mapChange(event);
		if (items instanceof Promise) return items.then((mapped) => this.deliverItems(mapped));
		return this.deliverItems(items);
	}

	private deliverItems(items: Item[]): void | Promise<void> {
		if (items.length === 0 || this.stopped) return;
		if (this.options.batchWindowMs > 0) {
			this.batch.push(...items);
			if (!this.batchTimer) this.batchTimer = setTimeout(() => this.flushBatch(), this.options.batchWindowMs);
			return;
		}
		return this.options.deliver(items);
	}

	private flushBatch(): void {
		this.batchTimer = undefined;
		const items = this.batch;
		this.batch = [];
		if (items.length === 0 || this.stopped) return;
		// Deliveries stay in order with everything else in the queue.
		this.enqueue(() => this.options.deliver(items));
	}
}

function parseOperation(json: string): Record<string, unknown> | undefined {
	try {
		const value = JSON.parse(json) as unknown;
		return value && typeof value === 'object' ? (value as Record<string, unknown>) : undefined;
	} catch {
		return undefined;
	}
}

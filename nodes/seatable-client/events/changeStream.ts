// One subscription's view of a base's changes: in version order, exactly once, with nothing lost
// across disconnects. Its BaseSession hands it every live change from the moment the socket opens
// (the same parsed event to every subscription on the base); it catches up from the operation log
// after every rejoin, drops what it has already seen, and hands mapped items to `deliver` — one
// call at a time, so a slow deliverer holds the stream. At most `maxWaitingChanges` wait in memory; past that the waiting
// ones are dropped and read again from the operation log, SeaTable's own durable buffer.
import type { SeaTableClient } from '../client';
import { boundedLogger, logValue, silentLogger, type Logger } from '../logger';
import type { ChangeEvent } from '../operations';
import type { JoinedInfo } from '../realtime';
import { newestLogVersion } from './catchUp';
import { LogReader } from './logReader';
import { VersionTracker, type VersionStore } from './versions';

export interface ChangeStreamOptions<Item> {
	mapChange: (event: ChangeEvent) => Item[] | Promise<Item[]>;
	deliver: (items: Item[]) => void | Promise<void>;
	catchUp: boolean;
	catchUpMaxOperations: number;
	/** Collect items for this many ms and deliver them together; 0 delivers each change at once. */
	batchWindowMs: number;
	/** The most live changes waiting in memory (default 1,000). */
	maxWaitingChanges?: number;
	versionStore: VersionStore;
	logger?: Logger;
}

const DEFAULT_MAX_WAITING_CHANGES = 1000;

export class ChangeStream<Item> {
	private readonly logger: Logger;
	private readonly versions: VersionTracker;
	private readonly log: LogReader;
	private readonly maxWaiting: number;
	private readonly abort = new AbortController();
	private stopped = false;
	/** Live changes not processed yet: behind a slow delivery, or held for a catch-up. */
	private waiting: ChangeEvent[] = [];
	/** The pump is at work (or a delivery it waits for is in progress). */
	private running = false;
	/** Until the (re)join: whether to catch up is decided then, and live changes wait. */
	private awaitingJoin: boolean;
	/** First activation: the version to start from is the base's at the join. */
	private startDue = false;
	private startVersion: number | undefined;
	private overloaded = false;
	private batch: Item[] = [];
	private batchTimer: NodeJS.Timeout | undefined;
	private flushDue = false;

	constructor(
		private readonly client: SeaTableClient,
		private readonly options: ChangeStreamOptions<Item>,
	) {
		this.logger = boundedLogger(options.logger ?? silentLogger);
		this.versions = new VersionTracker(options.versionStore, this.logger);
		this.maxWaiting = Math.max(1, options.maxWaitingChanges ?? DEFAULT_MAX_WAITING_CHANGES);
		this.log = new LogReader(client, this.versions, this.logger, this.abort.signal, {
			catchUpMaxOperations: options.catchUpMaxOperations,
			limit: this.maxWaiting,
		});
		this.awaitingJoin = options.catchUp;
	}

	/** Call at once, before the connection has joined, so that no change is missed. */
	start(joined: boolean): void {
		// A session shared with other subscriptions may be joined already: no `joined` will come.
		if (joined) this.onJoined({ reconnected: false });
	}

	/** Stops, drops what waits and cancels the HTTP in progress; a delivery is not interrupted. */
	stop(): void {
		this.stopped = true;
		this.abort.abort();
		clearTimeout(this.batchTimer);
		this.batchTimer = undefined;
		this.batch = [];
		this.waiting = [];
	}

	/** The socket dropped: whether to catch up is decided at the rejoin, and live changes wait until then. */
	onDisconnected(): void {
		if (this.options.catchUp) this.awaitingJoin = true;
	}

	private get due(): boolean {
		return this.awaitingJoin || this.startDue || this.log.due;
	}

	/** A live change, shared with the other subscriptions on the base: never changed here. */
	onLive(event: ChangeEvent): void {
		if (this.stopped) return;
		if (this.running || this.due || this.waiting.length > 0) {
			this.hold(event);
			return;
		}
		// Nothing waiting ahead of it: process at once; only what is still in progress (a schema
		// fetch, a serialised execution) makes the next change wait.
		const pending = this.processSafely(event);
		if (pending) this.runAfter(pending);
	}

	private hold(event: ChangeEvent): void {
		if (this.waiting.length >= this.maxWaiting) this.overflow();
		this.waiting.push(event);
	}

	/** Too many waiting: drop those the log can give back, and read them again when ready. */
	private overflow(): void {
		const kept = this.waiting.filter((event) => event.version === undefined);
		const dropped = this.waiting.length - kept.length;
		if (!this.overloaded) {
			this.overloaded = true;
			this.logger.warn(
				`SeaTable realtime: more than ${this.maxWaiting} changes were waiting (executions are slower than the base changes); ` +
					'dropped the waiting ones from memory and reading them again from the operation log when ready',
			);
		}
		if (kept.length >= this.maxWaiting) {
			// Changes without a version cannot be read again: the oldest half is lost.
			this.logger.error(`SeaTable realtime: dropped ${Math.ceil(kept.length / 2)} waiting change(s) without a version`);
			kept.splice(0, Math.ceil(kept.length / 2));
		}
		if (dropped > 0) {
			let oldestDropped = Infinity;
			for (const event of this.waiting) if (event.version !== undefined && event.version < oldestDropped) oldestDropped = event.version;
			this.log.requestReRead(oldestDropped - 1);
		}
		this.waiting = kept;
	}

	onJoined(info: JoinedInfo): void {
		if (this.stopped) return;
		if (info.version !== undefined) this.versions.noteBaseVersion(info.version, 'when joining');
		if (!this.options.catchUp) return;
		this.awaitingJoin = false;
		if (this.versions.watermark === undefined) {
			// First activation: start from the base's version at the join, not from the first change heard.
			this.startDue = true;
			this.startVersion = info.version;
		} else this.log.requestCatchUp();
		this.schedule();
	}

	private schedule(): void {
		if (!this.running && !this.stopped) void this.pump();
	}

	private runAfter(pending: Promise<void>): void {
		this.running = true;
		void pending.then(() => {
			this.running = false;
			this.schedule();
		});
	}

	/** Works through what is due, one thing at a time, until nothing is. */
	private async pump(): Promise<void> {
		this.running = true;
		try {
			while (!this.stopped) {
				if (this.flushDue) await this.flushBatch();
				else if (this.awaitingJoin) break;
				else if (this.startDue) await this.resolveStart();
				else if (this.log.due) await this.catchUp();
				else {
					const event = this.waiting.shift();
					if (!event) break;
					await this.processSafely(event);
				}
			}
		} finally {
			this.running = false;
		}
		if (!this.stopped && !this.due && this.waiting.length === 0) this.overloaded = false;
	}

	private async resolveStart(): Promise<void> {
		let start = this.startVersion;
		if (start === undefined) {
			try {
				start = await newestLogVersion(this.client, this.abort.signal);
			} catch (error) {
				this.logger.warn(`SeaTable realtime: could not read the base's version (${logValue((error as Error).message)}); starting from the first change`);
			}
		}
		if (this.stopped) return;
		this.startDue = false;
		// Everything heard live came after the join: none of it is history.
		for (const event of this.waiting) if (event.version !== undefined && (start === undefined || event.version <= start)) start = event.version - 1;
		if (start === undefined || this.versions.watermark !== undefined) return;
		this.versions.watermark = start;
		this.log.requestCatchUp();
	}

	private async catchUp(): Promise<void> {
		const round = await this.log.readRound();
		if (this.stopped || !round) return;
		// Live changes up to the last one read are merged with it; the copy heard live wins.
		const upTo = round.more ? (round.replayed.at(-1)?.version ?? -Infinity) : Infinity;
		const live: ChangeEvent[] = [];
		const later: ChangeEvent[] = [];
		for (const event of this.waiting) {
			if (event.version === undefined ? !round.more : event.version <= upTo) live.push(event);
			else later.push(event);
		}
		this.waiting = later;
		const liveVersions = new Set(live.map((event) => event.version));
		const merged = [...round.replayed.filter((event) => !liveVersions.has(event.version)), ...live];
		const versioned = merged.filter((event) => event.version !== undefined).sort((a, b) => (a.version as number) - (b.version as number));
		for (const event of [...versioned, ...merged.filter((event) => event.version === undefined)]) {
			if (this.stopped) return;
			await this.processSafely(event);
		}
	}

	private processSafely(event: ChangeEvent): void | Promise<void> {
		try {
			const pending = this.process(event);
			if (pending) return pending.catch((error: unknown) => this.reportFailure(error));
		} catch (error) {
			this.reportFailure(error);
		}
	}

	private reportFailure(error: unknown): void {
		this.logger.error(`SeaTable realtime: could not process a change: ${logValue((error as Error)?.message)}`);
	}

	/** Synchronous unless mapping or delivery has to wait: most changes never touch a promise. */
	private process(event: ChangeEvent): void | Promise<void> {
		const admitted = this.stopped ? undefined : this.versions.admit(event);
		if (admitted === undefined) return;
		const items = this.options.mapChange(admitted);
		if (items instanceof Promise) return items.then((mapped) => this.deliverItems(mapped));
		return this.deliverItems(items);
	}

	private deliverItems(items: Item[]): void | Promise<void> {
		if (items.length === 0 || this.stopped) return;
		if (this.options.batchWindowMs > 0) {
			this.batch.push(...items);
			if (!this.batchTimer) this.batchTimer = setTimeout(() => this.onBatchTimer(), this.options.batchWindowMs);
			return;
		}
		return this.options.deliver(items);
	}

	private onBatchTimer(): void {
		this.batchTimer = undefined;
		// Deliveries stay in order with everything else the pump does.
		this.flushDue = true;
		this.schedule();
	}

	private async flushBatch(): Promise<void> {
		this.flushDue = false;
		const items = this.batch;
		this.batch = [];
		if (items.length === 0 || this.stopped) return;
		try {
			await this.options.deliver(items);
		} catch (error) {
			this.reportFailure(error);
		}
	}
}

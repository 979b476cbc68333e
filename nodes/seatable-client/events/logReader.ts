// When and how far the stream reads the operation log: a catch-up after a (re)join, limited to
// the newest `catchUpMaxOperations`, and re-reads of changes dropped from memory, unlimited; both
// in rounds of at most `limit` entries. A failing log is retried with growing pauses and logged
// once per failure streak.
import type { SeaTableClient } from '../client';
import { nowIso } from '../clock';
import { readJsonObject } from '../json';
import { logValue, type Logger } from '../logger';
import type { ChangeEvent } from '../operations';
import { backoffDelay, sleep } from '../retry';
import { nestedDeeperThan, MAX_PAYLOAD_DEPTH } from '../serverValues';
import { readLogWindow, type LogWindow } from './catchUp';
import type { VersionTracker } from './versions';

export interface LogRound {
	/** Replayed changes, oldest first. */
	replayed: ChangeEvent[];
	/** True when the log holds more after the last replayed change: another round is due. */
	more: boolean;
}

const ATTEMPTS = 5;
const BACKOFF = { baseMs: 1000, maxMs: 30_000 };

export class LogReader {
	private catchUpRequested = false;
	private reReadRequested = false;
	/** Where a re-read starts when no version has been delivered yet. */
	private reReadAfter: number | undefined;
	private failing = false;
	private givenUp = false;

	constructor(
		private readonly client: SeaTableClient,
		private readonly versions: VersionTracker,
		private readonly logger: Logger,
		private readonly signal: AbortSignal,
		private readonly options: { catchUpMaxOperations: number; limit: number },
	) {}

	get due(): boolean {
		return this.catchUpRequested || this.reReadRequested;
	}

	/** After a (re)join: read what was missed, at most the newest `catchUpMaxOperations`. */
	requestCatchUp(): void {
		this.catchUpRequested = true;
	}

	/** Changes after the watermark (or after `fallbackAfter`) were dropped from memory: read them again. */
	requestReRead(fallbackAfter: number): void {
		this.reReadRequested = true;
		if (this.reReadAfter === undefined || fallbackAfter < this.reReadAfter) this.reReadAfter = fallbackAfter;
	}

	/** One round; undefined when there is nothing to read from, the log failed for good, or the stream stopped. */
	async readRound(): Promise<LogRound | undefined> {
		// The limit is for gaps of an outage; changes this stream dropped itself are always read again.
		const outage = this.catchUpRequested && !this.reReadRequested;
		this.catchUpRequested = false;
		this.reReadRequested = false;
		const since = this.versions.watermark ?? this.reReadAfter;
		this.reReadAfter = undefined;
		if (since === undefined) return undefined;
		const window = await this.readWithBackoff(since, outage ? this.options.catchUpMaxOperations : Infinity);
		if (!window || this.signal.aborted) return undefined;
		if (window.newest !== undefined) this.versions.noteBaseVersion(window.newest, 'in the operation log');
		if (!window.complete) {
			this.logger.warn(
				`SeaTable realtime: the operation log did not reach back to version ${since}` +
					(outage ? ` (limit ${this.options.catchUpMaxOperations})` : '') +
					`; changes before version ${window.entries[0]?.version ?? '?'} may be missing`,
			);
		}
		// A re-read requested meanwhile stays due, and so does the rest of a long gap.
		if (window.more) this.reReadRequested = true;
		const replayed = this.toEvents(window);
		if (replayed.length > 0) this.logger.info(`SeaTable realtime: read ${replayed.length} change(s) from the operation log`);
		return { replayed, more: window.more };
	}

	private async readWithBackoff(after: number, maxGap: number): Promise<LogWindow | undefined> {
		for (let attempt = 1; ; attempt++) {
			try {
				const window = await readLogWindow(this.client, { after, limit: this.options.limit, maxGap, signal: this.signal });
				if (this.failing) this.logger.info('SeaTable realtime: the operation log can be read again');
				this.failing = false;
				this.givenUp = false;
				return window;
			} catch (error) {
				if (this.signal.aborted) return undefined;
				const firstFailure = !this.failing;
				this.failing = true;
				if (firstFailure) {
					this.logger.warn(`SeaTable realtime: could not read the operation log (${logValue((error as Error).message)}); trying again with growing pauses`);
				}
				if (attempt === ATTEMPTS) {
					this.reportGivingUp(after);
					return undefined;
				}
				await sleep(backoffDelay(attempt - 1, BACKOFF), this.signal);
				if (this.signal.aborted) return undefined;
			}
		}
	}

	private reportGivingUp(after: number): void {
		// Once per failure streak: a log that stays broken across rejoins does not fill the log.
		if (this.givenUp) return;
		this.givenUp = true;
		this.logger.error(`SeaTable realtime: gave up reading the operation log for now; changes after version ${after} may be missing`);
	}

	private toEvents(window: LogWindow): ChangeEvent[] {
		const events: ChangeEvent[] = [];
		let tooDeep = 0;
		for (const { version, entry } of window.entries) {
			// The log holds JSON text; another value counts as its text, as JSON.parse would take it.
			const operation = readJsonObject(String(entry.operation));
			if (!operation) continue;
			if (nestedDeeperThan(operation)) {
				tooDeep++;
				continue;
			}
			events.push({ operation, version, receivedAt: nowIso(), replayed: true, author: typeof entry.author === 'string' ? entry.author : undefined });
		}
		if (tooDeep > 0) this.logger.warn(`SeaTable realtime: skipped ${tooDeep} operation(s) from the log nested deeper than ${MAX_PAYLOAD_DEPTH} levels`);
		return events;
	}
}

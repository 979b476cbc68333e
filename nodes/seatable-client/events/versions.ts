// Which changes to deliver, by version: the watermark (the last version delivered, kept across
// restarts) only moves forward on believable versions, follows a base restored from a snapshot,
// and lets distinct changes that share a version through, each with its own eventId.
import { randomUUID } from 'node:crypto';

import { logValue, type Logger } from '../logger';
import type { ChangeEvent } from '../operations';

/** Where the last processed version is kept, so that a restart can catch up. */
export interface VersionStore {
	get(): number | undefined;
	set(version: number): void;
	/** How often the base's version went back (snapshot restores): part of later eventIds, kept with the version. */
	getEpoch?(): number;
	setEpoch?(epoch: number): void;
}

/** A version this far beyond what the base is known to be at is not believed (not the watermark). */
const MAX_VERSION_JUMP = 1_000_000;
// Distinct operations remembered at the watermark's version, to tell a repeat from a new change.
const MAX_SHARED = 100;

export class VersionTracker {
	/** What the base is known to be at: the join's version, the log's newest, the last delivered. */
	private known: number | undefined;
	/** Operations delivered at the watermark's version (JSON once compared), first one first. */
	private atWatermark: Array<Record<string, unknown> | string> = [];
	private warnedFarBeyond = false;
	/** Set by a restore seen here; otherwise the store's (read when needed: it knows the base only later). */
	private restores: number | undefined;

	constructor(
		private readonly store: VersionStore,
		private readonly logger: Logger,
	) {}

	/** Versions after a restore repeat earlier ones: counting restores keeps their eventIds new. */
	private get epoch(): number {
		if (this.restores !== undefined) return this.restores;
		const stored = this.store.getEpoch?.();
		return Number.isSafeInteger(stored) && (stored as number) > 0 ? (stored as number) : 0;
	}

	get watermark(): number | undefined {
		return this.store.get();
	}

	set watermark(version: number) {
		this.store.set(version);
		this.atWatermark = [];
		if (this.known === undefined || version > this.known) this.known = version;
	}

	/** The base's own version (join, operation log): below the watermark means it went back. */
	noteBaseVersion(version: number, source: string): void {
		const last = this.store.get();
		if (last !== undefined && version < last) {
			this.logger.warn(
				`SeaTable realtime: the base's version went back from ${last} to ${version} (${source}); was it restored from a snapshot? ` +
					'Delivering its changes from there on.',
			);
			this.store.set(version);
			this.atWatermark = [];
			this.known = version;
			this.restores = this.epoch + 1;
			this.store.setEpoch?.(this.restores);
			return;
		}
		if (this.known === undefined || version > this.known) this.known = version;
	}

	/**
	 * Undefined for a change already delivered; otherwise moves the watermark and returns the change,
	 * renamed (a copy: the event is shared with the base's other subscriptions) when its version alone does not name it.
	 */
	admit(event: ChangeEvent): ChangeEvent | undefined {
		const version = event.version;
		if (version === undefined) return this.unversioned(event);
		const reference = this.known;
		if (reference !== undefined && version > reference + MAX_VERSION_JUMP) {
			if (!this.warnedFarBeyond) {
				this.warnedFarBeyond = true;
				this.logger.warn(
					`SeaTable realtime: ignored version ${logValue(version)}, far beyond the base's version ${reference}; ` +
						'the change is delivered without a version (this warning is not repeated)',
				);
			}
			return this.unversioned({ ...event, version: undefined });
		}
		const last = this.store.get();
		if (last !== undefined && version < last) return undefined;
		if (last !== undefined && version === last) return this.sharedVersion(event, version);
		this.watermark = version;
		this.atWatermark.push(event.operation);
		const epoch = this.epoch;
		return epoch > 0 ? { ...event, eventKey: `${version}r${epoch}` } : event;
	}

	/** No usable version: nothing to order or deduplicate by, but an eventId of its own. */
	private unversioned(event: ChangeEvent): ChangeEvent {
		return { ...event, eventKey: `none-${randomUUID()}` };
	}

	/** Same version as the last delivered change: a repeat of it, or another change (a second eventId). */
	private sharedVersion(event: ChangeEvent, version: number): ChangeEvent | undefined {
		// Nothing known of what was delivered at this version (e.g. after a restart): a repeat.
		if (this.atWatermark.length === 0) return undefined;
		const json = JSON.stringify(event.operation);
		for (let i = 0; i < this.atWatermark.length; i++) {
			const seen = this.atWatermark[i];
			const seenJson = typeof seen === 'string' ? seen : JSON.stringify(seen);
			this.atWatermark[i] = seenJson;
			if (seenJson === json) return undefined;
		}
		if (this.atWatermark.length < MAX_SHARED) this.atWatermark.push(json);
		const epoch = this.epoch;
		return { ...event, eventKey: `${version}${epoch > 0 ? `r${epoch}` : ''}+${this.atWatermark.length}` };
	}
}

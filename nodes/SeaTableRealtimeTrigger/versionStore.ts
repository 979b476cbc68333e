// Where the trigger keeps the last base version it handled, so that a restart of n8n (or a crash)
// catches up from SeaTable's operation log instead of losing changes.
import type { ITriggerFunctions } from 'n8n-workflow';

import type { VersionStore } from '../seatable-client';

/** A version store that can also hold back what it persists until emits are confirmed. */
export interface TriggerVersionStore extends VersionStore {
	/** Called for each emit with the lowest version among its items; returns "confirmed". */
	emitted(version: number | undefined): () => void;
	/** Stops the confirmation timers (close of the trigger). */
	dispose(): void;
}

// An emit counts as stored by n8n once its execution settled, or after this long at the latest (n8n
// creates the execution within milliseconds; a Wait node must not hold the watermark for days).
const CONFIRM_AFTER_MS = 30_000;

/**
 * The version in the workflow's static data. n8n saves static data when the trigger emits, and
 * (n8n 2.41) creates the execution asynchronously after that, so a crash in between would lose the
 * change if the version saved were the emitted one. With `confirmed` (n8n 2.41, whose emit takes a
 * deduplication key) the saved version stays below every emit whose execution is not yet settled:
 * after a crash those are read again from the log, and n8n itself refuses the ones it already ran.
 * Without it (older n8n, no dedupe key) the emitted version is saved, so a graceful restart
 * delivers exactly once and a crash can lose at most the change being emitted.
 *
 * Top-level keys only: n8n notices changes to the static data object itself, not to objects added
 * to it later. The base is kept too, so a credential switched to another base starts afresh.
 */
export function persistentVersionStore(
	this: ITriggerFunctions,
	/** The base's uuid, or a function giving it once the connection has opened (the stream listens before that). */
	base: string | (() => string),
	options: { confirmed: boolean },
): TriggerVersionStore {
	const dtableUuid = typeof base === 'function' ? base : () => base;
	const staticData = this.getWorkflowStaticData('node');
	const sameBase = () => staticData.dtableUuid === dtableUuid();
	let current: number | undefined;
	let loaded = false;
	// Read once the base is known; only a safe integer (an absurd saved version is not a watermark).
	const load = () => {
		if (loaded || dtableUuid() === '') return;
		loaded = true;
		current = sameBase() && Number.isSafeInteger(staticData.lastVersion) ? (staticData.lastVersion as number) : undefined;
	};
	// Lowest version of each emit whose execution is not confirmed yet, with its confirmation timer.
	const pending = new Map<object, { version: number; timer: NodeJS.Timeout }>();
	const persist = () => {
		let value = current;
		for (const { version } of pending.values()) value = Math.min(value ?? version - 1, version - 1);
		if (value === undefined || value === staticData.lastVersion) return;
		staticData.dtableUuid = dtableUuid();
		staticData.lastVersion = value;
	};
	return {
		get: () => {
			load();
			return current;
		},
		set: (version) => {
			load();
			current = version;
			persist();
		},
		getEpoch: () => (sameBase() && typeof staticData.versionEpoch === 'number' ? staticData.versionEpoch : 0),
		setEpoch: (epoch) => {
			staticData.versionEpoch = epoch;
		},
		emitted: (version) => {
			if (!options.confirmed || version === undefined) return () => undefined;
			const token = {};
			const confirm = () => {
				const entry = pending.get(token);
				if (!entry) return;
				clearTimeout(entry.timer);
				pending.delete(token);
				persist();
			};
			pending.set(token, { version, timer: setTimeout(confirm, CONFIRM_AFTER_MS) });
			persist();
			return confirm;
		},
		dispose: () => {
			for (const { timer } of pending.values()) clearTimeout(timer);
			pending.clear();
		},
	};
}

/** For "Execute step": nothing survives the manual run. */
export function memoryVersionStore(): TriggerVersionStore {
	let last: number | undefined;
	return {
		get: () => last,
		set: (version) => {
			last = version;
		},
		emitted: () => () => undefined,
		dispose: () => undefined,
	};
}

// The soak's connection faults: when each one happens (seeded random times over the stream), how
// it is injected into the emulator, and the window it affects: from the injection until the
// trigger has rejoined and delivered everything made up to its rejoin.
import { setTimeout as delay } from 'node:timers/promises';

import type { SeaTableEmulator } from '../test/emulator';
import { randomBetween, shuffle } from './harness';

export type ConnectionFaultKind = 'serverDisconnect' | 'transportKill' | 'serverRestart' | 'tokenExpiry';
export type ToastFaultKind = 'toast429' | 'toast500';
export type FaultKind = ConnectionFaultKind | ToastFaultKind;

export const FAULT_LABELS: Record<FaultKind | 'none', string> = {
	serverDisconnect: 'server disconnect',
	transportKill: 'transport kill',
	serverRestart: 'server restart',
	tokenExpiry: 'token expiry',
	toast429: 'toast 429',
	toast500: 'toast 500',
	none: 'none',
};

export type FaultCounts = Record<FaultKind, number>;

export interface FaultWindow {
	kind: ConnectionFaultKind;
	/** performance.now() of the injection. */
	startAt: number;
	/** When the trigger had caught up after it; Infinity if it never did within the limit. */
	endAt: number;
	/** The base version when the fault was injected. */
	versionAt: number;
	detail?: string;
}

export interface FaultPlanOptions {
	counts: FaultCounts;
	/** Faults fall between 5 % and 90 % of this span, measured from `startAt`. */
	spanMs: number;
	restartDownMs: [number, number];
	/** No two faults closer than this, so each one is a separate event. */
	minSpacingMs: number;
	/** How long a window may stay open waiting for the trigger to catch up. */
	recoveryLimitMs: number;
}

interface Step {
	at: number;
	kinds: ConnectionFaultKind[];
}

/**
 * Random times for every connection fault. A token expiry is paired with a transport kill or
 * restart right after it: expiry alone changes nothing while the socket stays joined, and it is
 * the next join that must notice and renew the token.
 */
function planSteps(options: FaultPlanOptions, random: () => number): Step[] {
	const singles: ConnectionFaultKind[] = [];
	const add = (kind: ConnectionFaultKind, count: number) => {
		for (let i = 0; i < count; i++) singles.push(kind);
	};
	add('serverDisconnect', options.counts.serverDisconnect);
	add('transportKill', options.counts.transportKill);
	add('serverRestart', options.counts.serverRestart);
	const groups: ConnectionFaultKind[][] = [];
	for (let i = 0; i < options.counts.tokenExpiry; i++) {
		// Alternate the partner, so both ways of rejoining meet an expired token.
		const preferred: ConnectionFaultKind[] = i % 2 === 0 ? ['transportKill', 'serverRestart'] : ['serverRestart', 'transportKill'];
		const partnerKind = preferred.find((kind) => singles.includes(kind));
		const [follow] = partnerKind ? singles.splice(singles.indexOf(partnerKind), 1) : [];
		groups.push(follow ? ['tokenExpiry', follow] : ['tokenExpiry']);
	}
	for (const kind of singles) groups.push([kind]);
	const ordered = shuffle(groups, random);
	const times = ordered.map(() => randomBetween(random, 0.05, 0.9) * options.spanMs).sort((a, b) => a - b);
	return ordered.map((kinds, i) => ({ at: times[i], kinds }));
}

export class ConnectionFaultRunner {
	readonly windows: FaultWindow[] = [];
	private joins = 0;
	private serverDown = false;
	private readonly pendingRecoveries: Promise<void>[] = [];

	constructor(
		private readonly emu: SeaTableEmulator,
		private readonly random: () => number,
		private readonly options: FaultPlanOptions,
		/** The highest version the trigger has delivered so far. */
		private readonly delivered: () => number,
		private readonly log: (line: string) => void,
	) {
		emu.on('join', () => this.joins++);
	}

	/** True while a restart has the server stopped (other faults and toasts wait for it). */
	get isServerDown(): boolean {
		return this.serverDown;
	}

	/** Injects every planned fault at its time (relative to `startAt`); resolves when all windows closed. */
	async run(startAt: number): Promise<void> {
		let last = -Infinity;
		for (const step of planSteps(this.options, this.random)) {
			const due = Math.max(startAt + step.at, last + this.options.minSpacingMs);
			if (due > performance.now()) await delay(due - performance.now());
			for (const [index, kind] of step.kinds.entries()) {
				if (index > 0) await delay(randomBetween(this.random, 20, 300));
				await this.inject(kind, startAt);
			}
			last = performance.now();
		}
		await Promise.all(this.pendingRecoveries);
	}

	private async inject(kind: ConnectionFaultKind, startAt: number): Promise<void> {
		const window: FaultWindow = { kind, startAt: performance.now(), endAt: Infinity, versionAt: this.emu.base().version };
		this.windows.push(window);
		const joinsBefore = this.joins;
		this.log(`  ${((window.startAt - startAt) / 1000).toFixed(1).padStart(6)} s  ${FAULT_LABELS[kind]} at version ${window.versionAt}`);
		if (kind === 'serverDisconnect') this.emu.disconnectAll();
		else if (kind === 'transportKill') this.emu.killTransports();
		else if (kind === 'tokenExpiry') this.emu.expireBaseTokens();
		else {
			const downMs = randomBetween(this.random, ...this.options.restartDownMs);
			window.detail = `down ${Math.round(downMs)} ms`;
			this.serverDown = true;
			try {
				await this.emu.stop();
				await delay(downMs);
				await this.emu.restart();
			} finally {
				this.serverDown = false;
			}
		}
		this.pendingRecoveries.push(this.closeWindow(window, joinsBefore));
	}

	/** The window closes once the trigger rejoined after the fault and delivered all made until then. */
	private async closeWindow(window: FaultWindow, joinsBefore: number): Promise<void> {
		const deadline = window.startAt + this.options.recoveryLimitMs;
		while (this.joins <= joinsBefore) {
			if (performance.now() > deadline) return this.giveUp(window);
			await delay(5);
		}
		const target = this.emu.base().version;
		while (this.delivered() < target) {
			if (performance.now() > deadline) return this.giveUp(window);
			await delay(5);
		}
		window.endAt = performance.now();
	}

	private giveUp(window: FaultWindow): void {
		this.log(`  ${FAULT_LABELS[window.kind]} at version ${window.versionAt}: the trigger had not caught up after ${this.options.recoveryLimitMs / 1000} s`);
	}
}

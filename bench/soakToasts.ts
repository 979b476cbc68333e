// The soak's toasts: one at a time through the Toast node's execute(), with 429 and 500 answers
// injected at planned times, and afterwards a check of each toast against what the emulator
// recorded.
//
// A toast that fails with 500 is not retried by the client (POST is not idempotent: a real server
// may have shown it before failing) and the node throws, so the workflow sees the error. Such a
// toast is counted as "failed visibly", not lost: nothing went missing silently. We do not retry
// at the soak level, because that would only test our own loop; a user who wants retries turns on
// n8n's "Retry On Fail", whose duplicates would then be the user's informed choice.
import { setTimeout as delay } from 'node:timers/promises';

import type { SeaTableEmulator } from '../test/emulator';
import { randomBetween } from './harness';
import { executeContext, type Credentials } from './nodeContexts';
import type { ToastFaultKind } from './soakFaults';
import { SeaTableToast } from './product';

export interface ToastAttempt {
	message: string;
	at: number;
	injected?: ToastFaultKind;
	outcome: 'sent' | 'failed';
	error?: string;
}

export interface ToastPlan {
	toast429: number;
	toast500: number;
	/** Injections fall between 5 % and 90 % of this span. */
	spanMs: number;
	pauseMs: [number, number];
}

export class ToastLoop {
	readonly attempts: ToastAttempt[] = [];
	private stopped = false;
	private running: Promise<void> | undefined;

	constructor(
		private readonly emu: SeaTableEmulator,
		private readonly credentials: Credentials,
		private readonly recipient: string,
		private readonly random: () => number,
		private readonly plan: ToastPlan,
		private readonly serverDown: () => boolean,
		private readonly tag: string,
	) {}

	start(startAt: number): void {
		const injections: Array<{ at: number; kind: ToastFaultKind }> = [];
		for (const kind of ['toast429', 'toast500'] as ToastFaultKind[]) {
			for (let i = 0; i < this.plan[kind]; i++) injections.push({ at: startAt + randomBetween(this.random, 0.05, 0.9) * this.plan.spanMs, kind });
		}
		injections.sort((a, b) => a.at - b.at);
		this.running = this.loop(injections);
	}

	/** Stops after the toast in flight, once every planned injection was used. */
	async stop(): Promise<void> {
		this.stopped = true;
		await this.running;
	}

	private async loop(injections: Array<{ at: number; kind: ToastFaultKind }>): Promise<void> {
		// An armed rule answers the next toast request that reaches the server; if this attempt never
		// got there (a restart began meanwhile), the label moves on with the rule.
		let armed: ToastFaultKind | undefined;
		for (let index = 0; !this.stopped || injections.length > 0 || armed; index++) {
			// Not armed while a restart has the server down: the attempt would not reach it.
			const due = !armed && injections.length > 0 && injections[0].at <= performance.now() && !this.serverDown() ? injections.shift() : undefined;
			if (due) {
				armed = due.kind;
				this.emu.failNext(
					due.kind === 'toast429'
						? { path: '/ui-toasts/', status: 429, retryAfter: this.random() < 0.5 ? '0' : '1' }
						: { path: '/ui-toasts/', status: 500 },
				);
			}
			const answeredBefore = this.injectedAnswers();
			await this.send(`soak toast ${this.tag}#${index}`, armed);
			if (this.injectedAnswers() > answeredBefore) armed = undefined;
			await delay(randomBetween(this.random, ...this.plan.pauseMs));
		}
	}

	/** Toast requests the emulator answered with an injected 429 or 500 so far. */
	private injectedAnswers(): number {
		return this.emu.requests.filter((r) => r.path.includes('/ui-toasts/') && (r.status === 429 || r.status === 500)).length;
	}

	private async send(message: string, injected: ToastFaultKind | undefined): Promise<void> {
		const context = executeContext({
			credentials: this.credentials,
			items: [{ json: {} }],
			parameters: { to: this.recipient, message, toastType: 'warning' },
			nodeName: 'SeaTable Toast',
			nodeType: 'seaTableToast',
		});
		const attempt: ToastAttempt = { message, at: performance.now(), injected, outcome: 'sent' };
		try {
			await new SeaTableToast().execute.call(context);
		} catch (error) {
			attempt.outcome = 'failed';
			attempt.error = error instanceof Error ? error.message : String(error);
		}
		this.attempts.push(attempt);
	}
}

export interface ToastCheck {
	attempt: ToastAttempt;
	recorded: number;
	verdict: 'ok' | 'failedVisibly' | 'failedButShown' | 'lost' | 'duplicated';
}

/** Each toast against the emulator's record: shown once if sent, not at all if it failed. */
export function checkToasts(attempts: ToastAttempt[], emu: SeaTableEmulator): ToastCheck[] {
	const recorded = new Map<string, number>();
	for (const toast of emu.toasts) {
		const msg = (toast.detail as { msg?: unknown } | null)?.msg;
		if (typeof msg === 'string') recorded.set(msg, (recorded.get(msg) ?? 0) + 1);
	}
	return attempts.map((attempt) => {
		const count = recorded.get(attempt.message) ?? 0;
		let verdict: ToastCheck['verdict'];
		if (count > 1) verdict = 'duplicated';
		else if (attempt.outcome === 'sent') verdict = count === 1 ? 'ok' : 'lost';
		else verdict = count === 0 ? 'failedVisibly' : 'failedButShown';
		return { attempt, recorded: count, verdict };
	});
}

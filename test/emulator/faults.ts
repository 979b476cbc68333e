// One-shot HTTP fault rules: answer the next matching requests with an error, or hold them back first.
import type { DelayRule, FailRule } from './types';

interface Counted<T> {
	rule: T;
	remaining: number;
}

function matches(pattern: string | RegExp, path: string): boolean {
	// A string matches as a substring so '/operations/' works without spelling out the uuid.
	return typeof pattern === 'string' ? path.includes(pattern) : pattern.test(path);
}

function take<T extends { path: string | RegExp }>(list: Counted<T>[], path: string): T | undefined {
	const entry = list.find((e) => matches(e.rule.path, path));
	if (!entry) return undefined;
	entry.remaining -= 1;
	if (entry.remaining <= 0) list.splice(list.indexOf(entry), 1);
	return entry.rule;
}

/** How a misbehaving server may answer the operation log (hostile-server tests). */
export interface OperationLogQuirks {
	/** Answer the first page whatever `page` says (a proxy or cache that drops the query string). */
	ignorePage?: boolean;
	/** Send `op_id` as a string, e.g. "118". */
	opIdAsString?: boolean;
}

export class Faults {
	/** Set by tests; read by the operations route on every request. */
	operationLog: OperationLogQuirks = {};

	private readonly failures: Counted<FailRule>[] = [];

	private readonly delays: Counted<DelayRule>[] = [];

	private readonly timers = new Set<{ timer: NodeJS.Timeout; resolve: (fired: boolean) => void }>();

	failNext(rule: FailRule): void {
		this.failures.push({ rule: { ...rule }, remaining: rule.count ?? 1 });
	}

	delayNext(rule: DelayRule): void {
		this.delays.push({ rule: { ...rule }, remaining: rule.count ?? 1 });
	}

	takeFailure(path: string): FailRule | undefined {
		return take(this.failures, path);
	}

	takeDelay(path: string): DelayRule | undefined {
		return take(this.delays, path);
	}

	/** Resolves true after `ms`, or false when cancelled by cancelAll() (the emulator is closing). */
	wait(ms: number): Promise<boolean> {
		return new Promise((resolve) => {
			const entry = {
				timer: setTimeout(() => {
					this.timers.delete(entry);
					resolve(true);
				}, ms),
				resolve,
			};
			this.timers.add(entry);
		});
	}

	cancelAll(): void {
		for (const entry of this.timers) {
			clearTimeout(entry.timer);
			entry.resolve(false);
		}
		this.timers.clear();
	}
}

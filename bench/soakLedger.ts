// The soak's accounting: every version 1..N must be delivered exactly once and in order. Each
// loss, duplicate or reordering is attributed to the fault windows that were open when the
// change was made (a window opens a little before its fault, for changes still in flight).
import { FAULT_LABELS, type ConnectionFaultKind, type FaultWindow, type ToastFaultKind } from './soakFaults';
import type { ToastCheck } from './soakToasts';

/** Changes made this long before a fault count as in flight when it hit. */
export const IN_FLIGHT_MS = 250;

export interface ProducedChange {
	at: number;
	opType: string;
}

export interface Delivery {
	version: number;
	at: number;
	opType: string;
	items: number;
	replayed: boolean;
}

export interface ChangeTally {
	injected: number;
	sent: number;
	delivered: number;
	lost: number;
	duplicated: number;
	outOfOrder: number;
	/** Delivered with another op_type than the change of that version had. */
	mismatched: number;
}

export interface Problem {
	version: number;
	problem: 'lost' | 'duplicated' | 'out of order' | 'mismatched';
	windows: string[];
	opType: string;
	/** Seconds after the start of the stream. */
	madeAtS: number;
}

export interface ChangeReport {
	rows: Array<{ label: string; tally: ChangeTally }>;
	total: ChangeTally;
	problems: Problem[];
	unexpectedDeliveries: number;
}

const emptyTally = (): ChangeTally => ({ injected: 0, sent: 0, delivered: 0, lost: 0, duplicated: 0, outOfOrder: 0, mismatched: 0 });

function windowsAt(at: number, windows: FaultWindow[]): FaultWindow[] {
	return windows.filter((w) => at >= w.startAt - IN_FLIGHT_MS && at <= w.endAt);
}

/** `produced[v]` is the change of version v (index 0 unused). */
export function tallyChanges(produced: ProducedChange[], deliveries: Delivery[], windows: FaultWindow[], startAt: number): ChangeReport {
	const last = produced.length - 1;
	const kinds: Array<ConnectionFaultKind | 'none'> = ['serverDisconnect', 'transportKill', 'serverRestart', 'tokenExpiry', 'none'];
	const byKind = new Map(kinds.map((kind) => [kind, emptyTally()]));
	const total = emptyTally();
	for (const w of windows) byKind.get(w.kind)!.injected++;
	total.injected = windows.length;

	const labelsOf = (version: number): Array<ConnectionFaultKind | 'none'> => {
		const open = [...new Set(windowsAt(produced[version].at, windows).map((w) => w.kind))];
		return open.length > 0 ? open : ['none'];
	};
	const problems: Problem[] = [];
	const note = (version: number, problem: Problem['problem'], field: keyof ChangeTally) => {
		const labels = labelsOf(version);
		total[field]++;
		for (const label of labels) byKind.get(label)![field]++;
		problems.push({
			version,
			problem,
			windows: labels.map((l) => FAULT_LABELS[l]),
			opType: produced[version].opType,
			madeAtS: (produced[version].at - startAt) / 1000,
		});
	};

	const times = new Array<number>(last + 1).fill(0);
	let highest = 0;
	let unexpectedDeliveries = 0;
	for (const delivery of deliveries) {
		const { version } = delivery;
		if (!Number.isInteger(version) || version < 1 || version > last) {
			unexpectedDeliveries++;
			continue;
		}
		times[version]++;
		if (times[version] > 1) note(version, 'duplicated', 'duplicated');
		else if (version < highest) note(version, 'out of order', 'outOfOrder');
		if (times[version] === 1 && delivery.opType !== produced[version].opType) note(version, 'mismatched', 'mismatched');
		highest = Math.max(highest, version);
	}
	for (let version = 1; version <= last; version++) {
		const labels = labelsOf(version);
		total.sent++;
		for (const label of labels) byKind.get(label)!.sent++;
		if (times[version] > 0) {
			total.delivered++;
			for (const label of labels) byKind.get(label)!.delivered++;
		} else note(version, 'lost', 'lost');
	}
	problems.sort((a, b) => a.version - b.version);
	return { rows: kinds.map((kind) => ({ label: FAULT_LABELS[kind], tally: byKind.get(kind)! })), total, problems, unexpectedDeliveries };
}

export interface ToastTally {
	injected: number;
	attempted: number;
	recordedOnce: number;
	failedVisibly: number;
	failedButShown: number;
	lost: number;
	duplicated: number;
}

export interface ToastReport {
	rows: Array<{ label: string; tally: ToastTally }>;
	total: ToastTally;
	failures: string[];
}

const emptyToastTally = (): ToastTally => ({ injected: 0, attempted: 0, recordedOnce: 0, failedVisibly: 0, failedButShown: 0, lost: 0, duplicated: 0 });

/** Toasts by the fault they met: the injected answer if any, else the connection windows open at the time. */
export function tallyToasts(checks: ToastCheck[], windows: FaultWindow[], consumedInjections: Record<ToastFaultKind, number>): ToastReport {
	const kinds: Array<ToastFaultKind | ConnectionFaultKind | 'none'> = ['toast429', 'toast500', 'serverDisconnect', 'transportKill', 'serverRestart', 'tokenExpiry', 'none'];
	const byKind = new Map(kinds.map((kind) => [kind, emptyToastTally()]));
	byKind.get('toast429')!.injected = consumedInjections.toast429;
	byKind.get('toast500')!.injected = consumedInjections.toast500;
	const total = emptyToastTally();
	total.injected = consumedInjections.toast429 + consumedInjections.toast500;
	const failures: string[] = [];
	for (const check of checks) {
		const { attempt } = check;
		const open = [...new Set(windowsAt(attempt.at, windows).map((w) => w.kind))];
		const labels: Array<ToastFaultKind | ConnectionFaultKind | 'none'> = attempt.injected ? [attempt.injected] : open.length > 0 ? open : ['none'];
		const field: keyof ToastTally = check.verdict === 'ok' ? 'recordedOnce' : check.verdict;
		for (const tally of [total, ...labels.map((label) => byKind.get(label)!)]) {
			tally.attempted++;
			tally[field]++;
		}
		if (attempt.outcome === 'failed' && failures.length < 10) failures.push(`${attempt.message} (${labels.map((l) => FAULT_LABELS[l]).join(', ')}): ${attempt.error}`);
	}
	return { rows: kinds.map((kind) => ({ label: FAULT_LABELS[kind], tally: byKind.get(kind)! })), total, failures };
}

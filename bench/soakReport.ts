// Prints a soak result: changes and toasts per fault window, the problems found, and the verdict.
import type { SoakResult } from './soakRun';

function table(header: string[], rows: Array<Array<string | number>>): string {
	const cells = rows.map((row) => row.map(String));
	const widths = header.map((h, i) => Math.max(h.length, ...cells.map((row) => row[i].length)));
	const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function formatSoak(result: SoakResult): string {
	const { changes, toasts, config } = result;
	const changeRows = [...changes.rows, { label: 'total', tally: changes.total }].map(({ label, tally }) => [
		label,
		tally.injected,
		tally.sent,
		tally.delivered,
		tally.lost,
		tally.duplicated,
		tally.outOfOrder,
		tally.mismatched,
	]);
	const toastRows = [...toasts.rows, { label: 'total', tally: toasts.total }].map(({ label, tally }) => [
		label,
		tally.injected,
		tally.attempted,
		tally.recordedOnce,
		tally.failedVisibly,
		tally.failedButShown,
		tally.lost,
		tally.duplicated,
	]);
	const recoveries = result.windows.map((w) => w.recoveredAfterS).filter((s): s is number => s !== null);
	const lines = [
		`Soak: ${config.changes} changes over ${config.productionMs / 1000} s, seed ${config.seed}, ${result.durationS.toFixed(1)} s in all`,
		'',
		'Changes through the trigger (catch-up on, default options), by the fault window open when each change was made',
		'(a change made while two windows were open counts in both rows; "total" counts it once):',
		table(['fault window', 'injected', 'sent', 'delivered', 'lost', 'duplicated', 'out_of_order', 'mismatched'], changeRows),
		'',
		'Toasts through the Toast node, by the injected answer they met, else the window open when sent:',
		table(['fault window', 'injected', 'sent', 'recorded once', 'failed visibly', 'failed but shown', 'lost', 'duplicated'], toastRows),
		'',
		`Recovery after a connection fault (rejoined and caught up): max ${recoveries.length ? Math.max(...recoveries).toFixed(2) : '-'} s, ` +
			`${result.windows.length - recoveries.length} window(s) never closed.`,
		`Errors reported by the trigger (emitError): ${result.triggerErrors.length}`,
	];
	if (changes.problems.length > 0) {
		lines.push('', `Problems (first 20 of ${changes.problems.length}):`);
		for (const p of changes.problems.slice(0, 20)) {
			lines.push(`  version ${p.version} ${p.opType}: ${p.problem}, made at ${p.madeAtS.toFixed(2)} s, window: ${p.windows.join(', ')}`);
		}
	}
	if (toasts.failures.length > 0) lines.push('', 'Toast failures (first 10):', ...toasts.failures.map((f) => `  ${f}`));
	if (!result.passed) lines.push('', 'Trigger log (last lines):', ...result.triggerLog.map((l) => `  ${l}`));
	lines.push(
		'',
		result.passed
			? 'PASS: nothing lost, duplicated or out of order.'
			: `FAIL: rerun with --seed ${config.seed} to repeat the same stream and fault times.`,
	);
	return lines.join('\n');
}

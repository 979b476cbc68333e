// The one way tests wait for an effect that has no callback (emulator state, a log line, n8n's
// executions): poll a check until it holds. No fixed sleep that assumes the machine's speed; the
// bound only turns a hang into a failure that says what never happened.
import { setTimeout as delay } from 'node:timers/promises';

/**
 * Resolves once `check` returns true; rejects after `timeoutMs` naming `what` was awaited. Checks that
 * ask n8n over HTTP pass a longer `pollMs`, to keep the load they add low.
 */
export async function waitFor(
	what: string,
	check: () => boolean | Promise<boolean>,
	timeoutMs = 15_000,
	pollMs = 20,
): Promise<void> {
	const deadline = performance.now() + timeoutMs;
	while (!(await check())) {
		if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
		await delay(pollMs);
	}
}

// A short version of `npm run soak` (same code, 1,000 changes and a few faults of each kind):
// every change reaches the trigger exactly once and in order, and no toast is lost or shown twice.
// Correctness only: speed is measured by `npm run bench`, never asserted here.
import { expect, test } from '@jest/globals';

import { formatSoak } from '../../bench/soakReport';
import { runSoak, SHORT_SOAK } from '../../bench/soakRun';

test('short soak: 1,000 changes through faults arrive exactly once, in order', async () => {
	// A fixed seed keeps the suite repeatable; `npm run soak` explores random ones.
	const result = await runSoak({ ...SHORT_SOAK, seed: 20_251_117 });
	const summary = formatSoak(result);

	expect({ ...result.changes.total, summary }).toMatchObject({ lost: 0, duplicated: 0, outOfOrder: 0, mismatched: 0 });
	expect(result.changes.total.sent).toBe(SHORT_SOAK.changes);
	expect(result.changes.unexpectedDeliveries).toBe(0);
	expect({ lost: result.toasts.total.lost, duplicated: result.toasts.total.duplicated, summary }).toMatchObject({ lost: 0, duplicated: 0 });
	// Every planned fault happened, so the run proved something.
	expect(result.windows).toHaveLength(
		SHORT_SOAK.faults.serverDisconnect + SHORT_SOAK.faults.transportKill + SHORT_SOAK.faults.serverRestart + SHORT_SOAK.faults.tokenExpiry,
	);
	expect(result.toasts.total.injected).toBe(SHORT_SOAK.faults.toast429 + SHORT_SOAK.faults.toast500);
	expect(result.triggerErrors).toEqual([]);
}, 90_000);

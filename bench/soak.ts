// `npm run soak`: the reliability run. Streams 10,000 changes through the trigger while faults
// hit, prints the tallies and exits non-zero unless nothing was lost, duplicated or reordered.
//   --seed N     repeat a run (the seed picks the stream and the fault times)
//   --short      the size the test suite uses (1,000 changes)
//   --json FILE  also write the full result (e.g. bench/.tmp/soak.json)
import { writeFileSync } from 'node:fs';

import { formatSoak } from './soakReport';
import { FULL_SOAK, runSoak, SHORT_SOAK } from './soakRun';

// Bounded whatever happens: production + recoveries + drain stay well inside this.
const MAX_RUN_MS = 8 * 60_000;

function argument(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index > 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<number> {
	const seed = Number(argument('--seed') ?? Math.floor(Math.random() * 1_000_000));
	const size = process.argv.includes('--short') ? SHORT_SOAK : FULL_SOAK;
	process.stderr.write(`soak: ${size.changes} changes over ${size.productionMs / 1000} s, seed ${seed}\n`);
	const result = await runSoak({ ...size, seed, log: (line) => process.stderr.write(`${line}\n`) });
	process.stdout.write(`\n${formatSoak(result)}\n`);
	const jsonFile = argument('--json');
	if (jsonFile) writeFileSync(jsonFile, `${JSON.stringify(result, null, '\t')}\n`);
	return result.passed ? 0 : 1;
}

const deadline = setTimeout(() => {
	process.stderr.write(`soak: gave up after ${MAX_RUN_MS / 1000} s\n`);
	process.exit(2);
}, MAX_RUN_MS);
deadline.unref();

main().then(
	(code) => process.exit(code),
	(error: unknown) => {
		process.stderr.write(`soak failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
		process.exit(1);
	},
);

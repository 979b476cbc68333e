// The package's code as the benchmarks load it. `npm run bench` and `npm run soak` build the package
// and set BENCH_CODE=dist, so they measure the compiled JavaScript that n8n runs; without it (the
// short soak in the test suite) the TypeScript sources are loaded, which needs no build.
// Loaded by full file name: tsx resolves 'X.node' to the sibling codex 'X.node.json' first.
/* eslint-disable @typescript-eslint/no-require-imports -- the file to load is chosen at run time */
import { existsSync } from 'node:fs';
import path from 'node:path';

import type * as ClientModule from '../nodes/seatable-client';
import type * as ChangeMapperModule from '../nodes/seatable-client/events/changeMapper';
import type * as SchemaCacheModule from '../nodes/seatable-client/events/schemaCache';
import type * as LoggerModule from '../nodes/seatable-client/logger';
import type * as OperationsModule from '../nodes/seatable-client/operations';
import type * as ServerValuesModule from '../nodes/seatable-client/serverValues';
import type * as RealtimeModule from '../nodes/seatable-client/realtime';
import type * as ToastModule from '../nodes/SeaTableToast/SeaTableToast.node';
import type * as TriggerModule from '../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import type * as WebhookModule from '../nodes/SeaTableWebhook/SeaTableWebhook.node';
import type * as WebhookTriggerModule from '../nodes/SeaTableWebhookTrigger/SeaTableWebhookTrigger.node';

const compiled = process.env.BENCH_CODE === 'dist';
const root = path.join(__dirname, '..', compiled ? 'dist' : '');

function load<T>(file: string): T {
	const full = path.join(root, `${file}.${compiled ? 'js' : 'ts'}`);
	if (compiled && !existsSync(full)) throw new Error(`${full} is missing: run \`npm run build\` first`);
	return require(full) as T;
}

export const codeUnderTest = compiled ? 'compiled package (dist/)' : 'TypeScript sources (nodes/)';
export const { SeaTableRealtimeTrigger } = load<typeof TriggerModule>('nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node');
export const { SeaTableToast } = load<typeof ToastModule>('nodes/SeaTableToast/SeaTableToast.node');
export const { SeaTableWebhook } = load<typeof WebhookModule>('nodes/SeaTableWebhook/SeaTableWebhook.node');
export const { destroyIdleConnections, getSeaTableClient } = load<typeof ClientModule>('nodes/seatable-client/index');
export const { RealtimeConnection } = load<typeof RealtimeModule>('nodes/seatable-client/realtime/index');
// The per-change path from a payload to items, for the in-process figure (bench/hotPath.ts).
export const { readUpdate } = load<typeof ServerValuesModule>('nodes/seatable-client/serverValues');
export const { createChangeMapper } = load<typeof ChangeMapperModule>('nodes/seatable-client/events/changeMapper');
export const { SchemaCache } = load<typeof SchemaCacheModule>('nodes/seatable-client/events/schemaCache');
export const { DEFAULT_ENRICH_OPTIONS } = load<typeof OperationsModule>('nodes/seatable-client/operations/index');
export const { silentLogger } = load<typeof LoggerModule>('nodes/seatable-client/logger');
export const { SeaTableWebhookTrigger } = load<typeof WebhookTriggerModule>('nodes/SeaTableWebhookTrigger/SeaTableWebhookTrigger.node');

// The node classes, loaded by their full file name: tsx resolves 'X.node' to the sibling codex
// 'X.node.json' before 'X.node.ts' (jest does not), so a plain import gives the JSON under tsx.
/* eslint-disable @typescript-eslint/no-require-imports -- a typed import cannot name the .ts file */
import type * as ToastModule from '../nodes/SeaTableToast/SeaTableToast.node';
import type * as TriggerModule from '../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import type * as WebhookModule from '../nodes/SeaTableWebhook/SeaTableWebhook.node';

export const { SeaTableRealtimeTrigger } = require('../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node.ts') as typeof TriggerModule;
export const { SeaTableToast } = require('../nodes/SeaTableToast/SeaTableToast.node.ts') as typeof ToastModule;
export const { SeaTableWebhook } = require('../nodes/SeaTableWebhook/SeaTableWebhook.node.ts') as typeof WebhookModule;

// The output schemas: checked in as the generator writes them, present for every node version at
// the path n8n serves, and real items (the trigger against the emulator, a toast, a webhook
// delivery) conform to them.
import { beforeEach, describe, expect, it } from '@jest/globals';
import * as fs from 'fs';
import * as path from 'path';
import type { IDataObject, INodeTypeDescription } from 'n8n-workflow';

import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { SeaTableWebhook } from '../../nodes/SeaTableWebhook/SeaTableWebhook.node';
import { SeaTableWebhookTrigger } from '../../nodes/SeaTableWebhookTrigger/SeaTableWebhookTrigger.node';
import { clearDeliveries } from '../../nodes/seatable-client/webhookReceive';
import { waitFor } from '../helpers/waitFor';
import { webhookCall } from '../webhookTrigger/context';
import { modifyRow } from '../webhookTrigger/payloads';
import { SAMPLE_IDS, sampleBase, SeaTableEmulator } from '../emulator';
import type { TriggerHarness } from '../helpers/triggerContext';
import { useNodeTestBed } from '../editor/nodeTestBed';
import { executeContext } from '../toast/context';
import { createContext, useReceivers } from '../webhook/helpers';
import { generateSchemas, REPO_DIR, type JsonSchema } from './generator';
import { schemaProblems } from './validate';

function schema(file: string): JsonSchema {
	return JSON.parse(fs.readFileSync(path.join(REPO_DIR, 'nodes', file), 'utf8')) as JsonSchema;
}

function expectConforms(file: string, items: unknown[]): void {
	expect(items.length).toBeGreaterThan(0);
	const problems = items.flatMap((item) => schemaProblems(schema(file), item));
	expect(problems).toEqual([]);
}

describe('the checked-in schema files', () => {
	it('are what `npm run schemas` generates from the item types', () => {
		const generated = generateSchemas();
		for (const [file, content] of generated) expect({ file, content: fs.readFileSync(path.join(REPO_DIR, file), 'utf8') }).toEqual({ file, content });
		const onDisk = ['SeaTableRealtimeTrigger', 'SeaTableToast', 'SeaTableWebhook', 'SeaTableWebhookTrigger'].flatMap((node) =>
			(fs.readdirSync(path.join(REPO_DIR, 'nodes', node, '__schema__'), { recursive: true }) as string[])
				.filter((entry) => entry.endsWith('.json'))
				.map((entry) => path.join('nodes', node, '__schema__', entry)),
		);
		expect(onDisk.sort()).toEqual([...generated.keys()].sort());
	});

	it.each([
		['SeaTableRealtimeTrigger', new SeaTableRealtimeTrigger().description],
		['SeaTableToast', new SeaTableToast().description],
		['SeaTableWebhook', new SeaTableWebhook().description],
		['SeaTableWebhookTrigger', new SeaTableWebhookTrigger().description],
	] as Array<[string, INodeTypeDescription]>)('exist for every version of %s, where n8n looks (v<major>.<minor>.<patch>.json)', (folder, description) => {
		const versions = Array.isArray(description.version) ? description.version : [description.version];
		for (const version of versions) {
			const padded = String(version).split('.').concat(['0', '0']).slice(0, 3).join('.');
			const file = schema(`${folder}/__schema__/v${padded}.json`);
			// The editor only uses a schema with a type and non-empty properties.
			expect(file.type).toBe('object');
			expect(Object.keys(file.properties ?? {}).length).toBeGreaterThan(0);
		}
	});

	it('are strict enough to catch a wrong item', () => {
		const trigger = schema('SeaTableRealtimeTrigger/__schema__/v2.0.0.json');
		const item = { event: 'update-dtable', eventId: 'x:1', version: 1, op_type: 'insert_row', table_id: '0000', row_id: 'r', received_at: 'now' };
		expect(schemaProblems(trigger, item)).toEqual([]);
		expect(schemaProblems(trigger, { ...item, version: '1' })).toEqual(['$.version: is string, schema says number']);
		expect(schemaProblems(trigger, { ...item, rowId: 'r' })).toEqual(['$.rowId: not in the schema']);
		const { eventId: _dropped, ...withoutId } = item;
		expect(schemaProblems(trigger, withoutId)).toEqual(['$.eventId: missing']);
	});
});

describe('real items conform to their schema', () => {
	const bed = useNodeTestBed();
	let emu: SeaTableEmulator | undefined;
	beforeEach(() => {
		emu = undefined;
	});

	async function trigger(parameters: Record<string, unknown>, typeVersion: number): Promise<TriggerHarness> {
		const harness = await bed.trigger(parameters, typeVersion);
		emu = await bed.emulator();
		return harness;
	}

	it.each([1, 2])('trigger version %i: every kind of change, readable and raw, batch split or not', async (typeVersion) => {
		const readable = await trigger({ event: 'baseChange', options: {} }, typeVersion);
		const raw = await trigger({ event: 'baseChange', options: { resolveNames: false, splitRows: false, includeRaw: true } }, typeVersion);
		const base = emu!;
		const inserted = base.insertRow(SAMPLE_IDS.tasks, { Name: 'Schema check', Status: 'Open' });
		base.modifyRow(SAMPLE_IDS.tasks, inserted.row._id, { Status: 'Done' });
		base.insertRows(SAMPLE_IDS.tasks, [{ Name: 'one' }, { Name: 'two' }]);
		base.addLink(SAMPLE_IDS.tasks, 'Project', inserted.row._id, SAMPLE_IDS.projectRows[0]);
		base.renameColumn(SAMPLE_IDS.tasks, 'Due', 'Due date');
		base.deleteRow(SAMPLE_IDS.tasks, inserted.row._id);
		// Readable: 1 insert, 1 update, 2 split rows, 1 link, 1 schema change, 1 delete; raw: the batch unsplit.
		await waitFor('the readable and the raw items', () => readable.items().length >= 7 && raw.items().length >= 6);
		const items = readable.items();
		expect(new Set(items.map((item) => item.op_type))).toEqual(
			new Set(['insert_row', 'modify_row', 'insert_rows', 'add_link', 'rename_column', 'delete_row']),
		);
		expect(items.some((item) => item.link) && items.some((item) => item.schema) && items.some((item) => item.old_row)).toBe(true);
		const file = `SeaTableRealtimeTrigger/__schema__/v${typeVersion}.0.0.json`;
		expectConforms(file, items);
		expectConforms(file, raw.items());
		expect(raw.items().some((item) => Array.isArray(item.rows))).toBe(true);
	});

	it('a notification conforms to the notification schema', async () => {
		const harness = await trigger({ event: 'notification' }, 2);
		await waitFor('the trigger to join', () => emu!.joinedCount() > 0);
		emu!.sendNotification({ id: 7, username: sampleBase().collaborators[0].email, msg_type: 'row_comment', detail: { row_id: 'r1', comment: 'Looks good' } });
		await harness.waitForEmits(1);
		expectConforms('SeaTableRealtimeTrigger/__schema__/v2.0.0/notification.json', harness.items());
	});

	it('a toast conforms to the toast schema', async () => {
		emu = await bed.emulator();
		const anna = sampleBase().collaborators[0];
		const context = executeContext(emu, { parameters: { to: { __rl: true, mode: 'list', value: anna.email }, message: 'Hello', toastType: 'warning' } });
		const [output] = await new SeaTableToast().execute.call(context);
		expect(output[0].json.to).toEqual([anna.email]);
		expectConforms('SeaTableToast/__schema__/v2.0.0.json', output.map((item) => item.json));
	});

	const receiver = useReceivers();
	it('a webhook delivery conforms to the webhook schema', async () => {
		const { url } = await receiver();
		const context = createContext({ params: { url, payload: 'actionAndRow', action: 'approve', rowId: 'r1', options: {} } });
		const [output] = await new SeaTableWebhook().execute.call(context);
		expect(output[0].json.statusCode).toBe(200);
		expectConforms('SeaTableWebhook/__schema__/v1.0.0.json', output.map((item) => item.json as IDataObject));
		expectConforms('SeaTableWebhook/__schema__/v1.1.0.json', output.map((item) => item.json as IDataObject));
	});

	it('a change SeaTable pushes to the webhook trigger conforms to its schema', async () => {
		const request = webhookCall({ parameters: { source: 'baseWebhook' }, body: modifyRow, secret: 'schema-test-secret' });
		const result = await new SeaTableWebhookTrigger().webhook.call(request.context);
		clearDeliveries();
		expect(request.answered.status).toBe(200);
		expectConforms('SeaTableWebhookTrigger/__schema__/v1.0.0.json', (result.workflowData?.[0] ?? []).map((item) => item.json));
	});
});

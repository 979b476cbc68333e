// Version 2's resource locators against the emulator (a table picked from the list, by ID or by
// the URL of a table view; a recipient picked by name or typed), and version 1's stored shape
// still doing what it did.
import { beforeEach, describe, expect, it } from '@jest/globals';
import * as path from 'path';
import { NodeHelpers, type ILoadOptionsFunctions, type INodeProperties } from 'n8n-workflow';

import { searchTables } from '../../nodes/SeaTableRealtimeTrigger/methods/listSearch';
import { getColumns } from '../../nodes/SeaTableRealtimeTrigger/methods/loadOptions';
import { SeaTableRealtimeTrigger } from '../../nodes/SeaTableRealtimeTrigger/SeaTableRealtimeTrigger.node';
import { tableIdFromLocator } from '../../nodes/SeaTableRealtimeTrigger/tableLocator';
import { searchCollaborators } from '../../nodes/SeaTableToast/methods/listSearch';
import { SeaTableToast } from '../../nodes/SeaTableToast/SeaTableToast.node';
import { loadDemoWorkflow } from '../demo/demoWorkflow';
import { SAMPLE_IDS, sampleBase, SeaTableEmulator } from '../emulator';
import { contextParameter } from '../helpers/n8nContext';
import type { TriggerHarness } from '../helpers/triggerContext';
import { executeContext, NODE } from '../toast/context';
import { useNodeTestBed } from './nodeTestBed';

const [anna, ben] = sampleBase().collaborators;
const tableUrl = (emu: SeaTableEmulator, tableId: string) => `${emu.url}/workspace/42/dtable/Project%20Tracker/?tid=${tableId}&vid=0000`;

const bed = useNodeTestBed();
let emu: SeaTableEmulator | undefined;
beforeEach(() => {
	emu = undefined;
});

async function startTrigger(parameters: Record<string, unknown>, typeVersion: number): Promise<TriggerHarness> {
	const harness = await bed.trigger(parameters, typeVersion);
	emu = await bed.emulator();
	return harness;
}

function loadOptionsContext(emulator: SeaTableEmulator, typeVersion: number, current: Record<string, unknown> = {}) {
	return {
		getCredentials: async () => ({ serverUrl: emulator.url, apiToken: emulator.apiToken }),
		getNode: () => ({ ...NODE, typeVersion }),
		getNodeParameter: contextParameter({}),
		getCurrentNodeParameter: (name: string) => current[name],
	} as unknown as ILoadOptionsFunctions;
}

describe('the table locator (trigger version 2)', () => {
	it.each([
		['from the list', () => ({ __rl: true, mode: 'list', value: SAMPLE_IDS.projects, cachedResultName: 'Projects' })],
		['by ID', () => ({ __rl: true, mode: 'id', value: SAMPLE_IDS.projects })],
		['by the URL of a table view', (e: SeaTableEmulator) => ({ __rl: true, mode: 'url', value: tableUrl(e, SAMPLE_IDS.projects) })],
	])('listens to the one table picked %s', async (_how, locator) => {
		emu = await bed.emulator();
		const trigger = await startTrigger({ event: 'baseChange', table: locator(emu), operations: [] }, 2);
		emu.insertRow(SAMPLE_IDS.tasks, { Name: 'not this table' });
		const wanted = emu.insertRow(SAMPLE_IDS.projects, { Name: 'this one' });
		await trigger.waitForEmits(1);
		// In order: a change in Tasks would have come first.
		expect(trigger.items()[0]).toMatchObject({ table_id: SAMPLE_IDS.projects, table_name: 'Projects', row_id: wanted.row._id });
	});

	it('listens to every table when left empty', async () => {
		const trigger = await startTrigger({ event: 'baseChange', table: { __rl: true, mode: 'list', value: '' }, operations: [] }, 2);
		emu!.insertRow(SAMPLE_IDS.tasks, { Name: 'a' });
		emu!.insertRow(SAMPLE_IDS.projects, { Name: 'b' });
		await trigger.waitForEmits(2);
		expect(trigger.items().map((item) => item.table_id)).toEqual([SAMPLE_IDS.tasks, SAMPLE_IDS.projects]);
	});

	it('reads the table id out of any form the value is stored in', () => {
		expect(tableIdFromLocator({ __rl: true, mode: 'url', value: 'https://cloud.seatable.io/workspace/1/dtable/B/?tid=Pr7k&vid=0000' })).toBe('Pr7k');
		expect(tableIdFromLocator({ __rl: true, mode: 'url', value: 'https://cloud.seatable.io/dtable/B/?vid=1&tid=0000' })).toBe('0000');
		// n8n hands over the extracted value when asked to.
		expect(tableIdFromLocator('Pr7k')).toBe('Pr7k');
		expect(tableIdFromLocator({ __rl: true, mode: 'list', value: '' })).toBe('');
		expect(tableIdFromLocator(undefined)).toBe('');
	});

	it("accepts the URL SeaTable shows for a table, and rejects one that names no table (n8n's own parameter check)", () => {
		const { description } = new SeaTableRealtimeTrigger();
		const issues = (table: Record<string, unknown>) => {
			const node = { id: 't', name: 'T', type: 'x', typeVersion: 2, position: [0, 0] as [number, number], parameters: { event: 'baseChange', table: { __rl: true, ...table }, operations: [] } };
			return NodeHelpers.getNodeParametersIssues(description.properties, node, description)?.parameters?.table;
		};
		expect(issues({ mode: 'url', value: 'https://cloud.seatable.io/workspace/74254/dtable/My%20Base/?tid=0000&vid=0000' })).toBeUndefined();
		expect(issues({ mode: 'url', value: 'https://cloud.seatable.io/workspace/74254/dtable/My%20Base/' })).toEqual([
			'Not the URL of a SeaTable table: it needs ?tid=<table ID>, as SeaTable shows when a table is open',
		]);
		expect(issues({ mode: 'id', value: 'Pr7k' })).toBeUndefined();
		expect(issues({ mode: 'id', value: 'Pr 7k' })).toHaveLength(1);
		const url = (description.properties.find((p) => p.name === 'table') as INodeProperties).modes!.find((mode) => mode.name === 'url')!;
		const extract = new RegExp((url.extractValue as unknown as { regex: string }).regex);
		expect(extract.exec('https://cloud.seatable.io/workspace/1/dtable/B/?tid=Pr7k&vid=0000')?.[1]).toBe('Pr7k');
	});

	it('"From list" searches the base\'s tables by name', async () => {
		emu = await bed.emulator();
		const all = await searchTables.call(loadOptionsContext(emu, 2));
		expect(all.results).toEqual([
			{ name: 'Tasks', value: SAMPLE_IDS.tasks },
			{ name: 'Projects', value: SAMPLE_IDS.projects },
		]);
		expect((await searchTables.call(loadOptionsContext(emu, 2), 'proj')).results).toEqual([{ name: 'Projects', value: SAMPLE_IDS.projects }]);
	});

	it('watched columns list the columns of the picked table', async () => {
		emu = await bed.emulator();
		const projectsOnly = await getColumns.call(loadOptionsContext(emu, 2, { table: { __rl: true, mode: 'url', value: tableUrl(emu, SAMPLE_IDS.projects) } }));
		expect(projectsOnly.every((option) => option.description === 'In Projects')).toBe(true);
		const v1 = await getColumns.call(loadOptionsContext(emu, 1, { tables: [SAMPLE_IDS.tasks] }));
		expect(v1.map((option) => option.name)).toContain('Status');
		expect(v1.every((option) => option.description === 'In Tasks')).toBe(true);
	});
});

describe("version 1's stored shape (the demo workflow as committed)", () => {
	it('still filters by its list of table ids and kinds of change', async () => {
		const trigger = await startTrigger({ event: 'baseChange', tables: [SAMPLE_IDS.tasks], operations: ['rowCreated', 'rowUpdated'], options: {} }, 1);
		const other = emu!.insertRow(SAMPLE_IDS.projects, { Name: 'other table' });
		const inserted = emu!.insertRow(SAMPLE_IDS.tasks, { Name: 'v1', Status: 'Open' });
		emu!.deleteRow(SAMPLE_IDS.tasks, inserted.row._id);
		const updated = emu!.modifyRow(SAMPLE_IDS.tasks, SAMPLE_IDS.taskRows[0], { Status: 'Done' });
		await trigger.waitForEmits(2);
		expect(trigger.items().map((item) => item.row_id)).toEqual([inserted.row._id, updated.row._id]);
		expect(trigger.items().map((item) => item.row_id)).not.toContain(other.row._id);
	});

	it('shows version 1 only its own table field, and version 2 only the locator', () => {
		const properties = new SeaTableRealtimeTrigger().description.properties;
		expect(properties.find((p) => p.name === 'tables')?.displayOptions?.show?.['@version']).toEqual([1]);
		expect(properties.find((p) => p.name === 'table')?.displayOptions?.show?.['@version']).toEqual([2]);
		const toast = new SeaTableToast().description.properties.filter((p) => p.name === 'to');
		expect(toast.map((p) => [p.type, p.displayOptions?.show?.['@version']])).toEqual([
			['multiOptions', [1]],
			['resourceLocator', [2]],
		]);
	});
});

describe('the recipient locator (toast version 2)', () => {
	const run = async (to: unknown) => {
		emu ??= await bed.emulator();
		const context = executeContext(emu, { parameters: { to, message: 'Hi', toastType: 'success' } });
		context.getNode.mockReturnValue({ ...NODE, typeVersion: 2 });
		const [output] = await new SeaTableToast().execute.call(context);
		return output.map((item) => item.json.to);
	};

	it('sends to the collaborator picked from the list', async () => {
		expect(await run({ __rl: true, mode: 'list', value: anna.email, cachedResultName: 'Anna Schmidt' })).toEqual([[anna.email]]);
		expect(emu!.toasts.map((toast) => toast.to_user)).toEqual([anna.email]);
	});

	it('sends to people typed by name or email, several separated by commas', async () => {
		expect(await run({ __rl: true, mode: 'text', value: `Anna Schmidt, ${ben.contact_email}` })).toEqual([[anna.email, ben.email]]);
	});

	it('"From list" shows names (kept for the subtitle) and searches names and emails', async () => {
		emu = await bed.emulator();
		const { results } = await searchCollaborators.call(loadOptionsContext(emu, 2));
		expect(results.map((result) => [result.name, result.value])).toEqual(
			sampleBase().collaborators.map((person) => [person.name, person.email]).sort((a, b) => a[0].localeCompare(b[0])),
		);
		expect(results[0].description).toBe(`Anna Schmidt (${anna.contact_email})`);
		expect((await searchCollaborators.call(loadOptionsContext(emu, 2), 'ben.carter')).results.map((result) => result.name)).toEqual(['Ben Carter']);
	});
});

describe('the demo workflow', () => {
	it('keeps the SeaTable nodes exactly as 0.1.0 shipped them (only notes were added)', () => {
		const seaTableNodes = (file?: string) => loadDemoWorkflow(file).nodes.filter((node) => String(node.type).startsWith('n8n-nodes-seatable-realtime.'));
		expect(seaTableNodes()).toEqual(seaTableNodes(path.join(__dirname, '..', 'e2e', 'fixtures', 'demo-workflow-0.1.0.workflow.json')));
		expect(seaTableNodes().map((node) => node.typeVersion)).toEqual([1, 1, 1]);
		expect((loadDemoWorkflow().nodes.find((node) => node.name === 'Read-only demo') as { type?: string } | undefined)?.type).toBe('n8n-nodes-base.stickyNote');
	});
});

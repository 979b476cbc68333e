// The trigger's item options against the emulator: the whole row, people by name, links by display
// value — and what each costs in calls.
import { expect, test } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { SAMPLE_IDS } from '../emulator';
import { waitFor } from '../helpers/waitFor';
import { useTriggerTestBed, type RunningTrigger } from '../trigger/triggerTestKit';

const bed = useTriggerTestBed();
const [TASK_A, TASK_B] = SAMPLE_IDS.taskRows;
const [PROJECT_A] = SAMPLE_IDS.projectRows;

async function start(options: IDataObject): Promise<RunningTrigger> {
	const trigger = await bed.start({ options });
	// The socket has joined once the base's version is known to the stream: wait for the room.
	await waitFor('the trigger to join', () => bed.emu.joinedCount() > 0, 15_000);
	return trigger;
}

async function itemsAfter(trigger: RunningTrigger, count: number): Promise<IDataObject[]> {
	await waitFor(`${count} item(s)`, () => trigger.items().length >= count, 15_000);
	return trigger.items();
}

const sqlCalls = () => bed.emu.callsByEndpoint().sql ?? 0;

test('includeFullRow: an update carries the untouched columns by name, options by name, links as row ids', async () => {
	const trigger = await start({ includeFullRow: true });
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Done' });
	const [item] = await itemsAfter(trigger, 1);
	expect(item.row).toMatchObject({ Status: 'Done' });
	expect(item.full_row).toMatchObject({
		_id: TASK_A,
		Name: 'Write release notes',
		Status: 'Done',
		Tags: ['Docs'],
		Assignee: [bed.emu.base().collaborators[0].email],
		Project: [PROJECT_A],
	});
	expect(sqlCalls()).toBe(1);
});

test('includeFullRow: changes patch the rows just seen, inserts and deletes need no read', async () => {
	const trigger = await start({ includeFullRow: true });
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Done' });
	await itemsAfter(trigger, 1);
	bed.emu.modifyRow('Tasks', TASK_A, { Name: 'Release notes, final' });
	const inserted = bed.emu.insertRow('Tasks', { Name: 'New task', Status: 'Open' });
	const deleted = bed.emu.deleteRow('Tasks', TASK_B);
	const items = await itemsAfter(trigger, 4);
	expect(items[1].full_row).toMatchObject({ Name: 'Release notes, final', Status: 'Done', Tags: ['Docs'] });
	expect(items[2].full_row).toMatchObject({ _id: inserted.row._id, Name: 'New task', Status: 'Open' });
	// A deleted row cannot be read any more: its content comes with the change.
	expect(items[3].row_id).toBe(deleted.row._id);
	expect(items[3].full_row).toMatchObject({ Name: 'Fix login redirect', Status: 'In progress', Tags: ['Bug'] });
	expect(sqlCalls()).toBe(1);
});

test('includeFullRow: a failed read still sends the item, with full_row null and a reason', async () => {
	const trigger = await start({ includeFullRow: true });
	bed.emu.failNext({ path: '/sql/', status: 400, body: { error_msg: 'SQL statement invalid.' }, count: 5 });
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Done' });
	const [item] = await itemsAfter(trigger, 1);
	expect(item.row).toMatchObject({ Status: 'Done' });
	expect(item.full_row).toBeNull();
	expect(item.full_row_error).toEqual(expect.stringContaining('could not read the row from SeaTable'));
});

test('includeFullRow: a column renamed mid-stream shows its new name in the next full row', async () => {
	const trigger = await start({ includeFullRow: true });
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Done' });
	await itemsAfter(trigger, 1);
	bed.emu.renameColumn('Tasks', 'Name', 'Title');
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Open' });
	const items = await itemsAfter(trigger, 3);
	const update = items.find((item, index) => index > 0 && item.op_type === 'modify_row')!;
	expect(update.full_row).toMatchObject({ Title: 'Write release notes', Status: 'Open' });
	expect(update.full_row).not.toHaveProperty('Name');
});

test('resolveCollaborators: people as {username, name, email}, modifier_name and modifier_email beside modifier', async () => {
	const [anna, ben] = bed.emu.base().collaborators;
	const trigger = await start({ resolveCollaborators: true, includeFullRow: true });
	bed.emu.modifyRow('Tasks', TASK_A, { Assignee: [ben.email] }, { author: ben.email });
	const [item] = await itemsAfter(trigger, 1);
	expect(item).toMatchObject({ modifier: ben.email, modifier_name: 'Ben Carter', modifier_email: ben.contact_email });
	expect(item.row).toEqual({
		Assignee: [{ username: ben.email, name: 'Ben Carter', email: ben.contact_email }],
		_last_modifier: { username: ben.email, name: 'Ben Carter', email: ben.contact_email },
	});
	expect(item.old_row).toEqual({ Assignee: [{ username: anna.email, name: 'Anna Schmidt', email: anna.contact_email }] });
	expect((item.full_row as IDataObject)._creator).toEqual({ username: anna.email, name: 'Anna Schmidt', email: anna.contact_email });
	// One read at activation.
	expect(bed.emu.callsByEndpoint()['related-users']).toBe(1);
});

test('resolveLinks: link changes and link cells carry [{row_id, display}]', async () => {
	const trigger = await start({ resolveLinks: true, includeFullRow: true });
	bed.emu.addLink('Tasks', 'Project', TASK_B, SAMPLE_IDS.projectRows[1]);
	const [link] = await itemsAfter(trigger, 1);
	expect((link.link as IDataObject).added).toEqual([SAMPLE_IDS.projectRows[1]]);
	expect((link.link as IDataObject).added_rows).toEqual([{ row_id: SAMPLE_IDS.projectRows[1], display: 'Customer onboarding' }]);
	bed.emu.modifyRow('Tasks', TASK_B, { Status: 'Done' });
	const items = await itemsAfter(trigger, 2);
	expect((items[1].full_row as IDataObject).Project).toEqual([
		{ row_id: PROJECT_A, display: 'Website relaunch' },
		{ row_id: SAMPLE_IDS.projectRows[1], display: 'Customer onboarding' },
	]);
});

test('defaults keep items exactly as before: no full_row, no extra fields, no extra calls', async () => {
	const trigger = await start({});
	const before = bed.emu.callsByEndpoint();
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Done' });
	const [item] = await itemsAfter(trigger, 1);
	expect(Object.keys(item).sort()).toEqual(['changed_columns', 'event', 'eventId', 'modifier', 'old_row', 'op_type', 'received_at', 'row', 'row_id', 'table_id', 'table_name', 'version'].sort());
	expect(bed.emu.callsByEndpoint()).toEqual(before);
	expect(before.sql).toBeUndefined();
	expect(before['related-users']).toBeUndefined();
});

test('includeFullRow on a server before 5.3: the rows are read from dtable-db', async () => {
	await bed.restartEmulator({ useApiGateway: false });
	const trigger = await start({ includeFullRow: true });
	bed.emu.modifyRow('Tasks', TASK_A, { Status: 'Done' });
	const [item] = await itemsAfter(trigger, 1);
	expect(item.full_row).toMatchObject({ Name: 'Write release notes', Status: 'Done' });
	expect(bed.emu.requests.filter((request) => request.path.startsWith('/dtable-db/api/v1/query/')).map((request) => request.status)).toEqual([200]);
});

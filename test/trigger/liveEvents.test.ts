// A change in the base reaches emit with the item contract; filters hold; notifications work.
import { expect, test } from '@jest/globals';
import { useTriggerTestBed } from './triggerTestKit';

const bed = useTriggerTestBed();

test('an inserted row is emitted with the raw contract fields when names are not resolved', async () => {
	const trigger = await bed.start({ options: { resolveNames: false } });
	const change = bed.emu.insertRow('Tasks', { Name: 'Write tests' });
	await trigger.waitForEmits(1);

	const [item] = trigger.items();
	expect(item).toMatchObject({
		event: 'update-dtable',
		eventId: `${bed.emu.uuid}:${change.version}`,
		version: change.version,
		op_type: 'insert_row',
		table_id: '0000',
		row_id: change.row._id,
	});
	// The top-level row_id of insert_row is the neighbouring anchor row, not the new one.
	expect(item.row_id).not.toBe((change.op as { row_id?: string }).row_id);
	expect(item.operation).toEqual(change.op);
	expect(new Date(item.received_at as string).toString()).not.toBe('Invalid Date');
	expect(trigger.errors).toEqual([]);
});

test('rows are readable by default: column names, option names, table name', async () => {
	const trigger = await bed.start();
	const statusColumn = bed.emu.base().tables[0].columns.find((column) => column.type === 'single-select');
	expect(statusColumn).toBeDefined();
	const optionName = (statusColumn!.data as { options: Array<{ name: string }> }).options[0].name;
	bed.emu.insertRow('Tasks', { Name: 'Readable', [statusColumn!.name]: optionName });
	await trigger.waitForEmits(1);

	const [item] = trigger.items();
	expect(item.table_name).toBe('Tasks');
	expect(item.row).toMatchObject({ Name: 'Readable', [statusColumn!.name]: optionName });
	expect(item).not.toHaveProperty('operation');
});

test('the tables filter drops changes in other tables', async () => {
	const trigger = await bed.start({ tables: ['0000'] });
	const otherTable = bed.emu.base().tables.find((table) => table._id !== '0000')!;
	bed.emu.insertRow(otherTable._id, {});
	const wanted = bed.emu.insertRow('0000', { Name: 'in Tasks' });
	await trigger.waitForEmits(1);
	// Changes are delivered in order, so the first emit would have been the other table's row.
	expect(trigger.items()[0].row_id).toBe(wanted.row._id);
	expect(trigger.items().every((item) => item.table_id === '0000')).toBe(true);
});

test('the operations filter keeps only the chosen kinds of change', async () => {
	const trigger = await bed.start({ operations: ['rowUpdated'] });
	const inserted = bed.emu.insertRow('Tasks', { Name: 'before' });
	bed.emu.modifyRow('Tasks', inserted.row._id, { Name: 'after' });
	await trigger.waitForEmits(1);
	bed.emu.deleteRow('Tasks', inserted.row._id);
	const marker = bed.emu.modifyRow('Tasks', bed.emu.base().tables[0].rows[0]._id, { Name: 'marker' });
	await trigger.waitForEmits(2);
	const items = trigger.items();
	expect(items.map((item) => item.op_type)).toEqual(['modify_row', 'modify_row']);
	expect(items[1].version).toBe(marker.version);
});

test('the notification event emits new-notification items', async () => {
	const trigger = await bed.start({ event: 'notification' });
	const notification = { id: 7, msg_type: 'row_comment', detail: { comment: 'Did you see this?' } };
	bed.emu.sendNotification(notification);
	await trigger.waitForEmits(1);
	const [item] = trigger.items();
	expect(item.event).toBe('new-notification');
	expect(item.notification).toEqual(notification);
	expect(typeof item.received_at).toBe('string');
});

test('a notification with a second argument (as the Python SDK expects) is read the same way', async () => {
	await bed.restartEmulator({ notificationSecondArg: true });
	const trigger = await bed.start({ event: 'notification' });
	bed.emu.sendNotification({ id: 8, msg_type: 'notification_rules' });
	await trigger.waitForEmits(1);
	expect(trigger.items()[0].notification).toEqual({ id: 8, msg_type: 'notification_rules' });
});

test('a legacy server (before 5.3) is reached on /socket.io with dtable-server routes', async () => {
	await bed.restartEmulator({ useApiGateway: false });
	const trigger = await bed.start();
	const change = bed.emu.insertRow('Tasks', { Name: 'legacy' });
	await trigger.waitForEmits(1);
	expect(trigger.items()[0]).toMatchObject({ version: change.version, table_name: 'Tasks', row: { Name: 'legacy' } });
});

test('an unreadable event is logged and skipped; the listener stays alive', async () => {
	const trigger = await bed.start();
	bed.emu.broadcastRaw('update-dtable', ['{not json', 999]);
	bed.emu.broadcastRaw('update-dtable', ['{"no_op_type":true}', 1000]);
	const change = bed.emu.insertRow('Tasks', { Name: 'still listening' });
	await trigger.waitForEmits(1);
	expect(trigger.items()).toHaveLength(1);
	expect(trigger.items()[0].version).toBe(change.version);
	expect(trigger.logs.filter((line) => line.startsWith('warn') && line.includes('skipped an event'))).toHaveLength(2);
	expect(trigger.errors).toEqual([]);
});

// Base webhook bodies as SeaTable posts them: the three documented examples of protocol notes
// §2.4.3, and the other op_types of the table-events channel, with the fields §2.4.3 lists.
export const BASE_UUID = 'fae0a3a42ba94df88e8303fd385e37de';
export const OP_USER = '4bc9a7c79c5942c5b6238413f2132bea@auth.local';

const PRIO = {
	column_key: '589r',
	column_name: 'Prio',
	column_type: 'single-select',
	column_data: {
		options: [
			{ name: '++', color: '#F4667C', textColor: '#FFFFFF', id: '381992' },
			{ name: '+', color: '#FBD44A', textColor: '#FFFFFF', id: '830278' },
		],
	},
};
const NAME = { column_key: '0000', column_name: 'Name', column_type: 'text', column_data: null };
const TAGS = {
	column_key: 'tg01',
	column_name: 'Tags',
	column_type: 'multiple-select',
	column_data: { options: [{ name: 'urgent', color: '#f00', textColor: '#fff', id: '111111' }, { name: 'later', color: '#0f0', textColor: '#fff', id: '222222' }] },
};
const CONTACTS = { column_key: 'lk01', column_name: 'Contacts', column_type: 'link', column_data: { link_id: 'aB3c', table_id: '9g8f', other_table_id: 'c0nt' } };

function update(data: Record<string, unknown>): Record<string, unknown> {
	return {
		event: 'update',
		data: { dtable_uuid: BASE_UUID, op_user: OP_USER, table_id: '9g8f', table_name: 'Opportunities', row_name: '', ...data },
	};
}

// §2.4.3, verbatim.
export const insertRow = update({ row_id: 'Fk-i7xZGS5iA5aSvaG5HAA', op_type: 'insert_row', op_time: 1649922777.279, row_data: [] });
export const modifyRow = update({
	row_id: 'QoNno3QiTF26sxmG1sl3_g',
	op_type: 'modify_row',
	op_time: 1649929622.589,
	row_data: [{ ...PRIO, value: '381992', old_value: '' }],
});
export const deleteRow = update({ row_id: 'QoNno3QiTF26sxmG1sl3_g', op_type: 'delete_row', op_time: 1649929650.668, row_data: [] });

// The other op_types of the channel, with the fields of §2.4.3's field list.
export const insertRowWithData = update({
	row_id: 'Nw1row000000000000000A',
	op_type: 'insert_row',
	op_time: 1700000000.101,
	row_name: 'Acme deal',
	row_data: [
		{ ...NAME, value: 'Acme deal' },
		{ ...PRIO, value: '830278' },
		{ ...TAGS, value: ['111111', '222222'] },
	],
});
export const appendRows = update({ row_id: 'Ap1row000000000000000A', op_type: 'append_rows', op_time: 1700000000.2, row_count: 1, row_data: [{ ...NAME, value: 'Appended' }] });
export const insertRows = update({ row_id: 'In1row000000000000000A', op_type: 'insert_rows', op_time: 1700000000.3, row_data: [{ ...NAME, value: 'Inserted' }] });
export const modifyRows = update({
	row_id: 'Mr1row000000000000000A',
	op_type: 'modify_rows',
	op_time: 1700000000.4,
	row_name: 'Big deal',
	row_data: [
		{ ...PRIO, value: '830278', old_value: '381992' },
		{ ...TAGS, value: ['222222'], old_value: ['111111'] },
	],
});
export const deleteRows = update({ row_id: 'Dr1row000000000000000A', op_type: 'delete_rows', op_time: 1700000000.5, row_name: 'Old deal', row_data: [{ ...NAME, value: 'Old deal' }] });
export const addLink = update({
	row_id: 'Lk1row000000000000000A',
	op_type: 'add_link',
	op_time: 1700000000.6,
	table1_row_id: 'Lk1row000000000000000A',
	table2_row_id: 'Ct1row000000000000000A',
	table1_row_name: 'Acme deal',
	table2_row_name: 'Ada Lovelace',
	row_data1: [],
	row_data2: [],
	row_data: [],
});
export const removeLink = update({ ...(addLink.data as object), op_type: 'remove_link', op_time: 1700000000.7 });
export const updateLinks = update({
	row_id: 'Lk1row000000000000000A',
	op_type: 'update_links',
	op_time: 1700000000.8,
	row_name: 'Acme deal',
	row_data: [{ ...CONTACTS, value: [{ Ct1row000000000000000A: 'Ada Lovelace' }, { Ct2row000000000000000A: 'Alan Turing' }], old_value: [{ Ct1row000000000000000A: 'Ada Lovelace' }, { Ct3row000000000000000A: 'Grace Hopper' }] }],
});
export const updateRowsLinks = update({
	row_id: 'Lk2row000000000000000A',
	op_type: 'update_rows_links',
	op_time: 1700000000.9,
	row_data: [{ ...CONTACTS, value: [{ Ct3row000000000000000A: 'Grace Hopper' }], old_value: [] }],
});

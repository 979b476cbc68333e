import { describe, expect, it } from '@jest/globals';
import { splitLinkChanges } from '../../nodes/seatable-client/operations';
import * as fx from './fixtures';

describe('splitLinkChanges', () => {
	it('update_rows_links: added/removed per row from the new and old maps', () => {
		const changes = splitLinkChanges({
			...fx.updateRowsLinks,
			old_other_rows_ids_map: { VHUU0Fx3T9qagNXpDXiQnw: [], QFwE8A2fT92ZGUt_tK3s1Q: ['Z6sr4Z5wQ_6b1AMRxQzZgg', 'gone'] },
		});
		expect(changes).toEqual([
			{ table_id: 'hNbE', row_id: 'VHUU0Fx3T9qagNXpDXiQnw', link_id: 't4hs', other_table_id: 'ric6', added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'], removed: [], index: 0 },
			{ table_id: 'hNbE', row_id: 'QFwE8A2fT92ZGUt_tK3s1Q', link_id: 't4hs', other_table_id: 'ric6', added: [], removed: ['gone'], index: 1 },
		]);
	});

	it('add_link: the table1 row gains the table2 row', () => {
		expect(splitLinkChanges(fx.addLink)).toEqual([
			{ table_id: 'hNbE', row_id: 'VHUU0Fx3T9qagNXpDXiQnw', link_id: null, other_table_id: 'ric6', added: ['Z6sr4Z5wQ_6b1AMRxQzZgg'], index: 0 },
		]);
	});

	it('remove_link reported from table2 when the op names table2 as its table', () => {
		expect(splitLinkChanges({ ...fx.removeLink, table_id: 'ric6' })[0]).toEqual({
			table_id: 'ric6',
			row_id: 'Z6sr4Z5wQ_6b1AMRxQzZgg',
			link_id: 't4hs',
			other_table_id: 'hNbE',
			removed: ['VHUU0Fx3T9qagNXpDXiQnw'],
			index: 0,
		});
	});

	it('update_row_links (no public sample): reads a single-row shape', () => {
		const [change] = splitLinkChanges({
			op_type: 'update_row_links',
			table_id: 'hNbE',
			row_id: 'r1',
			link_id: 't4hs',
			other_table_id: 'ric6',
			other_rows_ids: ['a', 'b'],
			old_other_rows_ids: ['b', 'c'],
		});
		expect(change).toMatchObject({ row_id: 'r1', added: ['a'], removed: ['c'] });
	});

	it('diffs long link lists correctly', () => {
		const before = Array.from({ length: 20 }, (_, i) => 'r' + i);
		const after = [...before.slice(5), 'new'];
		const [change] = splitLinkChanges({ op_type: 'update_rows_links', row_id_list: ['x'], other_rows_ids_map: { x: after }, old_other_rows_ids_map: { x: before } });
		expect(change.added).toEqual(['new']);
		expect(change.removed).toEqual(['r0', 'r1', 'r2', 'r3', 'r4']);
	});

	it('never throws on malformed link operations', () => {
		expect(splitLinkChanges({ op_type: 'add_link' })).toEqual([{ table_id: null, row_id: null, link_id: null, other_table_id: null, index: 0 }]);
		expect(splitLinkChanges({ op_type: 'update_rows_links', other_rows_ids_map: { a: 'x' }, old_other_rows_ids_map: null })).toEqual([
			{ table_id: null, row_id: 'a', link_id: null, other_table_id: null, index: 0 },
		]);
		expect(splitLinkChanges(null as never)).toEqual([]);
	});
});

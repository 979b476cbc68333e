// A scripted editing session of every kind of change, made through the emulator (so through
// dtable-store, as SeaTable's web editor makes them): rows, batches, links from both tables, select
// options, link columns, columns, tables, views and moves. Deterministic (seeded), at least 200 edits.
import { seededRandom } from '../../bench/harness';
import type { SeaTableEmulator } from '../emulator';

export interface SessionOptions {
	seed?: number;
	rounds?: number;
	/** Adds a delete of more than 2,000 rows (dtable-store then leaves the rows' content out). */
	bigDelete?: boolean;
}

export function runSession(emu: SeaTableEmulator, options: SessionOptions = {}): number {
	const next = seededRandom(options.seed ?? 14);
	const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)];
	const users = emu.base().collaborators.map((c) => c.email);
	const by = () => ({ author: pick(users) });
	const rows = (table: string) => emu.base().table(table).rows.map((r) => r._id);
	const start = emu.base().version;
	const statusNames = () => (emu.base().column(emu.base().table('Tasks'), 'Status').data?.options as { name: string }[]).map((o) => o.name);

	for (let round = 0; round < (options.rounds ?? 12); round++) {
		// Rows, one and many, anchored and appended, with links inside the insert.
		const project = pick(rows('Projects'));
		emu.insertRow('Tasks', { Name: `task ${round}`, Status: pick(statusNames()), Tags: ['Bug'], Project: [project] }, by());
		emu.insertRow('Tasks', { Name: `above ${round}` }, { ...by(), anchorRowId: pick(rows('Tasks')) });
		emu.insertRows('Tasks', [{ Name: `batch ${round}a`, Done: true }, { Name: `batch ${round}b`, Tags: ['Docs', 'Feature'] }], by());
		emu.appendRows('Projects', [{ Name: `project ${round}` }], by());
		emu.modifyRow('Tasks', pick(rows('Tasks')), { Status: pick(statusNames()), Done: next() > 0.5 }, by());
		emu.modifyRow('Tasks', pick(rows('Tasks')), { Tags: [], Name: `renamed ${round}` }, by());
		const [a, b] = [pick(rows('Tasks')), pick(rows('Tasks'))];
		emu.modifyRows('Tasks', [...new Set([a, b])].map((rowId) => ({ rowId, values: { Due: `2026-0${1 + (round % 9)}-1${round % 10}` } })), by());

		// Links from either table, replaced in bulk.
		const task = pick(rows('Tasks'));
		const free = rows('Projects').filter((p) => !emu.base().linkedRowIds('Tasks', 'Project', task).includes(p));
		if (free.length > 0) emu.addLink('Tasks', 'Project', task, pick(free), by());
		const projectRow = pick(rows('Projects'));
		const linked = emu.base().linkedRowIds('Projects', 'Tasks', projectRow);
		if (linked.length > 0) emu.removeLink('Projects', 'Tasks', projectRow, pick(linked), by());
		emu.updateRowsLinks('Tasks', 'Project', { [pick(rows('Tasks'))]: [pick(rows('Projects'))], [pick(rows('Tasks'))]: [] }, by());
		emu.updateRowsLinks('Projects', 'Tasks', { [pick(rows('Projects'))]: [pick(rows('Tasks')), pick(rows('Tasks'))].filter((id, i, l) => l.indexOf(id) === i) }, by());

		// Select options: a new one, used right away.
		emu.addSelectOption('Tasks', 'Status', `Stage ${round}`, by());
		emu.modifyRow('Tasks', pick(rows('Tasks')), { Status: `Stage ${round}` }, by());

		// Columns: insert, use, rename, move, retype, delete.
		const column = `Note ${round}`;
		emu.insertColumn('Tasks', { name: column, type: 'text' }, { ...by(), anchorColumn: 'Name' });
		emu.modifyRow('Tasks', pick(rows('Tasks')), { [column]: `note ${round}` }, by());
		emu.renameColumn('Tasks', column, `${column}!`, by());
		emu.moveColumn('Tasks', `${column}!`, pick(['Status', 'Due', 'Done']), { ...by(), position: pick(['move_left', 'move_right'] as const) });
		emu.modifyRow('Tasks', pick(rows('Tasks')), { [`${column}!`]: `moved ${round}` }, by());
		if (round % 3 === 0) emu.modifyColumnType('Tasks', `${column}!`, 'long-text', by());
		if (round % 2 === 1) emu.deleteColumn('Tasks', `${column}!`, by());
		if (round % 4 === 2) {
			emu.insertColumns('Projects', [{ name: `Budget ${round}`, type: 'number' }, { name: `Phase ${round}`, type: 'single-select', data: { options: [{ name: 'Plan' }, { name: 'Build' }] } }], by());
			emu.modifyRow('Projects', pick(rows('Projects')), { [`Budget ${round}`]: round * 10, [`Phase ${round}`]: 'Build' }, by());
		}

		// Tables: a new one with a link column to Tasks, rows and links in it, duplicated, renamed, deleted.
		if (round % 3 === 1) {
			const name = `Sprint ${round}`;
			const table = emu.insertTable(name, [{ name: 'Title', type: 'text' }, { name: 'Size', type: 'single-select', data: { options: [{ name: 'S' }, { name: 'L' }] } }], by()).table;
			emu.insertColumn(table._id, { name: 'Tasks', type: 'link', data: { other_table_id: '0000' } }, by());
			const sprintRow = emu.insertRow(table._id, { Title: `goal ${round}`, Size: 'L' }, by()).row;
			emu.addLink(table._id, 'Tasks', sprintRow._id, pick(rows('Tasks')), by());
			emu.modifyRow(table._id, sprintRow._id, { Size: 'S' }, by());
			const copy = emu.duplicateTable(table._id, { ...by(), withRecords: true }).table;
			emu.modifyRow(copy._id, pick(rows(copy._id)), { Title: `copy ${round}` }, by());
			emu.renameTable(copy._id, `${name} copy!`, by());
			emu.insertRow(copy._id, { Title: 'in the copy', Size: 'S' }, by());
			emu.deleteTable(copy._id, by());
			if (round % 2 === 0) emu.deleteTable(table._id, by());
		}

		// Views: insert, rename, move, filter, sort, delete.
		const view = emu.insertView('Tasks', `View ${round}`, by()).view;
		emu.renameView('Tasks', view._id, `View ${round}!`, by());
		emu.moveView('Tasks', view._id, '0000', { ...by(), position: 'move_above' });
		emu.modifyFilters('Tasks', view._id, [{ column_key: '0000', filter_predicate: 'contains', filter_term: 'task' }], { ...by(), conjunction: 'Or' });
		emu.modifySorts('Tasks', view._id, [{ column_key: 'Du3e', sort_type: 'up' }], by());
		if (round % 2 === 0) emu.deleteView('Tasks', view._id, by());

		// Moves and deletes.
		const ids = rows('Tasks');
		emu.moveRows('Tasks', [ids[ids.length - 1]], ids[0], { ...by(), position: 'move_above' });
		emu.deleteRow('Tasks', pick(rows('Tasks').slice(3)), by());
		const doomed = rows('Tasks').slice(4, 6);
		if (doomed.length > 0) emu.deleteRows('Tasks', doomed, by());
	}

	if (options.bigDelete) {
		const added: string[] = [];
		for (let i = 0; i < 3; i++) {
			const batch = Array.from({ length: 700 }, (_, j) => ({ Name: `bulk ${i}-${j}` }));
			added.push(...emu.appendRows('Projects', batch, by()).rows.map((r) => r._id));
		}
		emu.deleteRows('Projects', added, by());
	}
	return emu.base().version - start;
}

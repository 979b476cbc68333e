// A deterministic stream of mixed base changes (inserts, updates, batch appends and modifies,
// deletes, a few links) applied to an emulator. The same seed on a fresh emulator gives the same
// operations and versions, so two consumers can be measured on identical streams.
import type { ChangeResult, SeaTableEmulator } from '../test/emulator';
import { SAMPLE_IDS } from '../test/emulator';

export type OpKind = 'insert' | 'update' | 'append' | 'modifyMany' | 'delete' | 'link';

// Weights; updates dominate as in a typical base, links are rare. Once the table is full, new
// rows give way to deletes, so the long-run mix has more deletes than these weights say.
const WEIGHTS: Array<[OpKind, number]> = [
	['insert', 0.2],
	['update', 0.45],
	['append', 0.05],
	['modifyMany', 0.07],
	['delete', 0.2],
	['link', 0.03],
];

const STATUSES = ['Open', 'In progress', 'Done'];
const TAGS = ['Bug', 'Feature', 'Docs'];
// The emulator looks rows up linearly: a bounded table keeps its cost per change flat.
const MAX_ROWS = 300;
const MIN_ROWS = 20;

export interface AppliedChange extends ChangeResult {
	kind: OpKind;
}

export class MixedOpStream {
	private readonly rows: string[] = [...SAMPLE_IDS.taskRows];
	private nextRow = 0;

	constructor(
		private readonly emu: SeaTableEmulator,
		private readonly random: () => number,
		/** Distinguishes the row ids of two streams on the same emulator. */
		private readonly prefix = 'b',
	) {}

	/** Applies the next change and returns it (with its version). */
	next(): AppliedChange {
		const kind = this.pickKind();
		return { kind, ...this.apply(kind) };
	}

	private pickKind(): OpKind {
		if (this.rows.length < MIN_ROWS) return 'insert';
		const roll = this.random();
		let sum = 0;
		let kind: OpKind = 'update';
		for (const [candidate, weight] of WEIGHTS) {
			sum += weight;
			if (roll < sum) {
				kind = candidate;
				break;
			}
		}
		if ((kind === 'insert' || kind === 'append') && this.rows.length >= MAX_ROWS) return 'delete';
		return kind;
	}

	private apply(kind: OpKind): ChangeResult {
		switch (kind) {
			case 'insert': {
				const values = this.newValues();
				this.rows.push(values._id as string);
				return this.emu.insertRow('Tasks', values);
			}
			case 'append': {
				const list = Array.from({ length: 2 + this.int(4) }, () => this.newValues());
				for (const values of list) this.rows.push(values._id as string);
				return this.emu.appendRows('Tasks', list);
			}
			case 'update':
				return this.emu.modifyRow('Tasks', this.someRow(), this.changedValues());
			case 'modifyMany': {
				const ids = new Set<string>();
				const wanted = 3 + this.int(8);
				while (ids.size < wanted) ids.add(this.someRow());
				return this.emu.modifyRows(
					'Tasks',
					[...ids].map((rowId) => ({ rowId, values: this.changedValues() })),
				);
			}
			case 'delete': {
				const index = this.int(this.rows.length);
				const [rowId] = this.rows.splice(index, 1);
				return this.emu.deleteRow('Tasks', rowId);
			}
			case 'link':
				return this.emu.addLink('Tasks', 'Project', this.someRow(), SAMPLE_IDS.projectRows[this.int(2)]);
		}
	}

	private newValues(): Record<string, unknown> {
		const n = this.nextRow++;
		// 22 characters like SeaTable's row ids, and stable across runs.
		const _id = `${this.prefix}${String(n).padStart(21 - this.prefix.length, '0')}x`;
		return {
			_id,
			Name: `Task ${n}`,
			Status: STATUSES[this.int(3)],
			Tags: [TAGS[this.int(3)]],
			Due: `2025-${String(1 + this.int(12)).padStart(2, '0')}-${String(1 + this.int(28)).padStart(2, '0')}`,
			Done: this.random() < 0.3,
		};
	}

	private changedValues(): Record<string, unknown> {
		const roll = this.int(4);
		if (roll === 0) return { Status: STATUSES[this.int(3)] };
		if (roll === 1) return { Name: `Renamed ${this.int(100000)}`, Done: this.random() < 0.5 };
		if (roll === 2) return { Tags: [TAGS[this.int(3)], TAGS[this.int(3)]].filter((t, i, a) => a.indexOf(t) === i) };
		return { Due: `2026-0${1 + this.int(9)}-1${this.int(10)}` };
	}

	private someRow(): string {
		return this.rows[this.int(this.rows.length)];
	}

	private int(below: number): number {
		return Math.floor(this.random() * below);
	}
}

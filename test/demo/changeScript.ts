// What "someone working in the base" does during the demo: every few seconds a collaborator adds a
// task or moves one along (Open → In progress → Done), in the emulator.
import { SAMPLE_IDS, type Collaborator, type SeaTableEmulator } from '../emulator';

const TASK_NAMES = [
	'Draft the launch post',
	'Review pull request #42',
	'Call the printing shop',
	'Update the pricing page',
	'Plan the team offsite',
	'Answer support tickets',
	'Renew the TLS certificate',
	'Sketch the new logo',
];
const NEXT_STATUS: Record<string, string | undefined> = { Open: 'In progress', 'In progress': 'Done' };

export interface Change {
	what: string;
	by: Collaborator;
	version: number;
}

export class ChangeScript {
	private step = 0;
	private timer?: NodeJS.Timeout;
	/** Rows the script created, with their current status. */
	private readonly open: Array<{ id: string; name: string; status: string }> = [];

	constructor(
		private readonly emulator: SeaTableEmulator,
		private readonly onChange: (change: Change) => void,
	) {}

	start(everyMs: number): void {
		this.timer = setInterval(() => this.next(), everyMs);
	}

	stop(): void {
		clearInterval(this.timer);
	}

	/** Alternates: add a task, then advance the oldest unfinished one. */
	next(): void {
		const people = this.emulator.base().collaborators;
		const by = people[this.step % people.length];
		const task = this.step % 2 === 1 ? this.open[0] : undefined;
		this.step += 1;
		if (!task) {
			const name = TASK_NAMES[(this.step >> 1) % TASK_NAMES.length];
			const { row, version } = this.emulator.insertRow(SAMPLE_IDS.tasks, { Name: name, Status: 'Open' }, { author: by.email });
			this.open.push({ id: row._id, name, status: 'Open' });
			this.onChange({ what: `added task "${name}"`, by, version });
			return;
		}
		const status = NEXT_STATUS[task.status] ?? 'Done';
		const { version } = this.emulator.modifyRow(SAMPLE_IDS.tasks, task.id, { Status: status }, { author: by.email });
		task.status = status;
		if (status === 'Done') this.open.shift();
		this.onChange({ what: `set "${task.name}" to ${status}`, by, version });
	}
}

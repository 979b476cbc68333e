// Processes of a running n8n: the group n8n and its task runners run in, found through Linux /proc
// (elsewhere only the group is signalled), and signals that tolerate processes already gone.
import * as fs from 'fs';

export function signal(pid: number, sig: NodeJS.Signals): void {
	try {
		process.kill(pid, sig);
	} catch {
		// Already gone.
	}
}

export function signalGroup(pgid: number, sig: NodeJS.Signals): void {
	signal(-pgid, sig);
}

/** Alive and not a zombie (a zombie has exited; it only waits for its parent to reap it). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
	} catch {
		return false;
	}
	const stat = readStat(pid);
	return !stat || stat.state !== 'Z';
}

function readStat(pid: number): { ppid: number; pgrp: number; state: string } | undefined {
	try {
		const text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name is in parentheses and may itself contain spaces or parentheses.
		const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
		return { state: fields[0], ppid: Number(fields[1]), pgrp: Number(fields[2]) };
	} catch {
		return undefined;
	}
}

/** Processes below `root` or in its process group (Linux /proc; elsewhere only the group is signalled). */
export function processTree(root: number): number[] {
	let entries: string[];
	try {
		entries = fs.readdirSync('/proc').filter((entry) => /^\d+$/.test(entry));
	} catch {
		return [];
	}
	const stats = new Map<number, { ppid: number; pgrp: number }>();
	for (const entry of entries) {
		const stat = readStat(Number(entry));
		if (stat && stat.state !== 'Z') stats.set(Number(entry), stat);
	}
	const found = new Set<number>();
	for (const [pid, stat] of stats) if (stat.pgrp === root && pid !== root) found.add(pid);
	let grew = true;
	while (grew) {
		grew = false;
		for (const [pid, stat] of stats) {
			if (!found.has(pid) && pid !== root && (stat.ppid === root || found.has(stat.ppid))) {
				found.add(pid);
				grew = true;
			}
		}
	}
	return [...found];
}

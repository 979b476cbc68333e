// API budget: how many HTTP calls the trigger makes to SeaTable (SeaTable Cloud counts them against
// monthly limits). The emulator counts every call by endpoint. Each scenario runs the real trigger
// (with one option on) next to the same trigger with the defaults, on emulators of their own fed
// the same seeded changes at the same time; an option's cost is the difference.
import { setTimeout as delay } from 'node:timers/promises';
import type { IDataObject } from 'n8n-workflow';

import { SeaTableEmulator, type EmulatorOptions } from '../test/emulator';
import { seededRandom, waitUntil } from './harness';
import { triggerContext } from './nodeContexts';
import { destroyIdleConnections, SeaTableRealtimeTrigger } from './product';

export type BudgetOption = 'includeFullRow' | 'resolveCollaborators' | 'resolveLinks';
export const BUDGET_OPTIONS: BudgetOption[] = ['includeFullRow', 'resolveCollaborators', 'resolveLinks'];

export interface ScenarioCalls {
	/** Calls after activation, by endpoint. */
	byEndpoint: Record<string, number>;
	total: number;
	/** Calls of the activation itself (token, metadata, collaborators). */
	activation: number;
	items: number;
}

export interface StreamBudget {
	changes: number;
	/** How long making the changes took (a burst: as fast as the emulator can, aiming at 1 s). */
	durationMs: number;
	defaults: ScenarioCalls;
	options: Record<BudgetOption, ScenarioCalls>;
}

export interface ApiBudgetResult {
	idle: { simulatedDays: number; callsAfterActivation: number; callsPerDay: number; activation: number };
	steady: StreamBudget;
	burst: StreamBudget;
	catchUp: { missed: number; honoured: { calls: number; correct: boolean }; ignored: { calls: number; correct: boolean } };
	method: string;
}

const ROWS = 200;
const PROJECTS = 20;

interface Running {
	emu: SeaTableEmulator;
	items: IDataObject[];
	activation: number;
	close(): Promise<void>;
}

async function startScenario(options: IDataObject, emulatorOptions: EmulatorOptions = {}, staticData?: IDataObject, seed = true): Promise<Running> {
	const emu = await SeaTableEmulator.start(emulatorOptions);
	if (seed) {
		emu.appendRows('Tasks', Array.from({ length: ROWS - 3 }, (_, i) => ({ Name: `Task ${i + 4}` })));
		emu.appendRows('Projects', Array.from({ length: PROJECTS - 2 }, (_, i) => ({ Name: `Project ${i + 3}` })));
	}
	return await activate(emu, options, staticData);
}

async function activate(emu: SeaTableEmulator, options: IDataObject, staticData?: IDataObject): Promise<Running> {
	const items: IDataObject[] = [];
	const context = triggerContext({
		credentials: { serverUrl: emu.url, apiToken: emu.apiToken },
		parameters: { event: 'baseChange', options },
		onEmit: (batch) => items.push(...batch),
		staticData,
	});
	const from = emu.requests.length;
	const response = await new SeaTableRealtimeTrigger().trigger.call(context);
	await waitUntil(() => emu.joinedCount() > 0, 15_000, 'the trigger to join');
	// Activation reads (collaborators, schema) may still be under way: let them land.
	await delay(300);
	const activation = emu.requests.length - from;
	return {
		emu,
		items,
		activation,
		close: async () => {
			await response.closeFunction?.();
			await emu.close();
		},
	};
}

function callsSince(run: Running, from: number): ScenarioCalls {
	const byEndpoint = run.emu.callsByEndpoint(from);
	const total = Object.values(byEndpoint).reduce((sum, n) => sum + n, 0);
	return { byEndpoint, total, activation: run.activation, items: run.items.length };
}

/** The same seeded mix on every emulator: status and assignee edits by the three people, one change in ten a link. */
function changeScript(seed: number, count: number): Array<(emu: SeaTableEmulator) => void> {
	const random = seededRandom(seed);
	const linked = new Set<string>(['0:0', '1:0', '2:1']);
	const statuses = ['Open', 'In progress', 'Done'];
	const steps: Array<(emu: SeaTableEmulator) => void> = [];
	for (let i = 0; i < count; i++) {
		const task = Math.floor(random() * ROWS);
		const author = Math.floor(random() * 3);
		if (i % 10 === 9) {
			const project = Math.floor(random() * PROJECTS);
			const key = `${task}:${project}`;
			const add = !linked.has(key);
			if (add) linked.add(key);
			else linked.delete(key);
			steps.push((emu) => {
				const taskId = emu.base().tables[0].rows[task]._id;
				const projectId = emu.base().tables[1].rows[project]._id;
				if (add) emu.addLink('Tasks', 'Project', taskId, projectId);
				else emu.removeLink('Tasks', 'Project', taskId, projectId);
			});
			continue;
		}
		const assignee = random() < 0.3 ? Math.floor(random() * 3) : undefined;
		const status = statuses[Math.floor(random() * 3)];
		steps.push((emu) => {
			const people = emu.base().collaborators;
			const values: Record<string, unknown> = { Status: status };
			if (assignee !== undefined) values.Assignee = [people[assignee].email];
			emu.modifyRow('Tasks', emu.base().tables[0].rows[task]._id, values, { author: people[author].email });
		});
	}
	return steps;
}

const CONFIGS: Array<[string, IDataObject]> = [['defaults', {}], ...BUDGET_OPTIONS.map((option): [string, IDataObject] => [option, { [option]: true }])];

/** Runs the scenarios side by side (a steady rate) or one after the other (a burst, so the changes really come within the second). */
async function streamBudget(count: number, spreadMs: number, seed: number, together: boolean): Promise<StreamBudget> {
	const groups = together ? [CONFIGS] : CONFIGS.map((config) => [config]);
	const calls = new Map<string, ScenarioCalls>();
	let durationMs = 0;
	for (const group of groups) {
		const measured = await streamRun(group, count, spreadMs, seed);
		durationMs = Math.max(durationMs, measured.durationMs);
		group.forEach(([name], i) => calls.set(name, measured.calls[i]));
	}
	const options = Object.fromEntries(BUDGET_OPTIONS.map((option) => [option, calls.get(option)!])) as Record<BudgetOption, ScenarioCalls>;
	return { changes: count, durationMs, defaults: calls.get('defaults')!, options };
}

async function streamRun(configs: Array<[string, IDataObject]>, count: number, spreadMs: number, seed: number): Promise<{ calls: ScenarioCalls[]; durationMs: number }> {
	const runs = await Promise.all(configs.map(([, options]) => startScenario(options)));
	try {
		const from = runs.map((run) => run.emu.requests.length);
		const steps = changeScript(seed, count);
		const started = performance.now();
		// Ticks of 50 ms: a steady rate is one change a tick; a burst is many a tick.
		const ticks = Math.max(1, Math.round(spreadMs / 50));
		for (let tick = 0; tick < ticks; tick++) {
			const upTo = Math.round(((tick + 1) * count) / ticks);
			for (let i = Math.round((tick * count) / ticks); i < upTo; i++) for (const run of runs) steps[i](run.emu);
			const wait = started + (tick + 1) * 50 - performance.now();
			if (wait > 0) await delay(wait);
		}
		const producedMs = performance.now() - started;
		await waitUntil(() => runs.every((run) => run.items.length >= count), 60_000, `${count} items from every trigger`);
		// Reads still due (a last round of rows) land before the calls are counted.
		await delay(1500);
		return { calls: runs.map((run, i) => callsSince(run, from[i])), durationMs: Math.round(producedMs) };
	} finally {
		for (const run of runs) await run.close();
		destroyIdleConnections();
	}
}

/** 3 simulated days of an idle base: the token lives 3 s instead of 3 days (1 day = 1 s). */
async function idleBudget(): Promise<ApiBudgetResult['idle']> {
	const days = 3;
	const run = await startScenario({}, { baseTokenTtlSeconds: 3 }, undefined, false);
	try {
		const from = run.emu.requests.length;
		await delay(days * 1000);
		const after = run.emu.requests.length - from;
		return { simulatedDays: days, callsAfterActivation: after, callsPerDay: after / days, activation: run.activation };
	} finally {
		await run.close();
		destroyIdleConnections();
	}
}

async function catchUpRun(missed: number, honours: boolean): Promise<{ calls: number; correct: boolean }> {
	const emu = await SeaTableEmulator.start({ operationLogHonoursPageSize: honours });
	const staticData: IDataObject = { dtableUuid: emu.uuid, lastVersion: emu.base().version };
	const first = emu.base().version + 1;
	const rows = emu.base().tables[0].rows.map((row) => row._id);
	for (let i = 0; i < missed; i++) emu.modifyRow('Tasks', rows[i % rows.length], { Name: `edit ${i}` });
	const run = await activate(emu, {}, staticData);
	try {
		await waitUntil(() => run.items.length >= missed, 120_000, `${missed} replayed changes`);
		await delay(300);
		const versions = run.items.map((item) => item.version as number);
		const correct = versions.length === missed && versions.every((version, i) => version === first + i);
		return { calls: emu.callsByEndpoint().operations ?? 0, correct };
	} finally {
		await run.close();
		destroyIdleConnections();
	}
}

export async function measureApiBudget(options: { seed: number; log: (line: string) => void }): Promise<ApiBudgetResult> {
	options.log('API budget: an idle base for 3 simulated days');
	const idle = await idleBudget();
	options.log('API budget: 1,000 changes at 20/s, each option next to the defaults');
	const steady = await streamBudget(1000, 50_000, options.seed, true);
	options.log('API budget: a burst of 1,000 changes in 1 s');
	const burst = await streamBudget(1000, 1000, options.seed + 1, false);
	options.log('API budget: catch-up of 10,000 missed changes (log honours / ignores its page size)');
	const honoured = await catchUpRun(10_000, true);
	const ignored = await catchUpRun(10_000, false);
	return {
		idle,
		steady,
		burst,
		catchUp: { missed: 10_000, honoured, ignored },
		method:
			'Calls counted by the emulator, by endpoint. Idle: accelerated time, the base token lives 3 s instead of 3 days and 1 s stands for a day, ' +
			'calls counted over 3 such days after activation (the trigger renews its token only when it needs a call, so idle time costs none). ' +
			`Streams: ${ROWS} tasks, 20 projects; 9 in 10 changes edit Status (and sometimes Assignee) as one of 3 people, 1 in 10 links or unlinks a project; ` +
			'each option on its own emulator beside the defaults, same changes at the same moment; an option costs its calls minus the defaults\'. ' +
			'Catch-up: 10,000 changes made while the trigger was stopped, then replayed on activation; "correct" = every version once, in order.',
	};
}

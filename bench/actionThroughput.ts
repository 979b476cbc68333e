// Toast and webhook throughput: calls per second through each node's execute() with many items,
// against a bare keep-alive axios loop to the same local server, plus the TCP connections each
// side opened for the calls.
//
// Fairness: both sides send one call at a time (the nodes work item by item), to the same server
// in another process, with the same bodies; the bare loop gets its own keep-alive agent, the node
// its module-level one emptied before each run, so both start without open connections. Sides
// alternate over several rounds after a warm-up round. The node's figure includes everything it
// does per execution (the toast node also loads the collaborators once: one extra request).
// Connections are counted by the server (diagnostics_channel 'net.server.socket').
import axios from 'axios';
import http from 'node:http';
import type { INodeExecutionData } from 'n8n-workflow';

import { baseToken } from './consumers';
import { median, round } from './harness';
import { executeContext } from './nodeContexts';
import type { Worker } from './processes';
import type { EmulatorInfo, ServerCounters } from './workers/emulatorServer';
import { SeaTableToast, SeaTableWebhook, destroyIdleConnections } from './product';

type Action = 'toast' | 'webhook';
type Side = 'node' | 'bare';

interface ActionRun {
	action: Action;
	side: Side;
	calls: number;
	ms: number;
	callsPerSecond: number;
	connectionsOpened: number;
}

export interface ActionFigures {
	calls: number;
	node: { callsPerSecond: number; connectionsOpened: number; runs: number[] };
	baseline: { callsPerSecond: number; connectionsOpened: number; runs: number[] };
	ratio: number;
	goal: number;
}

export interface ActionThroughputResult {
	toast: ActionFigures;
	webhook: ActionFigures;
	method: string;
}

function items(count: number): INodeExecutionData[] {
	return Array.from({ length: count }, (_, index) => ({ json: { index, row_id: `row-${index}` } }));
}

async function nodeRun(action: Action, target: EmulatorInfo, count: number, tag: string): Promise<void> {
	if (action === 'toast') {
		const context = executeContext({
			credentials: { serverUrl: target.url, apiToken: target.apiToken },
			items: items(count),
			parameters: { to: target.collaborator, message: (i: number) => `bench ${tag} ${i}`, toastType: 'success' },
			nodeName: 'SeaTable Toast',
			nodeType: 'seaTableToast',
		});
		const [output] = await new SeaTableToast().execute.call(context);
		if (output.length !== count) throw new Error(`toast node returned ${output.length} items`);
		return;
	}
	const context = executeContext({
		items: items(count),
		parameters: { url: target.receiverUrl, payload: 'actionAndRow', action: 'approve', rowId: (i: number) => `row-${i}`, options: {} },
		nodeName: 'SeaTable Webhook',
		nodeType: 'seaTableWebhook',
	});
	const [output] = await new SeaTableWebhook().execute.call(context);
	if (output.length !== count) throw new Error(`webhook node returned ${output.length} items`);
}

async function bareRun(action: Action, target: EmulatorInfo, count: number, tag: string, token: string): Promise<void> {
	const agent = new http.Agent({ keepAlive: true });
	const client = axios.create({ httpAgent: agent, proxy: false });
	try {
		for (let i = 0; i < count; i++) {
			if (action === 'toast') {
				await client.post(
					`${target.url}/api-gateway/api/v2/dtables/${target.uuid}/ui-toasts/`,
					{ to_user: target.collaborator, toast_type: 'success', detail: { msg: `bench ${tag} ${i}` } },
					{ headers: { Authorization: `Token ${token}` } },
				);
			} else {
				await client.post(target.receiverUrl, { action: 'approve', _id: `row-${i}` });
			}
		}
	} finally {
		agent.destroy();
	}
}

async function measured(emulator: Worker, action: Action, side: Side, target: EmulatorInfo, count: number, tag: string, token: string): Promise<ActionRun> {
	// Close pooled connections first, so the count below is what these calls opened.
	destroyIdleConnections();
	const before = await emulator.call<ServerCounters>('counters');
	const started = performance.now();
	if (side === 'node') await nodeRun(action, target, count, tag);
	else await bareRun(action, target, count, tag, token);
	const ms = performance.now() - started;
	const after = await emulator.call<ServerCounters>('counters');
	const done = action === 'toast' ? after.toasts - before.toasts : after.receiverRequests - before.receiverRequests;
	if (done !== count) throw new Error(`${side} ${action}: the server recorded ${done} of ${count} calls`);
	const connectionsOpened =
		action === 'toast' ? after.emulatorConnections - before.emulatorConnections : after.receiverConnections - before.receiverConnections;
	return { action, side, calls: count, ms, callsPerSecond: (count / ms) * 1000, connectionsOpened };
}

function figures(runs: ActionRun[], action: Action, calls: number): ActionFigures {
	const of = (side: Side) => {
		const mine = runs.filter((r) => r.action === action && r.side === side);
		return {
			callsPerSecond: round(median(mine.map((r) => r.callsPerSecond)), 0),
			connectionsOpened: Math.max(...mine.map((r) => r.connectionsOpened)),
			runs: mine.map((r) => round(r.callsPerSecond, 0)),
		};
	};
	const node = of('node');
	const baseline = of('bare');
	return { calls, node, baseline, ratio: round(node.callsPerSecond / baseline.callsPerSecond, 3), goal: 0.9 };
}

export async function measureActionThroughput(
	emulator: Worker,
	options: { calls: number; rounds: number; log: (line: string) => void },
): Promise<ActionThroughputResult> {
	const target = await emulator.call<EmulatorInfo>('start', { seed: 1 });
	const token = await baseToken(target);
	const runs: ActionRun[] = [];
	try {
		for (const action of ['toast', 'webhook'] as Action[]) {
			// Warm-up (both processes' JIT, the node's base token): short runs drift upwards without it.
			for (let i = 0; i < 2; i++) {
				await measured(emulator, action, 'bare', target, options.calls, `warm-up${i}`, token);
				await measured(emulator, action, 'node', target, options.calls, `warm-up${i}`, token);
			}
			for (let roundIndex = 0; roundIndex < options.rounds; roundIndex++) {
				const order: Side[] = roundIndex % 2 === 0 ? ['bare', 'node'] : ['node', 'bare'];
				for (const side of order) {
					const run = await measured(emulator, action, side, target, options.calls, `r${roundIndex}`, token);
					options.log(
						`  ${action.padEnd(7)} ${side.padEnd(4)} ${round(run.callsPerSecond, 0)} calls/s, ` +
							`${run.connectionsOpened} TCP connection(s) for ${run.calls} calls`,
					);
					runs.push(run);
				}
			}
		}
	} finally {
		destroyIdleConnections();
	}
	return {
		toast: figures(runs, 'toast', options.calls),
		webhook: figures(runs, 'webhook', options.calls),
		method:
			`${options.calls} calls per run, one at a time, to a server in another process; node = execute() with ${options.calls} items and a mocked IExecuteFunctions ` +
			'(toast: one recipient per item, against the emulator; webhook: default options, "Action and Row ID" payload, against a node:http receiver); ' +
			`bare = axios with its own keep-alive http.Agent posting the same bodies. Sides alternate over ${options.rounds} rounds after a warm-up; medians. ` +
			'TCP connections counted on the server side, each run starting with no pooled connection.',
	};
}

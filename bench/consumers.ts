// The two sides of every stream comparison: the real trigger node (full path: parse, filter,
// resolveNames, splitRows, emit) and a bare socket.io-client listener that only JSON.parses.
// Both report each change as (version, item count) to the same kind of callback.
import { request } from 'node:http';
import { io, type Socket } from 'socket.io-client';

import { LogBook, triggerContext } from './nodeContexts';
import { SeaTableRealtimeTrigger, destroyIdleConnections } from './product';

export interface StreamTarget {
	url: string;
	apiToken: string;
	uuid: string;
	socketPath: string;
}

export type OnChange = (version: number, items: number) => void;

export interface Consumer {
	close(): Promise<void>;
}

export type ConsumerKind = 'trigger' | 'bare';

export async function startConsumer(kind: ConsumerKind, target: StreamTarget, onChange: OnChange): Promise<Consumer> {
	return kind === 'trigger' ? await startTriggerConsumer(target, onChange) : await startBareConsumer(target, onChange);
}

/** The trigger node with its default options, as a workflow would activate it. */
export async function startTriggerConsumer(
	target: StreamTarget,
	onChange: OnChange,
	parameters: Record<string, unknown> = { event: 'baseChange', options: {} },
	log = new LogBook(),
): Promise<Consumer> {
	const context = triggerContext({
		credentials: { serverUrl: target.url, apiToken: target.apiToken },
		parameters,
		// One emit per change (no batch window): every item carries the change's version.
		onEmit: (items) => onChange(items[0]?.version as number, items.length),
		log,
	});
	const response = await new SeaTableRealtimeTrigger().trigger.call(context);
	return {
		close: async () => {
			await response.closeFunction?.();
			destroyIdleConnections();
		},
	};
}

/** The least a listener can do: receive update-dtable and JSON.parse it. */
export async function startBareConsumer(target: StreamTarget, onChange: OnChange): Promise<Consumer> {
	const socket = await joinedBareSocket(target, (data, version) => {
		const operation = JSON.parse(data) as { op_type?: string };
		if (operation.op_type !== undefined) onChange(version, 1);
	});
	return {
		close: async () => {
			socket.close();
		},
	};
}

/** A socket.io-client socket joined to the base's room, websocket only, no reconnection logic. */
export async function joinedBareSocket(target: StreamTarget, onUpdate: (data: string, version: number) => void): Promise<Socket> {
	const token = await baseToken(target);
	const socket = io(target.url, { path: target.socketPath, query: { dtable_uuid: target.uuid }, transports: ['websocket'], forceNew: true });
	socket.on('update-dtable', onUpdate);
	await new Promise<void>((resolve, reject) => {
		socket.once('connect', () => resolve());
		socket.once('connect_error', reject);
	});
	const ack = (await socket.timeout(10_000).emitWithAck('join-room', target.uuid, token)) as { status?: number };
	if (ack.status !== 1) throw new Error(`join-room refused: ${JSON.stringify(ack)}`);
	return socket;
}

/** The base token, fetched once with a plain request (the bare side has no client core). */
export function baseToken(target: StreamTarget): Promise<string> {
	return new Promise((resolve, reject) => {
		const req = request(
			`${target.url}/api/v2.1/dtable/app-access-token/`,
			{ headers: { Authorization: `Token ${target.apiToken}` }, agent: false },
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () => {
					try {
						resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { access_token: string }).access_token);
					} catch (error) {
						reject(error);
					}
				});
			},
		);
		req.on('error', reject);
		req.end();
	});
}

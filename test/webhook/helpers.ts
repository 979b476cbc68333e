// Shared by the webhook tests: a real HTTP receiver on 127.0.0.1 and a hand-built n8n context.
import { afterAll, afterEach, expect } from '@jest/globals';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';

import { destroyIdleConnections } from '../../nodes/seatable-client';
import { deliverWebhook, type WebhookDelivery, WebhookError } from '../../nodes/seatable-client/webhook';
import { executeFunctions } from '../helpers/n8nContext';

export interface ReceivedRequest {
	method: string;
	path: string;
	headers: IncomingHttpHeaders;
	/** The raw bytes as they arrived. */
	body: Buffer;
	/** performance.now() when the request was complete. */
	at: number;
}

/** Answers one request. Not calling res.end() leaves the request hanging (for timeouts). */
export type Handler = (req: ReceivedRequest, index: number, res: ServerResponse) => void;

export interface Receiver {
	url: string;
	host: string;
	requests: ReceivedRequest[];
	/** How many TCP connections the receiver accepted. */
	connections: () => number;
	/** performance.now() of each res.end(), in order. */
	answeredAt: number[];
	close: () => Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown, headers: IDataObject = {}): void {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers } as Record<string, string>);
	res.end(JSON.stringify(body));
}

export const ok: Handler = (_req, _i, res) => json(res, 200, { ok: true });

export async function startReceiver(handler: Handler = ok): Promise<Receiver> {
	const requests: ReceivedRequest[] = [];
	const answeredAt: number[] = [];
	let connections = 0;
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const received: ReceivedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: req.headers,
				body: Buffer.concat(chunks),
				at: performance.now(),
			};
			requests.push(received);
			res.on('finish', () => answeredAt.push(performance.now()));
			handler(received, requests.length - 1, res);
		});
	});
	server.on('connection', () => connections++);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hook`,
		host: `127.0.0.1:${port}`,
		requests,
		connections: () => connections,
		answeredAt,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** The WebhookError a delivery fails with (the test fails if it succeeds or throws something else). */
export async function deliveryFailure(delivery: WebhookDelivery): Promise<WebhookError> {
	const error = await deliverWebhook(delivery).then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(WebhookError);
	return error as WebhookError;
}

/** A port nothing listens on: bind, note the port, close. */
/**
 * Receivers for one test file: each test starts the ones it needs, all are closed after it, and
 * the webhook core's pooled connections are dropped at the end.
 */
export function useReceivers(): (handler?: Handler) => Promise<Receiver> {
	let receivers: Receiver[] = [];
	afterEach(async () => {
		await Promise.all(receivers.map((r) => r.close()));
		receivers = [];
	});
	afterAll(() => destroyIdleConnections());
	return async (handler?: Handler) => {
		const started = await startReceiver(handler);
		receivers.push(started);
		return started;
	};
}

export async function refusedUrl(): Promise<{ url: string; host: string }> {
	const server = createServer();
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return { url: `http://127.0.0.1:${port}/hook`, host: `127.0.0.1:${port}` };
}

export interface ContextOptions {
	/** A value, or a function of the item index. */
	params: Record<string, unknown>;
	items?: INodeExecutionData[];
	continueOnFail?: boolean;
}

/** The parts of IExecuteFunctions the node uses, with n8n's behaviour where it matters. */
export function createContext({ params, items = [{ json: {} }], continueOnFail = false }: ContextOptions) {
	const node: INode = {
		id: 'node-1',
		name: 'SeaTable Webhook',
		type: 'n8n-nodes-seatable-realtime.seaTableWebhook',
		typeVersion: 1,
		position: [0, 0],
		// n8n hands nodes their raw parameters: a typed-in secret is in here.
		parameters: JSON.parse(JSON.stringify(parametersOfItem(params, 0))) as INode['parameters'],
	};
	const context = executeFunctions({ node, parameters: params, items, continueOnFail });
	return context as typeof context & IExecuteFunctions;
}

function parametersOfItem(params: Record<string, unknown>, itemIndex: number): Record<string, unknown> {
	return Object.fromEntries(
		Object.entries(params).map(([name, value]) => [name, typeof value === 'function' ? (value as (i: number) => unknown)(itemIndex) : value]),
	);
}

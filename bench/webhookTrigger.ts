// How fast the SeaTable Webhook Trigger answers a valid signed base webhook, as SeaTable posts it
// (a new connection per request, Python json.dumps body): the node runs behind a bare node:http
// server that keeps the raw body as n8n's body parser does, against the same server answering
// without the node. The goal is p99 < 50 ms (SeaTable waits 30 s and disables failing webhooks).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IWebhookFunctions } from 'n8n-workflow';

import { contextParameter, nodeHelpers } from '../test/helpers/n8nContext';
import { modifyRows } from '../test/webhookTrigger/payloads';
import { sendLikeSeaTable } from '../test/webhookTrigger/seaTableSender';
import { distribution, round, type Distribution } from './harness';
import { SeaTableWebhookTrigger } from './product';

const SECRET = 'bench-webhook-secret-0b7e';

export interface WebhookTriggerResult {
	requests: number;
	node: Distribution;
	baseline: Distribution;
	/** Node p99 minus baseline p99, ms. */
	addedP99Ms: number;
	goalP99Ms: number;
	method: string;
}

type Handler = (req: IncomingMessage, rawBody: Buffer, res: ServerResponse) => Promise<void> | void;

async function serve(handler: Handler): Promise<{ url: string; close: () => Promise<void> }> {
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => void handler(req, Buffer.concat(chunks), res));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/webhook/bench/webhook`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve())),
	};
}

/** The node's webhook() with what n8n hands it: the request with rawBody, and an express-like response. */
function nodeHandler(): Handler {
	const trigger = new SeaTableWebhookTrigger();
	const node = {
		id: 'bench-webhook-trigger',
		name: 'SeaTable Webhook Trigger',
		type: 'n8n-nodes-seatable-realtime.seaTableWebhookTrigger',
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters: { source: 'baseWebhook' },
		credentials: { seaTableWebhookSecretApi: { id: '1', name: 'secret' } },
	};
	const getNodeParameter = contextParameter(node.parameters);
	const helpers = { returnJsonArray: nodeHelpers().returnJsonArray };
	return async (req, rawBody, res) => {
		const response = {
			status(code: number) {
				res.statusCode = code;
				return response;
			},
			json(body: unknown) {
				res.setHeader('Content-Type', 'application/json');
				res.end(JSON.stringify(body));
				return response;
			},
		};
		const context = {
			getNode: () => node,
			getMode: () => 'webhook',
			getWorkflow: () => ({ id: 'bench', active: true }),
			getNodeParameter,
			getCredentials: async () => ({ secret: SECRET }),
			getRequestObject: () => Object.assign(req, { rawBody }),
			getResponseObject: () => response,
			helpers,
		} as unknown as IWebhookFunctions;
		const result = await trigger.webhook.call(context);
		if (!result.workflowData) throw new Error(`the node started nothing (answered ${res.statusCode})`);
	};
}

function bareHandler(): Handler {
	return (_req, _rawBody, res) => {
		res.setHeader('Content-Type', 'application/json');
		res.end('{"received":true}');
	};
}

async function measure(handler: Handler, requests: number, warmup: number): Promise<number[]> {
	const server = await serve(handler);
	const latencies: number[] = [];
	try {
		for (let i = 0; i < warmup + requests; i++) {
			// A new op_time per request: each is a new change, so the dedupe window lets it through.
			const body = { event: 'update', data: { ...(modifyRows.data as object), op_time: 1_700_000_000 + i + 0.5 } };
			const started = performance.now();
			const answer = await sendLikeSeaTable(server.url, body, { secret: SECRET });
			const elapsed = performance.now() - started;
			if (answer.status !== 200) throw new Error(`answered ${answer.status}: ${answer.text}`);
			if (i >= warmup) latencies.push(elapsed);
		}
	} finally {
		await server.close();
	}
	return latencies;
}

export async function measureWebhookTrigger(options: { requests: number; warmup: number; log: (line: string) => void }): Promise<WebhookTriggerResult> {
	const baseline = distribution(await measure(bareHandler(), options.requests, options.warmup));
	const node = distribution(await measure(nodeHandler(), options.requests, options.warmup));
	options.log(`  webhook trigger p50/p99 ${node.p50}/${node.p99} ms, bare server ${baseline.p50}/${baseline.p99} ms`);
	return {
		requests: options.requests,
		node,
		baseline,
		addedP99Ms: round(node.p99 - baseline.p99, 3),
		goalP99Ms: 50,
		method:
			'sequential signed base webhooks (modify_rows, Python json.dumps bytes, a new TCP connection each, as SeaTable\'s requests.post) to a node:http server on 127.0.0.1 that keeps the raw body like n8n and runs the node\'s webhook() (signature, parse, names, filters, dedupe), vs the same server answering without the node; time from sending to the end of the answer; n8n\'s own routing is not included',
	};
}

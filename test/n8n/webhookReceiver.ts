// A local HTTP endpoint for the SeaTable Webhook node (end-to-end tests and the demo): records every
// POST with its raw bytes, checks the X-SeaTable-Signature HMAC over exactly those bytes, answers 200.
import { createHmac, timingSafeEqual } from 'crypto';
import { EventEmitter } from 'events';
import * as http from 'http';
import type { AddressInfo } from 'net';

import { waitFor } from '../helpers/waitFor';

export interface Delivery {
	path: string;
	headers: http.IncomingHttpHeaders;
	rawBody: Buffer;
	/** The body parsed as JSON (undefined when it is not JSON). */
	json: unknown;
	/** True when the signature header matches the HMAC of the raw body under the receiver's secret. */
	signatureValid: boolean;
	receivedAt: number;
}

/** `sha256=<hex>` of HMAC-SHA256(secret, raw), compared in constant time. */
export function verifySignature(secret: string, raw: Buffer, header: string | string[] | undefined): boolean {
	if (typeof header !== 'string' || !header.startsWith('sha256=')) return false;
	const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
	const given = Buffer.from(header.slice('sha256='.length));
	return expected.length === given.length && timingSafeEqual(expected, given);
}

export class WebhookReceiver extends EventEmitter {
	readonly deliveries: Delivery[] = [];

	private constructor(
		private readonly server: http.Server,
		readonly secret: string,
	) {
		super();
	}

	/** Listens on 127.0.0.1 (a free port unless given). */
	static async start(options: { secret: string; port?: number }): Promise<WebhookReceiver> {
		const server = http.createServer();
		const receiver = new WebhookReceiver(server, options.secret);
		server.on('request', (request, response) => receiver.handle(request, response));
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(options.port ?? 0, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		return receiver;
	}

	get port(): number {
		return (this.server.address() as AddressInfo).port;
	}

	/** The URL to give the webhook node. */
	url(path = '/seatable-webhook'): string {
		return `http://127.0.0.1:${this.port}${path}`;
	}

	/** Resolves once `count` deliveries arrived in total (rejects after the timeout). */
	async waitFor(count: number, timeoutMs = 30_000): Promise<Delivery[]> {
		await waitFor(`${count} webhook deliveries`, () => this.deliveries.length >= count, timeoutMs, 100);
		return this.deliveries;
	}

	async close(): Promise<void> {
		// n8n keeps its HTTP connections alive; close() alone would wait for them.
		this.server.closeAllConnections();
		await new Promise<void>((resolve) => this.server.close(() => resolve()));
	}

	private handle(request: http.IncomingMessage, response: http.ServerResponse): void {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			let json: unknown;
			try {
				json = JSON.parse(rawBody.toString('utf8'));
			} catch {
				json = undefined;
			}
			const delivery: Delivery = {
				path: request.url ?? '/',
				headers: request.headers,
				rawBody,
				json,
				signatureValid: verifySignature(this.secret, rawBody, request.headers['x-seatable-signature']),
				receivedAt: Date.now(),
			};
			this.deliveries.push(delivery);
			response.writeHead(200, { 'content-type': 'application/json' });
			response.end('{"ok":true}');
			this.emit('delivery', delivery);
		});
	}
}

// A misbehaving server on 127.0.0.1 for tests: answers the token request like SeaTable, then does
// whatever the test's route says (trickle, flood, echo what it was sent).
import { afterEach, expect } from '@jest/globals';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { destroyIdleConnections, SeaTableError } from '../../nodes/seatable-client';

export const HOSTILE_UUID = '650d8a0d-7e27-46a8-8b18-6cc6f3db2057';
export const HOSTILE_API_TOKEN = 'hostile-api-token-0123456789abcdef012345';
export const HOSTILE_BASE_TOKEN = 'hostile-base-token-fedcba9876543210fedcba';

export type Route = (req: IncomingMessage, res: ServerResponse, origin: string) => void;

export interface HostileServer {
	url: string;
	/** Paths requested, in order (query included). */
	paths: string[];
	close(): Promise<void>;
}

export function json(res: ServerResponse, status: number, body: unknown): void {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

/** SeaTable's app-access-token answer, with `overrides` applied. */
export function tokenAnswer(origin: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		app_name: 'hostile',
		access_token: HOSTILE_BASE_TOKEN,
		dtable_uuid: HOSTILE_UUID,
		dtable_server: `${origin}/api-gateway/`,
		use_api_gateway: true,
		...overrides,
	};
}

/**
 * Serves the token request like SeaTable (with `token` applied to the answer) and hands every other
 * request to `route`; with `token` false, `route` answers the token request too.
 */
export async function startHostileServer(route: Route, token: Record<string, unknown> | false = {}): Promise<HostileServer> {
	const paths: string[] = [];
	let origin = '';
	const server: Server = createServer((req, res) => {
		paths.push(req.url ?? '');
		req.resume();
		req.on('end', () => {
			if (token !== false && (req.url ?? '').startsWith('/api/v2.1/dtable/app-access-token/')) json(res, 200, tokenAnswer(origin, token));
			else route(req, res, origin);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return {
		url: origin,
		paths,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}

/** Servers for one test file: each test starts what it needs; all are closed after it. */
export function useHostileServers(): typeof startHostileServer {
	let started: HostileServer[] = [];
	afterEach(async () => {
		await Promise.all(started.map((server) => server.close()));
		started = [];
		destroyIdleConnections();
	});
	return async (route, token) => {
		const server = await startHostileServer(route, token);
		started.push(server);
		return server;
	};
}

/** The SeaTableError a call fails with (the test fails if it succeeds or throws something else). */
export async function seaTableFailure(call: () => Promise<unknown>): Promise<SeaTableError> {
	const error = await call().then(
		() => undefined,
		(e: unknown) => e,
	);
	expect(error).toBeInstanceOf(SeaTableError);
	return error as SeaTableError;
}

export interface Trickle {
	/** Bytes written so far. */
	sent(): number;
	/** True once all `bytes` were written (the client waited to the end). */
	finished(): boolean;
}

/** Headers at once, then `body` one byte every `intervalMs`; stops when the client leaves. */
export function trickle(res: ServerResponse, body: string, intervalMs: number, contentType = 'application/json'): Trickle {
	let sent = 0;
	let finished = false;
	const bytes = body.length;
	res.writeHead(200, { 'Content-Type': contentType });
	res.flushHeaders();
	const timer = setInterval(() => {
		if (res.destroyed) return clearInterval(timer);
		res.write(body[sent]);
		sent++;
		if (sent >= bytes) {
			clearInterval(timer);
			finished = true;
			res.end();
		}
	}, intervalMs);
	res.on('close', () => clearInterval(timer));
	return { sent: () => sent, finished: () => finished };
}

export interface Flood {
	/** Bytes written so far. */
	sent(): number;
	/** True once all `bytes` were written. */
	finished(): boolean;
}

/** A JSON-looking answer of `bytes` bytes, written as fast as the client reads it. */
export function flood(res: ServerResponse, bytes: number, contentType = 'application/json'): Flood {
	let sent = 0;
	let finished = false;
	const chunk = Buffer.alloc(1024 * 1024, 0x20);
	res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': String(bytes) });
	const write = () => {
		while (sent < bytes && !res.destroyed) {
			const part = sent === 0 ? Buffer.concat([Buffer.from('"'), chunk.subarray(1)]) : chunk;
			const piece = part.subarray(0, Math.min(part.length, bytes - sent));
			sent += piece.length;
			if (sent >= bytes) {
				finished = true;
				res.end(piece);
				return;
			}
			if (!res.write(piece)) return void res.once('drain', write);
		}
	};
	write();
	return { sent: () => sent, finished: () => finished };
}

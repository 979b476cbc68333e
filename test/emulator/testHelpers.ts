// Plain HTTP and socket.io-client helpers for the emulator's own tests.
import { request as httpRequest, IncomingHttpHeaders } from 'node:http';
import { io, Socket } from 'socket.io-client';
import type { SeaTableEmulator } from './index';

export interface HttpResult {
	status: number;
	headers: IncomingHttpHeaders;
	text: string;
	json: Record<string, unknown>;
}

/** One HTTP request on a fresh connection (no keep-alive pool left behind). Rejects with the socket error, e.g. ECONNREFUSED. */
export function http(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<HttpResult> {
	return new Promise((resolve, reject) => {
		const req = httpRequest(url, { method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (c: Buffer) => chunks.push(c));
			res.on('end', () => {
				const text = Buffer.concat(chunks).toString('utf8');
				let json: Record<string, unknown> = {};
				try {
					json = JSON.parse(text) as Record<string, unknown>;
				} catch {
					// not JSON; callers look at `text`
				}
				resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
			});
		});
		req.on('error', reject);
		req.end(opts.body);
	});
}

export interface AuthResponse {
	app_name: string;
	access_token: string;
	dtable_uuid: string;
	dtable_server: string;
	workspace_id: number;
	dtable_name: string;
	use_api_gateway?: boolean;
	dtable_socket?: string;
	dtable_db?: string;
}

export async function authenticate(emu: SeaTableEmulator, query = '', scheme = 'Token', apiToken = emu.apiToken): Promise<AuthResponse> {
	const res = await http(`${emu.url}/api/v2.1/dtable/app-access-token/${query}`, { headers: { Authorization: `${scheme} ${apiToken}` } });
	if (res.status !== 200) throw new Error(`auth failed: ${res.status} ${res.text}`);
	return res.json as unknown as AuthResponse;
}

/** GET a base endpoint of the emulated version (gateway or legacy path). */
export function baseGet(emu: SeaTableEmulator, endpoint: string, token: string, query = '', uuid = emu.uuid): Promise<HttpResult> {
	return http(`${emu.url}${basePath(emu, endpoint, uuid)}${query}`, { headers: { Authorization: `Token ${token}` } });
}

export function basePath(emu: SeaTableEmulator, endpoint: string, uuid = emu.uuid): string {
	if (emu.socketPath === '/api-gateway/socket.io') return `/api-gateway/api/v2/dtables/${uuid}/${endpoint}/`;
	if (endpoint === 'related-users') return `/api/v2.1/dtables/${uuid}/related-users/`;
	return `/dtable-server/api/v1/dtables/${uuid}/${endpoint}/`;
}

const sockets = new Set<Socket>();

export interface ConnectOptions {
	uuid?: string | null;
	path?: string;
	transports?: string[];
	reconnection?: boolean;
}

/** A socket.io-client socket like the one the package will open; closed by closeSockets(). */
export function connect(emu: SeaTableEmulator, opts: ConnectOptions = {}): Socket {
	const uuid = opts.uuid === undefined ? emu.uuid : opts.uuid;
	const socket = io(emu.url, {
		path: opts.path ?? emu.socketPath,
		query: uuid === null ? {} : { dtable_uuid: uuid },
		transports: opts.transports ?? ['websocket'],
		forceNew: true,
		reconnection: opts.reconnection ?? true,
		reconnectionDelay: 20,
		reconnectionDelayMax: 50,
		randomizationFactor: 0,
	});
	sockets.add(socket);
	return socket;
}

export function closeSockets(): void {
	for (const socket of sockets) socket.close();
	sockets.clear();
}

/** Resolves with the arguments of the next `event` on a socket.io-client socket or manager. */
export function next<T extends unknown[] = unknown[]>(
	emitter: { once(event: string, listener: (...args: never[]) => void): unknown },
	event: string,
): Promise<T> {
	return new Promise((resolve) => {
		emitter.once(event, ((...args: unknown[]) => resolve(args as T)) as (...args: never[]) => void);
	});
}

/** Queues every occurrence of `event` so tests can read them in order. */
export class Inbox {
	private readonly items: unknown[][] = [];

	private readonly waiters: ((args: unknown[]) => void)[] = [];

	constructor(socket: Socket, event: string) {
		socket.on(event, (...args: unknown[]) => {
			const waiter = this.waiters.shift();
			if (waiter) waiter(args);
			else this.items.push(args);
		});
	}

	next(): Promise<unknown[]> {
		const item = this.items.shift();
		if (item) return Promise.resolve(item);
		return new Promise((resolve) => this.waiters.push(resolve));
	}

	get pending(): number {
		return this.items.length;
	}
}

export function joinRoom(socket: Socket, uuid: string, token: string): Promise<Record<string, unknown>> {
	return new Promise((resolve) => socket.emit('join-room', uuid, token, (ack: Record<string, unknown>) => resolve(ack)));
}

/** Connects, authenticates and joins; returns the socket and an inbox of update-dtable events. */
export async function joinedSocket(emu: SeaTableEmulator, opts: ConnectOptions = {}): Promise<{ socket: Socket; updates: Inbox; token: string }> {
	const { access_token: token } = await authenticate(emu);
	const socket = connect(emu, opts);
	const updates = new Inbox(socket, 'update-dtable');
	await next(socket, 'connect');
	const ack = await joinRoom(socket, emu.uuid, token);
	if (ack.status !== 1) throw new Error(`join failed: ${JSON.stringify(ack)}`);
	return { socket, updates, token };
}

/** The next update-dtable as (parsed op, version), checking the wire shape: exactly (string, number). */
export async function nextUpdate(updates: Inbox): Promise<{ op: Record<string, unknown>; version: number; raw: string }> {
	const args = await updates.next();
	if (args.length !== 2 || typeof args[0] !== 'string' || typeof args[1] !== 'number') {
		throw new Error(`update-dtable args not (string, number): ${JSON.stringify(args)}`);
	}
	return { op: JSON.parse(args[0]) as Record<string, unknown>, version: args[1], raw: args[0] };
}

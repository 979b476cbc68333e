// A minimal Chrome DevTools Protocol client over Chromium's --remote-debugging-pipe (fd 3 in, fd 4
// out, messages separated by NUL bytes): no WebSocket and no npm dependency needed.
import type { Readable, Writable } from 'stream';

interface Pending {
	resolve: (result: Record<string, unknown>) => void;
	reject: (error: Error) => void;
	method: string;
}

interface Message {
	id?: number;
	method?: string;
	params?: Record<string, unknown>;
	result?: Record<string, unknown>;
	error?: { message: string };
	sessionId?: string;
}

export class CdpPipe {
	private nextId = 1;
	private buffer = '';
	private readonly pending = new Map<number, Pending>();
	private readonly waiters: Array<{ method: string; sessionId?: string; resolve: (params: Record<string, unknown>) => void }> = [];
	private readonly subscribers: Array<{ method: string; handler: (params: Record<string, unknown>) => void }> = [];

	constructor(
		private readonly toBrowser: Writable,
		fromBrowser: Readable,
	) {
		fromBrowser.setEncoding('utf8');
		fromBrowser.on('data', (chunk: string) => this.receive(chunk));
		fromBrowser.on('close', () => {
			for (const pending of this.pending.values()) pending.reject(new Error(`browser closed during ${pending.method}`));
			this.pending.clear();
		});
	}

	/** Sends a command (to a page when `sessionId` is given) and resolves with its result. */
	send(method: string, params: Record<string, unknown> = {}, sessionId?: string): Promise<Record<string, unknown>> {
		const id = this.nextId++;
		const message: Message = { id, method, params };
		if (sessionId) message.sessionId = sessionId;
		return new Promise((resolve, reject) => {
			this.pending.set(id, { resolve, reject, method });
			this.toBrowser.write(JSON.stringify(message) + '\0');
		});
	}

	/** Resolves with the params of the next event `method` (of that session), or rejects after the timeout. */
	once(method: string, sessionId?: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
		return new Promise((resolve, reject) => {
			const waiter = { method, sessionId, resolve: (params: Record<string, unknown>) => (clearTimeout(timer), resolve(params)) };
			const timer = setTimeout(() => {
				this.waiters.splice(this.waiters.indexOf(waiter), 1);
				reject(new Error(`no ${method} within ${timeoutMs} ms`));
			}, timeoutMs);
			this.waiters.push(waiter);
		});
	}

	/** Calls `handler` with the params of every event `method` until the pipe closes. */
	subscribe(method: string, handler: (params: Record<string, unknown>) => void): void {
		this.subscribers.push({ method, handler });
	}

	private receive(chunk: string): void {
		this.buffer += chunk;
		let end: number;
		while ((end = this.buffer.indexOf('\0')) >= 0) {
			const text = this.buffer.slice(0, end);
			this.buffer = this.buffer.slice(end + 1);
			this.dispatch(JSON.parse(text) as Message);
		}
	}

	private dispatch(message: Message): void {
		if (message.id !== undefined) {
			const pending = this.pending.get(message.id);
			this.pending.delete(message.id);
			if (message.error) pending?.reject(new Error(`${pending.method}: ${message.error.message}`));
			else pending?.resolve(message.result ?? {});
			return;
		}
		for (const subscriber of this.subscribers) if (subscriber.method === message.method) subscriber.handler(message.params ?? {});
		const index = this.waiters.findIndex(
			(waiter) => waiter.method === message.method && (!waiter.sessionId || waiter.sessionId === message.sessionId),
		);
		if (index >= 0) this.waiters.splice(index, 1)[0].resolve(message.params ?? {});
	}
}

// One listening cycle: the HTTP server on 127.0.0.1 with Socket.IO attached, and every TCP connection it accepted.
import { createServer, IncomingMessage, Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { Realtime, RealtimeHooks, RealtimeOptions } from './realtime';

/** `toSocketIo` hands the request to engine.io (only for paths under the socket path). */
export type RequestHandler = (req: IncomingMessage, res: ServerResponse, toSocketIo: () => void) => void;

export class Listener {
	private readonly connections = new Set<Socket>();

	private constructor(
		private readonly server: HttpServer,
		readonly realtime: Realtime,
	) {
		server.on('connection', (socket: Socket) => {
			this.connections.add(socket);
			socket.once('close', () => this.connections.delete(socket));
		});
	}

	static async open(port: number, handler: RequestHandler, options: RealtimeOptions, hooks: RealtimeHooks): Promise<Listener> {
		const server = createServer();
		const realtime = new Realtime(server, options, hooks);
		// engine.io put its own request listener in place; run ours first and call it only for socket paths.
		const engineListeners = server.listeners('request') as ((req: IncomingMessage, res: ServerResponse) => void)[];
		server.removeAllListeners('request');
		server.on('request', (req: IncomingMessage, res: ServerResponse) =>
			handler(req, res, () => {
				for (const listener of engineListeners) listener.call(server, req, res);
			}),
		);
		const socketPrefix = `${options.path}/`;
		server.on('upgrade', (req: IncomingMessage, socket: Socket) => {
			// engine.io handles upgrades on its path; any other upgrade is refused like a 404.
			if (!(req.url ?? '').startsWith(socketPrefix)) {
				socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
			}
		});
		const listener = new Listener(server, realtime);
		await new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
		return listener;
	}

	get port(): number {
		const address = this.server.address();
		if (address === null || typeof address === 'string') throw new Error('Not listening');
		return address.port;
	}

	/** Destroys every TCP connection (HTTP keep-alive and Socket.IO transports) without any goodbye. */
	killTransports(): void {
		this.destroyConnections();
		this.realtime.dropSessions();
	}

	async close(): Promise<void> {
		const closing = this.realtime.close();
		// Destroy now so the HTTP server's close does not wait on keep-alive or in-flight connections.
		this.destroyConnections();
		await closing;
		this.destroyConnections();
	}

	private destroyConnections(): void {
		for (const socket of this.connections) socket.destroy();
		this.connections.clear();
	}
}

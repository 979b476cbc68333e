// A real forward proxy on 127.0.0.1 for the proxy tests: records what it was asked, forwards
// plain-HTTP requests (absolute-form) and tunnels CONNECT, and restores the proxy variables of the
// environment after each test.
import { afterEach, beforeEach } from '@jest/globals';
import { createServer, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

import { destroyIdleConnections } from '../../nodes/seatable-client';

export interface ProxiedRequest {
	method: string;
	/** The absolute URL for forwarded requests, host:port for CONNECT. */
	target: string;
	headers: IncomingHttpHeaders;
}

export interface Proxy {
	url: string;
	seen: ProxiedRequest[];
	close: () => Promise<void>;
}

export async function startProxy(): Promise<Proxy> {
	const seen: ProxiedRequest[] = [];
	const sockets = new Set<Socket>();
	const track = (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	};
	const server = createServer((req, res) => {
		seen.push({ method: req.method ?? '', target: req.url ?? '', headers: req.headers });
		const upstream = httpRequest(req.url ?? '', { method: req.method, headers: req.headers, agent: false }, (answer) => {
			res.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(res);
		});
		upstream.on('error', () => res.writeHead(502).end());
		req.pipe(upstream);
	});
	server.on('connection', track);
	server.on('connect', (req, client: Socket, head: Buffer) => {
		seen.push({ method: 'CONNECT', target: req.url ?? '', headers: req.headers });
		const [host, port] = (req.url ?? '').split(':');
		const upstream = connect(Number(port), host, () => {
			client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
			upstream.write(head);
			upstream.pipe(client);
			client.pipe(upstream);
		});
		track(upstream);
		upstream.on('error', () => client.destroy());
		client.on('error', () => upstream.destroy());
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		seen,
		close: async () => {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

// Every variable axios (proxy-from-env) reads, in both cases.
const PROXY_VARIABLES = ['http_proxy', 'https_proxy', 'all_proxy', 'no_proxy'].flatMap((name) => [
	name,
	name.toUpperCase(),
	`npm_config_${name}`,
]);

/** Clean proxy variables for each test (set them with process.env), one proxy per test. */
export function useProxy(): () => Proxy {
	let saved: Record<string, string | undefined> = {};
	let proxy: Proxy | undefined;
	beforeEach(async () => {
		saved = Object.fromEntries(PROXY_VARIABLES.map((name) => [name, process.env[name]]));
		for (const name of PROXY_VARIABLES) delete process.env[name];
		proxy = await startProxy();
	});
	afterEach(async () => {
		for (const name of PROXY_VARIABLES) {
			if (saved[name] === undefined) delete process.env[name];
			else process.env[name] = saved[name];
		}
		// Pooled sockets to the proxy must not outlive it.
		destroyIdleConnections();
		await proxy?.close();
	});
	return () => proxy as Proxy;
}

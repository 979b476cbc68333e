// Free TCP ports on 127.0.0.1 for n8n, its task broker and the services of the queue suite.
import * as net from 'net';

/** Asks the kernel for a free TCP port on 127.0.0.1 (free now; another process could still take it). */
export async function getFreePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** `preferred` if it is free on 127.0.0.1, else the next free one above it (for fixed, memorable ports). */
export async function firstFreePort(preferred: number, tries = 50): Promise<number> {
	for (let port = preferred; port < preferred + tries; port++) {
		const free = await new Promise<boolean>((resolve) => {
			const server = net.createServer();
			server.unref();
			server.once('error', () => resolve(false));
			server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
		});
		if (free) return port;
	}
	return getFreePort();
}

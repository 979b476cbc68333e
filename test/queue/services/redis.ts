// A throwaway Redis for n8n's queue (Bull): Debian's redis-server on a free 127.0.0.1 port, data in
// a temp folder, no persistence; stopped and removed by stop().
import { setTimeout as delay } from 'node:timers/promises';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

import { getFreePort } from '../../n8n/harness';
import { redisServerBin } from './binaries';
import { startGuarded, type GuardedProcess } from './guardian';

function ping(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean) => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(2000, () => done(false));
		socket.on('error', () => done(false));
		socket.on('connect', () => socket.write('PING\r\n'));
		socket.on('data', (chunk) => {
			answer += chunk.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
	});
}

export class RedisServer {
	private constructor(
		readonly port: number,
		readonly dir: string,
		private readonly process: GuardedProcess,
	) {}

	static async start(timeoutMs = 30_000): Promise<RedisServer> {
		const bin = redisServerBin();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-redis-'));
		const port = await getFreePort();
		const logFile = path.join(dir, 'redis.log');
		const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'];
		const guarded = startGuarded(bin, args, { logFile, stopSignal: 'SIGTERM', graceMs: 10_000 });
		const server = new RedisServer(port, dir, guarded);
		const deadline = Date.now() + timeoutMs;
		while (!(await ping(port))) {
			if (!guarded.isRunning() || Date.now() > deadline) {
				await server.stop();
				throw new Error(`redis-server did not answer PING on 127.0.0.1:${port}:\n${fs.readFileSync(logFile, 'utf8').slice(-2000)}`);
			}
			await delay(100);
		}
		return server;
	}

	async stop(): Promise<void> {
		await this.process.stop();
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

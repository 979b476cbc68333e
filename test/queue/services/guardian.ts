// Redis and PostgreSQL run as child processes of the test process, behind a small guardian like
// n8n's (test/n8n/guardian.ts), but for any program: when the IPC channel to the test process
// closes without a stop (jest worker killed, crash), the guardian stops the program itself with its
// stop signal, then SIGKILLs it. Plain JavaScript for `node -e`.
//
//   node -e SERVICE_GUARDIAN_SCRIPT <stop signal> <grace ms> <program> [args…]
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';

import { processTree } from '../../n8n/harness';

export const SERVICE_GUARDIAN_SCRIPT = `
const { spawn } = require('child_process');
const [stopSignal, graceMs, program, ...args] = process.argv.slice(1);
const child = spawn(program, args, { stdio: ['ignore', 'inherit', 'inherit'] });
const forward = (signal) => { try { child.kill(signal); } catch {} };
const stop = () => {
	forward(stopSignal);
	setTimeout(() => forward('SIGKILL'), Number(graceMs)).unref();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.on('disconnect', () => {
	process.stdout.write('guardian: the test process is gone; stopping ' + program + '\\n');
	forward(stopSignal);
	setTimeout(() => { forward('SIGKILL'); process.exit(1); }, Number(graceMs)).unref();
});
child.on('error', (error) => { process.stdout.write('guardian: ' + error.message + '\\n'); process.exit(127); });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

export interface GuardedProcess {
	child: ChildProcess;
	exited: Promise<void>;
	isRunning(): boolean;
	/** Stop signal to the program (through the guardian), SIGKILL to both after the grace period. */
	stop(): Promise<void>;
}

// Stopped hard if the test process exits without stopping them.
const running = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of running) {
		try {
			child.kill('SIGKILL');
		} catch {
			// Already gone.
		}
	}
});

/** Starts `program` behind the guardian, its output appended to `logFile`. */
export function startGuarded(
	program: string,
	args: string[],
	options: { logFile: string; stopSignal: NodeJS.Signals; graceMs?: number; env?: NodeJS.ProcessEnv; cwd?: string },
): GuardedProcess {
	const graceMs = options.graceMs ?? 15_000;
	const out = fs.openSync(options.logFile, 'a');
	const child = spawn(process.execPath, ['-e', SERVICE_GUARDIAN_SCRIPT, options.stopSignal, String(graceMs), program, ...args], {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', out, out, 'ipc'],
	});
	fs.closeSync(out);
	child.channel?.unref();
	running.add(child);
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	void exited.then(() => running.delete(child));
	const isRunning = () => child.exitCode === null && child.signalCode === null;
	return {
		child,
		exited,
		isRunning,
		async stop() {
			if (!isRunning()) return;
			child.kill('SIGTERM');
			let timer: NodeJS.Timeout | undefined;
			const inTime = await Promise.race([
				exited.then(() => true),
				new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), graceMs + 5_000))),
			]);
			clearTimeout(timer);
			if (!inTime) {
				// The guardian itself hangs: kill it and whatever runs below it.
				const below = child.pid ? processTree(child.pid) : [];
				child.kill('SIGKILL');
				for (const pid of below) {
					try {
						process.kill(pid, 'SIGKILL');
					} catch {
						// Already gone.
					}
				}
				await exited;
			}
		},
	};
}

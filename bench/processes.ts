// Worker processes for the benchmarks: a request/response protocol over Node's IPC channel. The
// emulator, each consumer and each memory probe run in their own process, so that one side's CPU
// and memory never count against the other.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';

interface Request {
	id: number;
	command: string;
	payload: unknown;
}

interface Response {
	id: number;
	ok: boolean;
	result?: unknown;
	error?: string;
}

export interface Worker {
	readonly pid: number;
	call<T>(command: string, payload?: unknown, timeoutMs?: number): Promise<T>;
	/** Sends a signal to the worker (SIGSTOP/SIGCONT freeze and thaw a consumer). */
	signal(signal: NodeJS.Signals): void;
	/** Asks the worker to finish, and kills it if it does not within a few seconds. */
	close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 120_000;

// Workers still running when this process exits (a crash, or the run's deadline): a frozen one
// would otherwise stay stopped forever, so each is killed on the way out.
const live = new Set<ChildProcess>();
process.once('exit', () => {
	for (const child of live) child.kill('SIGKILL');
});

/** Starts `bench/workers/<name>.ts` under tsx. */
export async function startWorker(name: string, options: { exposeGc?: boolean; execArgv?: string[] } = {}): Promise<Worker> {
	const file = path.join(__dirname, 'workers', `${name}.ts`);
	// BENCH_WORKER_ARGS adds Node flags to every worker, e.g. "--cpu-prof --cpu-prof-dir=bench/.tmp/prof".
	const extra = process.env.BENCH_WORKER_ARGS?.split(' ').filter(Boolean) ?? [];
	const execArgv = ['--import', 'tsx', ...(options.exposeGc ? ['--expose-gc'] : []), ...(options.execArgv ?? []), ...extra];
	const child: ChildProcess = fork(file, [], { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
	live.add(child);
	const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout }>();
	let nextId = 1;
	let exited = false;
	const exitedPromise = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	child.on('message', (message: Response) => {
		const entry = pending.get(message.id);
		if (!entry) return;
		pending.delete(message.id);
		clearTimeout(entry.timer);
		if (message.ok) entry.resolve(message.result);
		else entry.reject(new Error(`${name}: ${message.error}`));
	});
	child.once('exit', (code, signal) => {
		exited = true;
		live.delete(child);
		for (const entry of pending.values()) {
			clearTimeout(entry.timer);
			entry.reject(new Error(`${name} exited (${code ?? signal})`));
		}
		pending.clear();
	});
	const worker: Worker = {
		pid: child.pid ?? 0,
		call: <T>(command: string, payload?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS) =>
			new Promise<T>((resolve, reject) => {
				if (exited) return reject(new Error(`${name} is not running`));
				const id = nextId++;
				const timer = setTimeout(() => {
					pending.delete(id);
					reject(new Error(`${name}: "${command}" took longer than ${timeoutMs} ms`));
				}, timeoutMs);
				pending.set(id, { resolve: resolve as (value: unknown) => void, reject, timer });
				child.send({ id, command, payload } satisfies Request);
			}),
		signal: (signal) => {
			if (!exited) child.kill(signal);
		},
		close: async () => {
			if (exited) return;
			child.kill('SIGCONT'); // a frozen worker could not answer
			const killer = setTimeout(() => child.kill('SIGKILL'), 5000);
			try {
				await worker.call('exit', undefined, 5000);
			} catch {
				// exiting while answering, or already gone: the exit event settles it
			}
			await exitedPromise;
			clearTimeout(killer);
		},
	};
	await worker.call('ready');
	return worker;
}

export type Handlers = Record<string, (payload: never) => unknown>;

/** The worker side: answers requests with the handler of the same name; `exit` ends the process. */
export function serveRequests(handlers: Handlers): void {
	// An orphaned worker (the orchestrator died) must not linger.
	process.on('disconnect', () => process.exit(1));
	process.on('message', (request: Request) => {
		void (async () => {
			let response: Response;
			try {
				if (request.command === 'ready') response = { id: request.id, ok: true };
				else if (request.command === 'exit') {
					await handlers.exit?.(undefined as never);
					process.send?.({ id: request.id, ok: true } satisfies Response, undefined, {}, () => process.exit(0));
					return;
				} else {
					const handler = handlers[request.command];
					if (!handler) throw new Error(`unknown command ${request.command}`);
					response = { id: request.id, ok: true, result: await handler(request.payload as never) };
				}
			} catch (error) {
				response = { id: request.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) };
			}
			process.send?.(response);
		})();
	});
}

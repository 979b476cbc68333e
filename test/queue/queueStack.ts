// One queue-mode world per n8n version: Redis and PostgreSQL started here, an n8n main
// (EXECUTIONS_MODE=queue, triggers and the editor) and two `n8n worker` processes, each with the
// built package installed in its own user folder, plus the SeaTable emulator and a webhook receiver.
import { randomBytes } from 'crypto';

import { SeaTableEmulator } from '../emulator';
import { assertBuilt, N8nInstance, REPO_DIR, type StartOptions } from '../n8n/harness';
import { WebhookReceiver } from '../n8n/webhookReceiver';
import { ExecutionsDb } from './executionsDb';
import { PostgresServer } from './services/postgres';
import { RedisServer } from './services/redis';

export const WORKERS = 2;
export const WORKER_CONCURRENCY = 5;

export interface QueueStack {
	version: string;
	redis: RedisServer;
	postgres: PostgresServer;
	db: ExecutionsDb;
	main: N8nInstance;
	workers: N8nInstance[];
	emulator: SeaTableEmulator;
	receiver: WebhookReceiver;
	credentialId: string;
	credentialName: string;
	/** The webhook node's signing secret (random per run, never logged). */
	secret: string;
	/** Shared by main and workers: they decrypt the same credentials from the same database. */
	encryptionKey: string;
}

/**
 * n8n 2.8.4 removes every completed job from Bull at once; later versions can keep the last ones
 * (N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED), which Parallel Processing off needs (see
 * scenarios/throughput.ts).
 */
export function keepsCompletedJobs(version: string): boolean {
	const [major, minor] = version.split('.').map(Number);
	return major > 2 || (major === 2 && minor >= 41);
}

/** n8n's settings for queue mode against this stack's Redis and PostgreSQL. */
export function queueEnv(stack: Pick<QueueStack, 'redis' | 'postgres' | 'encryptionKey'>, mode = 'queue'): NodeJS.ProcessEnv {
	return {
		...stack.postgres.n8nEnv(),
		EXECUTIONS_MODE: mode,
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(stack.redis.port),
		N8N_ENCRYPTION_KEY: stack.encryptionKey,
		// Where n8n has it: completed jobs stay in Redis long enough for n8n to see them finished.
		N8N_EXECUTIONS_QUEUE_KEEP_LAST_COMPLETED: '1000',
	};
}

/** N8nInstance.create() for a given n8n version (the harness reads it from the environment). */
export async function createInstance(version: string, options: StartOptions): Promise<N8nInstance> {
	const before = process.env.SEATABLE_E2E_N8N_VERSION;
	process.env.SEATABLE_E2E_N8N_VERSION = version;
	try {
		return await N8nInstance.create(options);
	} finally {
		if (before === undefined) delete process.env.SEATABLE_E2E_N8N_VERSION;
		else process.env.SEATABLE_E2E_N8N_VERSION = before;
	}
}

export async function createWorker(stack: QueueStack | Omit<QueueStack, 'main' | 'workers'>): Promise<N8nInstance> {
	const worker = await createInstance(stack.version, {
		env: queueEnv(stack),
		command: ['worker', `--concurrency=${WORKER_CONCURRENCY}`],
		readyLine: 'n8n worker is now ready',
	});
	await worker.installPackage(REPO_DIR);
	return worker;
}

export async function startQueueStack(version: string): Promise<QueueStack> {
	// A missing build is a set-up mistake: say so before anything slow starts.
	assertBuilt(REPO_DIR);
	const stack = { version, workers: [] as N8nInstance[], encryptionKey: randomBytes(24).toString('hex') } as QueueStack;
	stack.secret = randomBytes(24).toString('hex');
	try {
		const [redis, postgres] = await Promise.all([
			RedisServer.start().then((server) => (stack.redis = server)),
			PostgresServer.start().then((server) => (stack.postgres = server)),
		]);
		stack.emulator = await SeaTableEmulator.start();
		stack.receiver = await WebhookReceiver.start({ secret: stack.secret });
		stack.db = new ExecutionsDb(postgres, stack.emulator.uuid);
		stack.main = await createInstance(version, { env: queueEnv({ redis, postgres, encryptionKey: stack.encryptionKey }) });
		await stack.main.installPackage(REPO_DIR);
		// The main migrates the database; workers start on a migrated one.
		await stack.main.start();
		for (let i = 0; i < WORKERS; i++) stack.workers.push(await createWorker(stack));
		await Promise.all(stack.workers.map((worker) => worker.start()));
		process.stderr.write(
			`queue mode: n8n ${version} main + ${WORKERS} workers on Redis :${redis.port} and PostgreSQL ${postgres.port}\n`,
		);
		await stack.main.setup();
		stack.credentialName = 'SeaTable emulator';
		const credential = await stack.main.createCredential(
			{ serverUrl: stack.emulator.url, apiToken: stack.emulator.apiToken },
			{ name: stack.credentialName },
		);
		stack.credentialId = credential.id;
		return stack;
	} catch (error) {
		await stopQueueStack(stack);
		throw error;
	}
}

/** Stops every process of the stack (also after a failed start) and removes its temp folders. */
export async function stopQueueStack(stack: Partial<QueueStack> | undefined): Promise<void> {
	if (!stack) return;
	const errors: unknown[] = [];
	const attempt = async (step: () => Promise<unknown> | unknown) => {
		try {
			await step();
		} catch (error) {
			errors.push(error);
		}
	};
	const instances = [...(stack.workers ?? []), ...(stack.main ? [stack.main] : [])];
	await Promise.all(instances.map((instance) => attempt(() => instance.stop())));
	for (const instance of instances) {
		if (process.env.SEATABLE_E2E_KEEP) process.stderr.write(`kept n8n user folder ${instance.userFolder}\n`);
		else await attempt(() => instance.cleanup());
	}
	await attempt(() => stack.postgres?.stop());
	await attempt(() => stack.redis?.stop());
	await attempt(() => stack.receiver?.close());
	await attempt(() => stack.emulator?.close());
	if (errors.length > 0) throw errors[0];
}

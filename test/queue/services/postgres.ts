// A throwaway PostgreSQL for n8n in queue mode: Debian's initdb + postgres in a temp folder, on a
// free 127.0.0.1 port (no Unix socket), password auth; queried with Debian's psql. initdb refuses to
// run as root, so as root the server runs as an unprivileged user (Debian's `postgres`, else one
// created for the suite) through setpriv, which execs, so the guarded child is postgres itself.
import { setTimeout as delay } from 'node:timers/promises';
import { execFile } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { getFreePort } from '../../n8n/harness';
import { run } from '../../n8n/install';
import { postgresBins, type PostgresBins } from './binaries';
import { startGuarded, type GuardedProcess } from './guardian';

const SERVICE_USER = 'seatable-test-pg';
// Separators psql never meets in our columns (ids, statuses, timestamps, event ids).
const FIELD = '\x1f';
const RECORD = '\x1e';

interface RunAs {
	uid: number;
	gid: number;
	/** Prefix that runs a program as that user (empty when we are not root). */
	prefix: string[];
}

function lookupUser(name: string): { uid: number; gid: number } | undefined {
	const line = fs
		.readFileSync('/etc/passwd', 'utf8')
		.split('\n')
		.find((entry) => entry.split(':')[0] === name);
	if (!line) return undefined;
	const [, , uid, gid] = line.split(':');
	return { uid: Number(uid), gid: Number(gid) };
}

async function unprivilegedUser(): Promise<RunAs> {
	if (process.getuid?.() !== 0) return { uid: process.getuid?.() ?? 0, gid: process.getgid?.() ?? 0, prefix: [] };
	let user = lookupUser('postgres') ?? lookupUser(SERVICE_USER);
	if (!user) {
		await run('useradd', ['--system', '--no-create-home', '--shell', '/usr/sbin/nologin', SERVICE_USER], { cwd: '/' });
		user = lookupUser(SERVICE_USER);
		if (!user) throw new Error(`useradd ${SERVICE_USER} did not create the user`);
	}
	const prefix = ['setpriv', `--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--'];
	return { ...user, prefix };
}

export class PostgresServer {
	readonly user = 'n8n';
	readonly database = 'n8n';

	private constructor(
		readonly port: number,
		readonly dir: string,
		readonly password: string,
		private readonly bins: PostgresBins,
		private readonly process: GuardedProcess,
	) {}

	/** initdb, start, create the `n8n` database; resolves once it accepts queries. */
	static async start(timeoutMs = 60_000): Promise<PostgresServer> {
		const bins = postgresBins();
		const runAs = await unprivilegedUser();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-pg-'));
		const dataDir = path.join(dir, 'data');
		const password = randomBytes(18).toString('hex');
		const pwFile = path.join(dir, 'pw');
		fs.writeFileSync(pwFile, password + '\n', { mode: 0o600 });
		fs.chownSync(dir, runAs.uid, runAs.gid);
		fs.chownSync(pwFile, runAs.uid, runAs.gid);
		const env = { ...process.env, HOME: dir, LC_ALL: 'C' };
		const [program, ...prefixArgs] = [...runAs.prefix, bins.initdb];
		try {
			await run(
				program,
				[...prefixArgs, '-D', dataDir, '-U', 'n8n', '--auth=scram-sha-256', `--pwfile=${pwFile}`, '-E', 'UTF8', '--locale=C'],
				{ cwd: dir, env },
			);
		} catch (error) {
			fs.rmSync(dir, { recursive: true, force: true });
			throw error;
		} finally {
			fs.rmSync(pwFile, { force: true });
		}
		const port = await getFreePort();
		const logFile = path.join(dir, 'postgres.log');
		fs.writeFileSync(logFile, '');
		fs.chownSync(logFile, runAs.uid, runAs.gid);
		// A test database: durability settings off, so the shared 2-core machine spends less on fsync.
		const settings = ['listen_addresses=127.0.0.1', 'unix_socket_directories=', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off'];
		const [serverProgram, ...serverPrefix] = [...runAs.prefix, bins.postgres];
		const serverArgs = [...serverPrefix, '-D', dataDir, '-p', String(port), ...settings.flatMap((setting) => ['-c', setting])];
		// SIGINT is PostgreSQL's fast shutdown: it ends the sessions (n8n's pools) instead of waiting for them.
		const guarded = startGuarded(serverProgram, serverArgs, { logFile, stopSignal: 'SIGINT', env, cwd: dir });
		const server = new PostgresServer(port, dir, password, bins, guarded);
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const ready = await server.query('SELECT 1', 'postgres').then(
				() => true,
				() => false,
			);
			if (ready) break;
			if (!guarded.isRunning() || Date.now() > deadline) {
				const log = fs.readFileSync(logFile, 'utf8').slice(-2000);
				await server.stop();
				throw new Error(`PostgreSQL did not accept connections on 127.0.0.1:${port}:\n${log}`);
			}
			await delay(200);
		}
		await server.query(`CREATE DATABASE ${server.database}`, 'postgres');
		return server;
	}

	/** n8n's settings for this database. */
	n8nEnv(): NodeJS.ProcessEnv {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: this.password,
		};
	}

	/** Runs SQL with psql; rows of text fields (NULL as ''). */
	query(sql: string, database = this.database): Promise<string[][]> {
		const args = ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', '-F', FIELD, '-R', RECORD];
		args.push('-h', '127.0.0.1', '-p', String(this.port), '-U', this.user, '-d', database, '-c', sql);
		return new Promise((resolve, reject) => {
			execFile(
				this.bins.psql,
				args,
				{ env: { ...process.env, PGPASSWORD: this.password, PGCONNECT_TIMEOUT: '5' }, maxBuffer: 256 * 1024 * 1024 },
				(error, stdout, stderr) => {
					if (error) return reject(new Error(`psql failed: ${stderr.trim() || error.message}\n  in: ${sql.slice(0, 300)}`));
					const text = stdout.replace(/\n$/, '');
					resolve(text === '' ? [] : text.split(RECORD).map((record) => record.replace(/^\n/, '').split(FIELD)));
				},
			);
		});
	}

	async stop(): Promise<void> {
		await this.process.stop();
		fs.rmSync(this.dir, { recursive: true, force: true });
	}
}

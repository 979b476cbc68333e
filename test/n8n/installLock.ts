// A lock folder keeps two installs (say a test run and the demo) from running npm in one folder at
// once; a lock whose process is gone, or that is older than any install takes, counts as abandoned.
import * as fs from 'fs';
import * as path from 'path';
import { setTimeout as delay } from 'node:timers/promises';

// How long another process's install lock is respected before it counts as abandoned.
const LOCK_STALE_MS = 30 * 60 * 1000;

export async function withLock<T>(dir: string, log: (line: string) => void, fn: () => Promise<T>): Promise<T> {
	const lock = path.join(dir, '.install-lock');
	for (let waitedLogged = false; ; ) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			if (lockIsAbandoned(lock)) {
				log(`Removing an abandoned install lock ${lock}\n`);
				fs.rmSync(lock, { recursive: true, force: true });
				continue;
			}
			if (!waitedLogged) log(`Another process is installing n8n in ${dir}; waiting for it…\n`);
			waitedLogged = true;
			await delay(2000);
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lock, { recursive: true, force: true });
	}
}

function lockIsAbandoned(lock: string): boolean {
	try {
		const pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
		if (pid) {
			try {
				process.kill(pid, 0);
			} catch (error) {
				// ESRCH: no such process, so nobody holds the lock any more.
				if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
			}
		}
		return Date.now() - fs.statSync(lock).mtimeMs > LOCK_STALE_MS;
	} catch {
		// The pid file is written right after mkdir; give a fresh lock that moment.
		try {
			return Date.now() - fs.statSync(lock).mtimeMs > 10_000;
		} catch {
			return true;
		}
	}
}

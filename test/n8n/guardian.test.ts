// The guardian in front of n8n: passes a stop on to n8n, and stops n8n by itself once the process
// that started it is gone (its IPC channel closed). A stand-in script plays n8n.
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { waitFor } from '../helpers/waitFor';
import { GUARDIAN_SCRIPT } from './guardian';
import { isAlive } from './harness';

// Writes its pid, then waits; on SIGTERM it notes the signal and exits.
const FAKE_N8N = `
const fs = require('fs');
fs.writeFileSync(process.argv[2] + '/pid', String(process.pid));
process.on('SIGTERM', () => { fs.writeFileSync(process.argv[2] + '/stopped', 'SIGTERM'); process.exit(0); });
setInterval(() => undefined, 1000);
`;

describe('n8n guardian', () => {
	const dirs: string[] = [];
	const children: ChildProcess[] = [];

	afterEach(() => {
		// A failed test must not leave its guardian (and stand-in) behind.
		for (const child of children.splice(0)) {
			if (child.pid && isAlive(child.pid)) process.kill(-child.pid, 'SIGKILL');
		}
		for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
	});

	async function startGuarded(): Promise<{ guardian: ChildProcess; dir: string; fakePid: number; exited: Promise<void> }> {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-guardian-'));
		dirs.push(dir);
		const bin = path.join(dir, 'fake-n8n.js');
		fs.writeFileSync(bin, FAKE_N8N);
		const guardian = spawn(process.execPath, ['-e', GUARDIAN_SCRIPT, bin, dir], {
			stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
			detached: true,
		});
		children.push(guardian);
		const exited = new Promise<void>((resolve) => guardian.once('exit', () => resolve()));
		await waitFor('the stand-in to start', () => fs.existsSync(path.join(dir, 'pid')), 10_000);
		return { guardian, dir, fakePid: Number(fs.readFileSync(path.join(dir, 'pid'), 'utf8')), exited };
	}

	it('passes SIGTERM on to n8n and exits with it', async () => {
		const { guardian, dir, fakePid, exited } = await startGuarded();
		guardian.kill('SIGTERM');
		await exited;
		expect(fs.readFileSync(path.join(dir, 'stopped'), 'utf8')).toBe('SIGTERM');
		await waitFor('the stand-in to be gone', () => !isAlive(fakePid), 10_000);
	});

	it('stops n8n when the process that started it is gone', async () => {
		const { guardian, dir, fakePid, exited } = await startGuarded();
		// What the guardian sees when its parent dies: the IPC channel closes.
		guardian.disconnect();
		await exited;
		expect(fs.readFileSync(path.join(dir, 'stopped'), 'utf8')).toBe('SIGTERM');
		await waitFor('the stand-in to be gone', () => !isAlive(fakePid), 10_000);
	});
});

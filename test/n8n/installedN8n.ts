// Which n8n the tests run, where it is installed (a cache folder outside the clone), and whether an
// install there is complete: a stamp written last records the version, the Node and the host
// package.json it was made with.
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

import { cacheRoot, currentRuntime, installedRuntime, runtimeDir, type NodeRuntime } from './nodeRuntime';

/** The n8n the end-to-end tests and the demo run by default. */
export const DEFAULT_N8N_VERSION = '2.41.1';
/** Every n8n that `npm test` runs the end-to-end suite on (main target first). */
export const E2E_N8N_VERSIONS = ['2.41.1', '2.8.4'];


/** The env var wins; inside jest, the e2e project's `globals.SEATABLE_E2E_N8N_VERSION`; else the default. */
export function n8nVersion(): string {
	const projectVersion = (globalThis as { SEATABLE_E2E_N8N_VERSION?: unknown }).SEATABLE_E2E_N8N_VERSION;
	return process.env.SEATABLE_E2E_N8N_VERSION || (typeof projectVersion === 'string' ? projectVersion : DEFAULT_N8N_VERSION);
}

export function n8nCacheDir(version = n8nVersion()): string {
	if (process.env.SEATABLE_E2E_N8N_DIR) return path.resolve(process.env.SEATABLE_E2E_N8N_DIR);
	return path.join(cacheRoot(), `n8n-${version}`);
}

/** The n8n entry script inside an install folder (run it with `node`, so no shell or .bin shim is involved). */
export function n8nBin(dir = n8nCacheDir()): string {
	return path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
}

export function hostPackageJson(version: string): string {
	return (
		JSON.stringify(
			{
				name: 'seatable-realtime-e2e-n8n-host',
				private: true,
				description: 'n8n installed for the end-to-end tests of n8n-nodes-seatable-realtime',
				dependencies: { n8n: version },
				// n8n depends on an xlsx tarball hosted outside the npm registry; this registry version replaces it.
				overrides: { xlsx: '0.18.5' },
			},
			null,
			'\t',
		) + '\n'
	);
}


export function stampFile(dir: string): string {
	return path.join(dir, '.install-complete');
}

interface Stamp {
	version: string;
	/** Major of the Node that installed (and runs) it. */
	node: string;
	/** Set when n8n runs on a Node from the registry rather than the running one. */
	runtime?: string;
	hostPackageJson: string;
}

export function stampFor(version: string, runtime: NodeRuntime): Stamp {
	// Tied to the host package.json and the Node that runs it, so changing either redoes the install.
	const hostPackageJsonHash = createHash('sha256').update(hostPackageJson(version)).digest('hex');
	return {
		version,
		node: runtime.version.split('.')[0],
		...(runtime.current ? {} : { runtime: runtime.version }),
		hostPackageJson: hostPackageJsonHash,
	};
}

function readStamp(dir: string): Partial<Stamp> {
	try {
		return JSON.parse(fs.readFileSync(stampFile(dir), 'utf8')) as Partial<Stamp>;
	} catch {
		return {};
	}
}

export function isN8nInstalled(dir = n8nCacheDir(), version = n8nVersion()): boolean {
	const stamp = readStamp(dir);
	if (!fs.existsSync(n8nBin(dir)) || stamp.version !== version) return false;
	const runtime = stamp.runtime ? installedRuntime(stamp.runtime) : currentRuntime();
	if (!runtime) return false;
	const expected = stampFor(version, runtime);
	return stamp.node === expected.node && stamp.hostPackageJson === expected.hostPackageJson;
}

/** The Node that runs the n8n installed in `dir` (the running Node unless the install chose another). */
export function n8nRuntime(dir = n8nCacheDir()): NodeRuntime {
	const { runtime } = readStamp(dir);
	if (!runtime) return currentRuntime();
	const installed = installedRuntime(runtime);
	if (!installed) throw new Error(`n8n in ${dir} needs Node ${runtime}, which is not installed in ${runtimeDir(runtime)}`);
	return installed;
}


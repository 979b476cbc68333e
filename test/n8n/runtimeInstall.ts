// A Node.js from the npm registry for an n8n whose `engines.node` the running Node does not satisfy.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { run } from './command';
import { withLock } from './installLock';
import { installedRuntime, nodePackageName, runtimeDir, type NodeRuntime } from './nodeRuntime';

/** n8n's `engines.node`, asked of the registry before installing. */
export async function enginesNode(version: string): Promise<string | undefined> {
	const { stdout } = await run('npm', ['view', `n8n@${version}`, 'engines', '--json'], { cwd: os.tmpdir() });
	if (!stdout.trim()) return undefined;
	return (JSON.parse(stdout) as { node?: string }).node;
}

/** Unpacks Node `version` from the npm registry into the cache (once per machine). */
export async function installNodeRuntime(version: string, log: (line: string) => void): Promise<NodeRuntime> {
	const ready = installedRuntime(version);
	if (ready) return ready;
	const dir = runtimeDir(version);
	fs.mkdirSync(dir, { recursive: true });
	return withLock(dir, log, async () => {
		const again = installedRuntime(version);
		if (again) return again;
		const spec = `${nodePackageName()}@${version}`;
		log(`Installing Node.js ${version} from the npm registry (${spec}) into ${dir}…\n`);
		const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-node-'));
		try {
			const { stdout } = await run('npm', ['pack', spec, '--json', '--pack-destination', packDir], { cwd: packDir });
			const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
			await run('tar', ['-xzf', path.join(packDir, path.basename(filename)), '-C', dir, '--strip-components=1'], { cwd: packDir });
		} finally {
			fs.rmSync(packDir, { recursive: true, force: true });
		}
		fs.writeFileSync(path.join(dir, '.install-complete'), `${spec}\n`);
		const runtime = installedRuntime(version);
		if (!runtime) throw new Error(`${spec} unpacked into ${dir} but has no bin/node`);
		const { stdout } = await run(runtime.bin, ['--version'], { cwd: dir });
		if (stdout.trim() !== `v${version}`) throw new Error(`${runtime.bin} --version printed ${stdout.trim()}, expected v${version}`);
		return runtime;
	});
}

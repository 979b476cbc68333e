// Our package installed into an n8n user folder the way n8n's community-package installer does it,
// and the node and credential types n8n should then load from it. The harness never builds: the
// package must have been built first.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { run } from './command';

export const REPO_DIR = path.resolve(__dirname, '..', '..');

interface PackageJson {
	name: string;
	version: string;
	n8n?: { nodes?: string[]; credentials?: string[] };
	[key: string]: unknown;
}

function readPackageJson(dir: string): PackageJson {
	return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as PackageJson;
}

/** Fails with a clear message when the package was not built (the harness never builds). */
export function assertBuilt(repoDir = REPO_DIR): void {
	const pkg = readPackageJson(repoDir);
	const files = [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])];
	const missing = files.filter((file) => !fs.existsSync(path.join(repoDir, file)));
	if (!fs.existsSync(path.join(repoDir, 'dist')) || missing.length > 0) {
		throw new Error(
			`${pkg.name} is not built (missing: ${missing.length ? missing.join(', ') : 'dist/'}): run \`npm run build\` in ${repoDir} first`,
		);
	}
}

/**
 * Installs the built package like n8n's community installer: npm pack, unpack into
 * `<userFolder>/.n8n/nodes/node_modules/<name>`, drop dev/peer/optional dependencies, install the
 * rest shallowly without scripts, and list it in `<userFolder>/.n8n/nodes/package.json`.
 * n8n-workflow is not installed there: n8n resolves it from its own node_modules.
 */
export async function installPackageIntoUserFolder(
	repoDir: string,
	userFolder: string,
	log: (line: string) => void = () => undefined,
): Promise<string> {
	assertBuilt(repoDir);
	const pkg = readPackageJson(repoDir);
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const packageDir = path.join(nodesDir, 'node_modules', ...pkg.name.split('/'));
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'seatable-pack-'));
	try {
		log(`packing ${repoDir}`);
		const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
			cwd: repoDir,
		});
		const [{ filename }] = JSON.parse(stdout) as Array<{ filename: string }>;
		const tarball = path.join(packDir, path.basename(filename));
		fs.rmSync(packageDir, { recursive: true, force: true });
		fs.mkdirSync(packageDir, { recursive: true });
		await run('tar', ['-xzf', tarball, '-C', packageDir, '--strip-components=1'], { cwd: packDir });
		const packed = readPackageJson(packageDir);
		delete packed.devDependencies;
		delete packed.peerDependencies;
		delete packed.optionalDependencies;
		fs.writeFileSync(path.join(packageDir, 'package.json'), JSON.stringify(packed, null, 2) + '\n');
		log(`installing ${pkg.name}@${pkg.version} dependencies into ${packageDir}`);
		await run(
			'npm',
			[
				'install',
				'--ignore-scripts',
				'--install-strategy=shallow',
				'--omit=dev',
				'--bin-links=false',
				'--package-lock=false',
				'--no-audit',
				'--no-fund',
			],
			{ cwd: packageDir },
		);
		if (fs.existsSync(path.join(packageDir, 'node_modules', 'n8n-workflow'))) {
			throw new Error('n8n-workflow was installed into the package; n8n must provide it');
		}
		const manifestPath = path.join(nodesDir, 'package.json');
		// The same file n8n writes before its first community install.
		const manifest: { dependencies?: Record<string, string>; [key: string]: unknown } = fs.existsSync(manifestPath)
			? JSON.parse(fs.readFileSync(manifestPath, 'utf8'))
			: { name: 'installed-nodes', private: true };
		manifest.dependencies = { ...manifest.dependencies, [pkg.name]: pkg.version };
		fs.writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
		return packageDir;
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * The node and credential type names a built package should give n8n, read from the built files
 * listed in package.json `n8n` (node types are prefixed with the package name).
 */
export function expectedTypes(repoDir = REPO_DIR): { nodes: string[]; credentials: string[] } {
	const pkg = readPackageJson(repoDir);
	const namesIn = (file: string, nameOf: (instance: Record<string, unknown>) => unknown): string[] => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const exported = require(path.join(repoDir, file)) as Record<string, unknown>;
		const names: string[] = [];
		for (const value of Object.values(exported)) {
			if (typeof value !== 'function') continue;
			const name = nameOf(new (value as new () => Record<string, unknown>)());
			if (typeof name === 'string') names.push(name);
		}
		if (names.length === 0) throw new Error(`${file} exports no node or credential class`);
		return names;
	};
	return {
		nodes: (pkg.n8n?.nodes ?? []).flatMap((file) =>
			namesIn(file, (node) => (node.description as { name?: string } | undefined)?.name).map((name) => `${pkg.name}.${name}`),
		),
		credentials: (pkg.n8n?.credentials ?? []).flatMap((file) => namesIn(file, (credential) => credential.name)),
	};
}

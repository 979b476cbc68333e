// Runs the command-line tools the harness needs (npm, tar, node) without a shell, with npm settings
// of an outer `npm run` removed; a failure carries the end of stderr.
import { spawn } from 'child_process';

/** Environment for npm in the host folder: drop npm settings inherited from an outer `npm run`. */
export function cleanNpmEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (/^npm_/i.test(key)) continue;
		env[key] = value;
	}
	return { ...env, ...extra };
}

export function run(
	command: string,
	args: string[],
	options: { cwd: string; env?: NodeJS.ProcessEnv; log?: (line: string) => void },
): Promise<{ stdout: string; stderr: string }> {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, {
			cwd: options.cwd,
			env: options.env ?? cleanNpmEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', (chunk: Buffer) => {
			stdout += chunk.toString();
			options.log?.(chunk.toString());
		});
		child.stderr.on('data', (chunk: Buffer) => {
			stderr += chunk.toString();
			options.log?.(chunk.toString());
		});
		child.on('error', reject);
		child.on('close', (code, signal) => {
			if (code === 0) resolve({ stdout, stderr });
			else
				reject(
					new Error(
						`${command} ${args.join(' ')} (in ${options.cwd}) exited with ${signal ?? code}\n${stderr.slice(-4000)}`,
					),
				);
		});
	});
}

// Starts a real n8n with the built package installed and an owner and API key set up, then keeps
// it running until Ctrl-C: for a demo or for poking at the nodes by hand.
//
//   npm run build && npx tsx test/n8n/run.ts [--user-folder DIR] [--port N] [--no-package]
//
// Without --user-folder a temp folder is used and removed on exit. With it, the folder (database,
// credentials, workflows) is kept and reused: the owner then logs in instead of being created.
import { DEFAULT_OWNER, N8nInstance, REPO_DIR } from './harness';

function option(name: string): string | undefined {
	const index = process.argv.indexOf(name);
	return index >= 0 ? process.argv[index + 1] : undefined;
}

async function main(): Promise<void> {
	const userFolder = option('--user-folder');
	const port = option('--port');
	const n8n = await N8nInstance.create({ userFolder, port: port ? Number(port) : undefined });
	if (!process.argv.includes('--no-package')) await n8n.installPackage(REPO_DIR);
	let stopping = false;
	const shutdown = async () => {
		if (stopping) return;
		stopping = true;
		process.stderr.write('\nstopping n8n…\n');
		await n8n.stop();
		if (!userFolder) n8n.cleanup();
		process.exit(0);
	};
	process.on('SIGINT', () => void shutdown());
	process.on('SIGTERM', () => void shutdown());
	await n8n.start();
	await n8n.ensureOwner();
	const apiKey = await n8n.createApiKey(`run-${Date.now()}`);
	process.stdout.write(
		[
			'',
			`n8n ${n8n.version} is running: ${n8n.baseUrl}`,
			`  login:       ${DEFAULT_OWNER.email} / ${DEFAULT_OWNER.password}`,
			`  API key:     ${apiKey}  (header X-N8N-API-KEY, ${n8n.baseUrl}/api/v1)`,
			`  user folder: ${n8n.userFolder}${userFolder ? '' : ' (removed on exit)'}`,
			`  log:         ${n8n.logFile}`,
			'Ctrl-C stops it.',
			'',
		].join('\n'),
	);
}

main().catch((error: unknown) => {
	process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
	process.exit(1);
});

// n8n runs in a process group of its own (so a terminal's Ctrl-C reaches the harness, which then
// stops n8n in order). The price: if the harness dies without stopping it (SIGKILL, a crashed jest
// worker, tsx's signal relay killing its child), nothing would stop n8n. So n8n is started through
// this small guardian, connected to the harness by an IPC channel: when the channel closes without
// a stop, the guardian stops n8n itself (SIGTERM, then SIGKILL for the whole group after a grace
// period). Plain JavaScript for `node -e`: it runs before and outside any TypeScript loader.
//
//   node -e GUARDIAN_SCRIPT <n8n bin> start
export const GUARDIAN_SCRIPT = `
const { spawn } = require('child_process');
const [bin, ...args] = process.argv.slice(1);
const n8n = spawn(process.execPath, [bin, ...args], { stdio: ['ignore', 'inherit', 'inherit'] });
const forward = (signal) => { try { n8n.kill(signal); } catch {} };
process.on('SIGTERM', () => forward('SIGTERM'));
process.on('SIGINT', () => forward('SIGINT'));
process.on('disconnect', () => {
	process.stdout.write('guardian: the harness is gone; stopping n8n\\n');
	forward('SIGTERM');
	setTimeout(() => { try { process.kill(0, 'SIGKILL'); } catch {} }, ${20_000}).unref();
});
n8n.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
`;

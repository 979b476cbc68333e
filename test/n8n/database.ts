// Reads an instance's SQLite database with n8n's own sqlite3 module (so no client needs to be
// installed): for counting what n8n stored, including executions of a crashed n8n.
import * as path from 'path';

import { run } from './command';
import { n8nRuntime } from './installedN8n';

const QUERY_SCRIPT = `
const sqlite3 = require('sqlite3');
const db = new sqlite3.Database(process.argv[1], sqlite3.OPEN_READONLY);
db.all(process.argv[2], (error, rows) => {
	if (error) { process.stderr.write(String(error)); process.exit(1); }
	process.stdout.write(JSON.stringify(rows));
	db.close();
});`;

/** The rows `sql` selects from the database in `<userFolder>/.n8n`, run with the Node of the n8n in `n8nDir`. */
export async function querySqlite<T = Record<string, unknown>>(n8nDir: string, userFolder: string, sql: string): Promise<T[]> {
	const runtime = n8nRuntime(n8nDir);
	const { stdout } = await run(runtime.bin, ['-e', QUERY_SCRIPT, path.join(userFolder, '.n8n', 'database.sqlite'), sql], {
		cwd: n8nDir,
	});
	return JSON.parse(stdout) as T[];
}

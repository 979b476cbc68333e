// `npm run schemas`: writes the output schemas generated from the nodes' item types (see generator.ts).
import * as fs from 'fs';
import * as path from 'path';

import { generateSchemas, REPO_DIR } from './generator';

for (const [file, content] of generateSchemas()) {
	const target = path.join(REPO_DIR, file);
	fs.mkdirSync(path.dirname(target), { recursive: true });
	fs.writeFileSync(target, content);
	process.stdout.write(`${file}\n`);
}

// The published package must contain only dist/, README, LICENSE and package.json, and dist/ must
// hold the credential, every node listed in package.json and the icons.
const { execSync } = require('child_process');
const pkg = require('../package.json');

const files = JSON.parse(execSync('npm pack --dry-run --json --ignore-scripts', { encoding: 'utf8' }))[0].files.map((f) => f.path);
const allowed = /^(dist\/|README\.md$|LICENSE(\.md)?$|package\.json$)/;
const stray = files.filter((file) => !allowed.test(file));
const required = [
	...pkg.n8n.credentials,
	...pkg.n8n.nodes,
	'dist/nodes/icons/seatable.svg',
	'dist/nodes/icons/seatable.dark.svg',
	...['Trigger', 'Toast', 'Webhook'].flatMap((node) => [`dist/nodes/icons/seatable${node}.svg`, `dist/nodes/icons/seatable${node}.dark.svg`]),
	// The editor's schema view before the first event.
	'dist/nodes/SeaTableRealtimeTrigger/__schema__/v1.0.0.json',
	'dist/nodes/SeaTableRealtimeTrigger/__schema__/v2.0.0.json',
	'dist/nodes/SeaTableToast/__schema__/v2.0.0.json',
	'dist/nodes/SeaTableWebhook/__schema__/v1.0.0.json',
	'dist/nodes/SeaTableWebhook/__schema__/v1.1.0.json',
	'dist/nodes/SeaTableWebhookTrigger/__schema__/v1.0.0.json',
	'LICENSE',
	'README.md',
];
const missing = required.filter((file) => !files.includes(file));
if (stray.length || missing.length) {
	if (stray.length) console.error('Files that must not be published:', stray);
	if (missing.length) console.error('Files missing from the package:', missing);
	process.exit(1);
}
console.log(`package contents ok (${files.length} files)`);

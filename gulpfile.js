// Copies the node and credential icons, and the nodes' output schemas (`__schema__/*.json`, which
// n8n serves at /schemas/<node type>/<version>.json for the editor's schema view), next to the
// compiled JavaScript, where n8n looks for them (`icon: 'file:…'` and `__schema__` are resolved
// relative to the compiled node file).
const path = require('path');
const { task, src, dest, parallel } = require('gulp');

function copyNodeIcons() {
	return src(path.resolve('nodes', '**', '*.{png,svg}'), { encoding: false }).pipe(dest(path.resolve('dist', 'nodes')));
}

function copyCredentialIcons() {
	return src(path.resolve('credentials', '**', '*.{png,svg}'), { encoding: false }).pipe(
		dest(path.resolve('dist', 'credentials')),
	);
}

function copyNodeSchemas() {
	return src(path.resolve('nodes', '**', '__schema__', '**', '*.json')).pipe(dest(path.resolve('dist', 'nodes')));
}

task('build:icons', parallel(copyNodeIcons, copyCredentialIcons, copyNodeSchemas));

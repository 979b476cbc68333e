// Lint with n8n's own community-node rules, configured directly (no @n8n/node-cli: its install
// fails on Node 20).
import eslint from '@eslint/js';
import n8nCommunityNodes from '@n8n/eslint-plugin-community-nodes';
import n8nNodesBase from 'eslint-plugin-n8n-nodes-base';
import tseslint from 'typescript-eslint';

export default tseslint.config(
	{ ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.tmp/**', 'eslint.config.mjs', 'gulpfile.js'] },
	{
		files: ['**/*.ts'],
		extends: [eslint.configs.recommended, tseslint.configs.recommended],
		rules: {
			'@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
		},
	},
	{
		files: ['credentials/**/*.ts', 'nodes/**/*.ts', 'package.json'],
		...n8nCommunityNodes.configs.recommendedWithoutN8nCloudSupport,
	},
	{ plugins: { 'n8n-nodes-base': n8nNodesBase } },
	{
		files: ['package.json'],
		languageOptions: { parser: tseslint.parser, parserOptions: { extraFileExtensions: ['.json'] } },
		rules: {
			...n8nNodesBase.configs.community.rules,
			// Deliberate: socket.io-client and axios are runtime dependencies (the user's choice), so this
			// package is for self-hosted n8n and cannot be verified for n8n Cloud. See README.
			'@n8n/community-nodes/no-runtime-dependencies': 'off',
			// Deliberate: the one override serves the devDependency dtable-store 7.0.4 (the tests' oracle),
			// whose declared dtable-utils 5.0.33 is not on the registry. Overrides only act in this
			// repository's own install, never in the user's n8n; runtime dependencies stay axios + socket.io-client.
			'@n8n/community-nodes/no-overrides-field': 'off',
		},
	},
	{
		files: ['credentials/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.credentials.rules,
			// This rule wants a camelCase slug of n8n's own docs; a community credential must link to its
			// own documentation with a full URL (which @n8n/community-nodes/credential-documentation-url checks).
			'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
		},
	},
	{
		files: ['nodes/**/*.ts'],
		rules: {
			...n8nNodesBase.configs.nodes.rules,
			// These two contradict @n8n/community-nodes/node-connection-type-literal, which requires
			// `NodeConnectionTypes.Main` where these older rules want the literal 'main'.
			'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
			'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
		},
	},
	{
		// The SeaTable client core has no n8n imports by design (reusable outside n8n): it throws its
		// own SeaTableError, which the nodes turn into NodeApiError/NodeOperationError (nodes/shared/errors.ts).
		files: ['nodes/seatable-client/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
);

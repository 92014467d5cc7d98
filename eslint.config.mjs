// `n8n-node lint` runs `eslint .` over the whole repository with this config.
//
// nodes/, credentials/ and package.json get n8n's community-node config unchanged: `config` is the same
// object @n8n/node-cli's default eslint.config.mjs exports, and the two blocks below never match those paths
// (test/repo/lint.test.ts checks that). That is also what n8n's verification scanner lints.
//
// This file differs from the default, so package.json has "n8n": { "strict": false }: in strict mode
// n8n-node lint refuses any eslint.config.mjs other than the default one. See the README's Development section.
import js from '@eslint/js';
import { config } from '@n8n/node-cli/eslint';
import globals from 'globals';

/** Development tooling: tests, the HubSpot emulator, the benchmark, dev scripts. None of it is published. */
const TOOLING = ['test/**', 'bench/**', 'scripts/**'];

export default [
	...config,
	// Git-ignored build output of tools (the bench's and e2e's compiled copies, n8n installs): not source.
	{ ignores: ['.cache/**', 'coverage/**'] },
	{
		// n8n's config lints only TypeScript; the JavaScript here (.mjs scripts, build and tool configs) runs
		// in Node and gets ESLint's recommended rules.
		files: ['**/*.{js,mjs,cjs}'],
		...js.configs.recommended,
		languageOptions: { globals: { ...globals.node } },
	},
	{
		// Tooling runs in plain Node, never inside n8n: the rules that keep a node inside n8n's sandbox, and
		// the ones about node and credential classes, do not apply. JS/TS recommended rules still do.
		files: TOOLING,
		rules: {
			// servers, child processes, files, timers, process.env: what a test harness and a benchmark are made of
			'@n8n/community-nodes/no-restricted-globals': 'off',
			'@n8n/community-nodes/no-restricted-imports': 'off',
			'@n8n/community-nodes/no-dangerous-functions': 'off',
			// the emulator's fixed test tokens and client secrets are fixtures, not credentials
			'@n8n/community-nodes/no-hardcoded-secrets': 'off',
			// the emulator and sandbox are HTTP servers, not nodes; the harness re-declares n8n's own oAuth2Api
			'@n8n/community-nodes/require-node-api-error': 'off',
			'@n8n/community-nodes/credential-documentation-url': 'off',
			// command-line tools report on the terminal
			'no-console': 'off',
		},
	},
];

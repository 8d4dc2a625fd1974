// n8n's own community-node rules (the config `@n8n/node-cli` ships to n8n-nodes-starter).
// We take the variant without n8n Cloud support: the package needs runtime dependencies
// (fast-xml-parser, axios, ioredis) and a file store on the n8n host, which n8n Cloud forbids;
// operators self-host n8n anyway because WeChat checks the caller IP against a whitelist.
import { configWithoutCloudSupport } from '@n8n/node-cli/eslint';

export default [
	{
		ignores: ['dist/**', 'build/**', 'node_modules/**', 'coverage/**', '.e2e/**', '.n8n-local/**'],
	},
	...configWithoutCloudSupport,
	{
		// The spec keeps runtime dependencies on purpose: fast-xml-parser (XML), axios (HTTP),
		// ioredis (Redis store). Bundling them would hide them from `npm audit` and from n8n's own
		// community installer, which installs them next to the package.
		files: ['package.json'],
		rules: { '@n8n/community-nodes/no-runtime-dependencies': 'off' },
	},
	{
		// The encryption key, the previous key and the Redis URL (which may carry a password) are
		// secrets: anyone holding the key can read and forge every push. The rule guesses by name.
		files: ['credentials/**/*.ts'],
		rules: { '@n8n/community-nodes/credential-unnecessary-password': 'off' },
	},
	{
		// The protocol core never imports n8n (it is also used by scripts, the simulator and other
		// hosts), so it cannot throw NodeApiError; nodes/shared/errors.ts converts core errors.
		files: ['core/**/*.ts'],
		rules: { '@n8n/community-nodes/require-node-api-error': 'off' },
	},
	{
		// Tools, tests and scripts are not part of the package n8n loads; they may print.
		files: ['simulator/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.{js,mjs}'],
		rules: {
			'no-console': 'off',
			// Tests and tools start processes (n8n, Redis, builds) by design; n8n never loads them.
			'@n8n/community-nodes/no-dangerous-functions': 'off',
		},
	},
];

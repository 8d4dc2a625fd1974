/** @type {import('jest').Config} */
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	...extra,
});

// The e2e tests run real n8n under node --test (scripts/e2e.mjs, test/e2e/*.test.mjs), not jest.
module.exports = {
	projects: [project('unit'), project('integration')],
	testTimeout: 30000,
};

/** @type {import('jest').Config} */
const project = (name, extra = {}) => ({
	displayName: name,
	testEnvironment: 'node',
	testMatch: [`<rootDir>/test/${name}/**/*.test.ts`],
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
	...extra,
});

module.exports = {
	projects: [project('unit'), project('integration'), project('e2e')],
	testTimeout: 30000,
};

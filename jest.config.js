/** Jest runs the engine tests in test/ against the built package in dist/ (npm test builds first). */
module.exports = {
	testEnvironment: 'node',
	roots: ['<rootDir>/test'],
	testMatch: ['**/*.test.ts'],
	transform: {
		'^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/test/tsconfig.json' }],
	},
	setupFiles: ['<rootDir>/test/harness/jest-env.ts'],
	testTimeout: 60000,
	maxWorkers: 2,
};

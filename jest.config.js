/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/sandbox', '<rootDir>/src'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
  globalSetup: '<rootDir>/test/support/global-setup.js',
  testTimeout: 60000,
  // The sweeps are CPU-bound and independent: on a 2-core machine two workers halve the suite's time
  // (Jest's default there is one).
  maxWorkers: 2,
};

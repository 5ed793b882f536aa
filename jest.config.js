/** What every project shares. */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.jest.json' }],
  },
};

/** The end-to-end tests under one reading of Chat's per-space write quota (sandbox/chat/rate-limits.ts):
 *  test/support/per-space.js hands it to the emulator through CHAT_PER_SPACE. */
const e2e = (reading) => ({
  ...shared,
  displayName: { name: `per-space=${reading}`, color: reading === 'window' ? 'magenta' : 'cyan' },
  roots: ['<rootDir>/test/e2e'],
  globals: { CHAT_PER_SPACE: reading },
  setupFiles: ['<rootDir>/test/support/per-space.js'],
});

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/support/global-setup.js',
  // A global option: Jest ignores it in a project.
  testTimeout: 60000,
  // The sweeps are CPU-bound and independent: on a 2-core machine two workers halve the suite's time
  // (Jest's default there is one). Both e2e projects share these two workers.
  maxWorkers: 2,
  projects: [
    {
      ...shared,
      // Everything outside test/e2e: unit, bundle, sandbox, CLI and browser tests.
      displayName: 'main',
      roots: ['<rootDir>/test', '<rootDir>/sandbox', '<rootDir>/src'],
      testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
    },
    // `interval` (one write a second, the stricter) is the default reading; `window` is 60 in 60 s.
    e2e('interval'),
    e2e('window'),
  ],
};

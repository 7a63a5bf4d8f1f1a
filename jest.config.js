/** One suite for both engines: DATABASE_URL=mysql://... runs it on MySQL/MariaDB, otherwise on SQLite files. */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/src/**/*.test.ts', '<rootDir>/test/**/*.test.ts', '<rootDir>/bench/**/*.test.ts', '<rootDir>/web/src/**/*.test.ts'],
  // Real-Chromium tests need a browser a fresh machine lacks: `npm run test:browser` (jest.browser.config.js).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/browser/'],
  testTimeout: 30_000,
  maxWorkers: 2,
};

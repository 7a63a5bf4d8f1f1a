/**
 * Browser tests: real Chromium (Debian's /usr/bin/chromium, driven by playwright-core) against the real server.
 * Kept out of `npm test` because a fresh machine has no Chromium; `.ci/run` installs it and runs these.
 */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/browser/**/*.test.ts'],
  globalSetup: '<rootDir>/test/browser/build-web.js',
  testTimeout: 120_000,
  // Several Chromiums with fake cameras at once starve a small machine and make WebRTC timing flaky.
  maxWorkers: 1,
};

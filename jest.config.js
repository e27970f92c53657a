/**
 * Three projects: the unit specs next to the code (src/**\/*.spec.ts), once; the end-to-end tests (test/,
 * *.e2e-spec.ts) on SQLite files; and the same end-to-end tests again on PostgreSQL, whose global set-up
 * starts a throw-away cluster on 127.0.0.1 (test/postgres/) and stops it at the end, even on failure.
 * A file named *.sqlite.e2e-spec.ts or *.postgres.e2e-spec.ts runs on that engine only.
 * `npx jest --selectProjects unit sqlite` leaves PostgreSQL out.
 */
const base = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  testEnvironment: 'node',
  // The mutation test's sandboxes (copies of the tree, npm run mutation) are not this project's tests.
  modulePathIgnorePatterns: ['<rootDir>/reports/'],
};
const E2E = 'test/.*\\.e2e-spec\\.ts$';

module.exports = {
  // Generous: end-to-end tests spawn real processes, and CI machines are shared; a hang still fails.
  testTimeout: 120000,
  projects: [
    { ...base, displayName: 'unit', testRegex: 'src/.*\\.spec\\.ts$' },
    { ...base, displayName: 'sqlite', testRegex: E2E, testPathIgnorePatterns: ['\\.postgres\\.e2e-spec\\.ts$'] },
    {
      ...base,
      displayName: 'postgres',
      testRegex: E2E,
      testPathIgnorePatterns: ['\\.sqlite\\.e2e-spec\\.ts$'],
      setupFiles: ['<rootDir>/test/postgres/engine.ts'],
      globalSetup: '<rootDir>/test/postgres/global-setup.ts',
      globalTeardown: '<rootDir>/test/postgres/global-teardown.ts',
    },
  ],
};

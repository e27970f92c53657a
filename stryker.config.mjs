// Mutation test of the rule core and the deadline arithmetic (docs/mutation.md). Not part of CI or
// `npm test`: run it with `npm run mutation`. Only the unit specs run (jest.unit.config.js), under ts-jest.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: { projectType: 'custom', configFile: 'jest.unit.config.js', enableFindRelatedTests: false },
  mutate: [
    'src/compliance/**/*.ts',
    'src/deadlines/**/*.ts',
    '!**/*.spec.ts',
    // Spec helpers, not product code.
    '!src/compliance/testing.ts',
    // Nest wiring and HTTP adapters: reached by the end-to-end tests only, which this run does not start.
    '!src/**/*.module.ts',
    '!src/**/*.controller.ts',
    '!src/**/*.dto.ts',
  ],
  // Not copied to the sandbox: build output and run-time data (some unit specs read test/fixtures and docs/).
  ignorePatterns: ['/dist', '/data', '/coverage', '/reports', '/tmp'],
  coverageAnalysis: 'perTest',
  // Two cores shared with other work: one test process.
  concurrency: 1,
  timeoutMS: 30000,
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 90, low: 85, break: null },
  tempDirName: 'reports/.stryker-tmp',
  cleanTempDir: true,
};

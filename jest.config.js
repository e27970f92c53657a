/** Unit specs sit next to the code (src/**\/*.spec.ts); end-to-end tests in test/ (*.e2e-spec.ts). */
module.exports = {
  rootDir: '.',
  moduleFileExtensions: ['js', 'json', 'ts'],
  testRegex: '(src/.*\\.spec|test/.*\\.e2e-spec)\\.ts$',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.spec.json' }] },
  testEnvironment: 'node',
  testTimeout: 60000,
};

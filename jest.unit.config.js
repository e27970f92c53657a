/**
 * The unit project of jest.config.js alone (src/**\/*.spec.ts, ts-jest), for tools that take one jest
 * configuration: the mutation test (stryker.config.mjs) runs these specs only, never the end-to-end tests.
 */
const { projects } = require('./jest.config');

const unit = projects.find((p) => p.displayName === 'unit');
if (!unit) throw new Error('jest.config.js has no "unit" project');
module.exports = unit;

/**
 * The jest configuration of the mutation test (stryker.config.mjs, docs/mutation.md): the unit project of
 * jest.config.js (ts-jest), narrowed to the specs of the two mutated folders, src/compliance and
 * src/deadlines. Specs elsewhere reach this code too, but the score measures what these folders' own specs
 * catch, and each mutant that needs every spec re-run costs a third as much.
 */
const { projects } = require('./jest.config');

const unit = projects.find((p) => p.displayName === 'unit');
if (!unit) throw new Error('jest.config.js has no "unit" project');
// MUTATION_SPECS=deadlines (or compliance) narrows to one folder's specs: a run over one folder is then
// several times cheaper, since each mutant's covering specs are re-loaded for it.
const folders = process.env.MUTATION_SPECS ?? 'compliance|deadlines';
if (!/^[a-z|]+$/.test(folders)) throw new Error(`MUTATION_SPECS: folder names separated by |, not ${folders}`);
module.exports = { ...unit, testRegex: `src/(${folders})/.*\\.spec\\.ts$` };

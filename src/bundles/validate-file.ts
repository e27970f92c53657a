/* Standalone check of bundle files, no database: `node dist/bundles/validate-file.js seeds/*.json`. */
import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { validateBundle } from './bundle-validation';

let failed = false;
for (const file of process.argv.slice(2)) {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`${file}: not JSON: ${(e as Error).message}`);
    failed = true;
    continue;
  }
  const { problems } = validateBundle(raw);
  if (problems.length) {
    failed = true;
    console.error(`${file}: ${problems.length} problem(s)`);
    for (const p of problems) console.error(`  ${p.field}: ${p.problem}`);
  } else console.log(`${file}: valid`);
}
process.exit(failed ? 1 : 0);

// Prints the mutation score of each mutated folder from Stryker's JSON report (npm run mutation).
// Score as Stryker counts it: detected (killed, timeout) over valid (detected, survived, no coverage);
// ignored mutants and those that do not compile or crash are left out.
// Several reports may be given (`node scripts/mutation-score.mjs a.json b.json`): runs over separate files
// (stryker run --mutate FILE) add up; where two reports hold the same file, the later one counts.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';

const REPORTS = process.argv.length > 2 ? process.argv.slice(2) : ['reports/mutation/mutation.json'];
const FOLDERS = ['src/compliance', 'src/deadlines'];
const FLOOR = 85;

const report = { files: {} };
for (const path of REPORTS) {
  for (const [file, entry] of Object.entries(JSON.parse(readFileSync(path, 'utf8')).files)) {
    report.files[relative(process.cwd(), file).replaceAll('\\', '/')] = entry;
  }
}
const rows = FOLDERS.map((folder) => {
  const count = { killed: 0, timeout: 0, survived: 0, noCoverage: 0 };
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const path = relative(process.cwd(), file).replaceAll('\\', '/');
    if (!path.startsWith(`${folder}/`)) continue;
    for (const { status } of mutants) {
      if (status === 'Killed') count.killed += 1;
      else if (status === 'Timeout') count.timeout += 1;
      else if (status === 'Survived') count.survived += 1;
      else if (status === 'NoCoverage') count.noCoverage += 1;
    }
  }
  const detected = count.killed + count.timeout;
  const valid = detected + count.survived + count.noCoverage;
  return { folder, ...count, score: valid === 0 ? NaN : (100 * detected) / valid };
});

console.log('\nMutation score per folder (floor %d %%):', FLOOR);
for (const r of rows) {
  if (Number.isNaN(r.score)) {
    console.log(`  ${r.folder.padEnd(16)} not in ${REPORTS.length > 1 ? 'these reports' : 'this report'}`);
    continue;
  }
  console.log(
    `  ${r.folder.padEnd(16)} ${r.score.toFixed(2).padStart(6)} %  (killed ${r.killed}, timeout ${r.timeout}, survived ${r.survived}, no coverage ${r.noCoverage})`,
  );
}
const below = rows.filter((r) => !(r.score >= FLOOR));
if (below.length > 0) {
  console.log(`Below ${FLOOR} % or not measured: ${below.map((r) => r.folder).join(', ')}`);
  process.exitCode = 1;
}

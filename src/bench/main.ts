/*
 * `npm run bench`: rule-engine figures on synthetic organisations of 1 000 and 10 000 treatments.
 * Each size runs in its own process so that its peak memory is its own. Figures are printed, never
 * asserted: speed is measured here, not in tests.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const SIZES = [1_000, 10_000];
const RUNS = 5;

interface DocumentFigures {
  pages: number;
  renderMs: number;
  floorMs: number;
  htmlMs: number;
}

interface Figures {
  treatments: number;
  findings: number;
  importMs: number;
  snapshotMs: number;
  evaluateMs: number;
  evaluateMinMs: number;
  peakRssMb: number;
  document?: DocumentFigures;
  /** The bare driver inserting the rows the import wrote (better-sqlite3, prepared, one transaction). */
  importFloorMs: number;
  answers: import('./answers').AnswerFigures;
}

async function measure(size: number): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'registre-bench-'));
  const { loadConfig } = await import('../config/config');
  const config = { ...loadConfig(), database: { kind: 'sqlite' as const, path: join(dir, 'bench.sqlite') } };
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../app.module');
  const { BundlesService } = await import('../bundles/bundles.service');
  const { SnapshotService } = await import('../snapshot/snapshot.service');
  const { evaluate } = await import('../compliance/engine');
  const { syntheticBundle } = await import('./synthetic');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: false });
  try {
    const bundle = syntheticBundle(size);
    const { measureAnswers, sqliteInsertFloorMs } = await import('./answers');
    const empty = join(dir, 'empty.sqlite');
    const copy = new (await import('better-sqlite3')).default(config.database.path);
    copy.exec(`VACUUM INTO '${empty}'`); // the migrated schema, no rows: where the floor inserts
    copy.close();
    let t = performance.now();
    await app.get(BundlesService).import(bundle);
    const importMs = performance.now() - t;
    const importFloorMs = sqliteInsertFloorMs(config.database.path, empty, bundle.organisation.slug);
    const answers = await measureAnswers(app, bundle.organisation.slug);

    t = performance.now();
    const snapshot = await app.get(SnapshotService).build(bundle.organisation.slug, '2026-06-01');
    const snapshotMs = performance.now() - t;

    const times: number[] = [];
    let findings = 0;
    for (let i = 0; i < RUNS; i++) {
      t = performance.now();
      findings = evaluate(snapshot).findings.length;
      times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    const document = size <= 1_000 ? await measureDocument(app, bundle.organisation.slug) : undefined;
    return {
      document,
      importFloorMs,
      answers,
      treatments: size,
      findings,
      importMs,
      snapshotMs,
      evaluateMs: times[Math.floor(RUNS / 2)],
      evaluateMinMs: times[0],
      peakRssMb: process.resourceUsage().maxRSS / 1024,
    };
  } finally {
    await app.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The 1 000-treatment register through the whole pipeline (snapshot, view model, Handlebars, Chromium),
 * against the floor: the same final HTML printed by a bare Chromium page with the same options.
 */
async function measureDocument(
  app: Awaited<ReturnType<(typeof import('@nestjs/core'))['NestFactory']['createApplicationContext']>>,
  slug: string,
): Promise<DocumentFigures> {
  const { DocumentsService } = await import('../documents/documents.service');
  const { APP_CONFIG } = await import('../config/config.module');
  const { launch } = await import('puppeteer-core');
  const documents = app.get(DocumentsService);
  const request = { kind: 'register-controller' as const, slug, asOf: '2026-06-01' };
  await documents.pdf(request); // warm: browser started, templates compiled
  let t = performance.now();
  const html = await documents.html(request);
  const htmlMs = performance.now() - t;
  const runs: number[] = [];
  let pages = 0;
  for (let i = 0; i < 3; i++) {
    t = performance.now();
    const doc = await documents.pdf(request);
    runs.push(performance.now() - t);
    pages = (doc.pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  }
  const browser = await launch({
    executablePath: app.get<import('../config/config').AppConfig>(APP_CONFIG).render.executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const floors: number[] = [];
  try {
    for (let i = 0; i < 4; i++) {
      t = performance.now();
      const page = await browser.newPage();
      await page.setContent(html.html, { waitUntil: 'load' });
      await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: '<span class="pageNumber"></span>',
        margin: { top: '22mm', bottom: '20mm', left: '16mm', right: '16mm' },
      });
      await page.close();
      if (i > 0) floors.push(performance.now() - t);
    }
  } finally {
    await browser.close();
  }
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return { pages, renderMs: median(runs), floorMs: median(floors), htmlMs };
}

function child(size: number): Figures {
  const res = spawnSync(process.execPath, [__filename, '--size', String(size)], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`bench for ${size} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as Figures;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--size');
  if (at > 0) {
    process.stdout.write(`${JSON.stringify(await measure(Number(process.argv[at + 1])))}\n`);
    return;
  }
  const rows = SIZES.map(child);
  const f = (n: number) => n.toFixed(1).padStart(9);
  console.log('Registre rule engine — synthetic organisations (SQLite, asOf 2026-06-01)');
  console.log('treatments  findings  import ms  snapshot ms  evaluate ms (median of 5, min)  peak RSS MB');
  for (const r of rows) {
    console.log(
      `${String(r.treatments).padStart(10)}  ${String(r.findings).padStart(8)}  ${f(r.importMs)}  ${f(r.snapshotMs)}    ${f(r.evaluateMs)} (${r.evaluateMinMs.toFixed(1)})          ${f(r.peakRssMb)}`,
    );
  }
  const [small, large] = rows;
  const growth = (a: number, b: number) => (b / a / (large.treatments / small.treatments)).toFixed(2);
  console.log(
    `growth per treatment ×${large.treatments / small.treatments}: snapshot ${growth(small.snapshotMs, large.snapshotMs)}, evaluate ${growth(small.evaluateMs, large.evaluateMs)} (1.00 = linear)`,
  );
  console.log(
    `evaluation of ${large.treatments} treatments: ${large.evaluateMs.toFixed(0)} ms (aim: well under 1 000 ms)`,
  );
  console.log('');
  console.log(`Answers at ${large.treatments} treatments (SQLite; medians of 5), each beside its floor:`);
  const a = large.answers;
  const ratio = (x: number, floor: number) => (x / floor).toFixed(2);
  console.log(
    `  snapshot build ${a.snapshotMs.toFixed(0)} ms; floor (the same ${a.snapshotQueries} queries, raw) ${a.snapshotFloorMs.toFixed(0)} ms; ratio ${ratio(a.snapshotMs, a.snapshotFloorMs)} (aim: within 1.30)`,
  );
  console.log(
    `  evaluation ${a.evaluateMs.toFixed(0)} ms in one piece, ${a.evaluateSlicedMs.toFixed(0)} ms in slices (aim: 150 ms); ${ratio(a.evaluateMs, a.snapshotFloorMs)}× the snapshot floor`,
  );
  console.log(
    `  one cold findings request ${a.coldMs.toFixed(0)} ms; longest event-loop stall meanwhile ${a.coldMaxStallMs.toFixed(0)} ms (aim: 50 ms; ${ratio(a.coldMaxStallMs, 50)} of it)`,
  );
  console.log(
    `  the same request warm (cached answer) ${a.warmMs.toFixed(2)} ms; ${ratio(a.coldMs, a.warmMs)}× faster than cold`,
  );
  console.log(
    `  import of a new organisation ${large.importMs.toFixed(0)} ms; floor (better-sqlite3 inserting the same rows in one transaction) ${large.importFloorMs.toFixed(0)} ms; ratio ${ratio(large.importMs, large.importFloorMs)} (aim: within 2.00)`,
  );
  const doc = small.document;
  if (doc) {
    console.log('');
    console.log(`Register PDF, ${small.treatments} treatments (${doc.pages} pages), warm browser, median of 3:`);
    console.log(
      `  whole pipeline ${doc.renderMs.toFixed(0)} ms (of which snapshot + view model + HTML ${doc.htmlMs.toFixed(0)} ms)`,
    );
    console.log(`  floor (same HTML printed by a bare Chromium page) ${doc.floorMs.toFixed(0)} ms`);
    console.log(
      `  ratio ${(doc.renderMs / doc.floorMs).toFixed(2)} (aim: within 1.30); Node peak RSS ${small.peakRssMb.toFixed(0)} MB`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

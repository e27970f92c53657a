/*
 * `npm run bench`: rule-engine figures on synthetic organisations of 1 000 and 10 000 treatments, and
 * the 1 000-treatment register as PDF beside its floor (`npm run bench -- --pdf 5000`: that size only).
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
const DOCUMENT_RUNS = 3;

interface DocumentFigures {
  treatments: number;
  pages: number;
  chunks: number;
  renderMs: number;
  floorMs: number;
  htmlMs: number;
  firstMs: number;
  cachedMs: number;
  peakChromiumMb: number;
  floorPeakChromiumMb: number;
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
  importFloorMs?: number;
  /** Left out of the document-only run (`--pdf SIZE`). */
  answers?: import('./answers').AnswerFigures;
  /** The register table beside LibreOffice printing the same rows (the 1 000-treatment run). */
  table?: import('./table-peer').TablePeerFigures;
}

async function measure(size: number, documentOnly = false): Promise<Figures> {
  const dir = mkdtempSync(join(tmpdir(), 'registre-bench-'));
  const { loadConfig } = await import('../config/config');
  const config = {
    ...loadConfig(),
    database: { kind: 'sqlite' as const, path: join(dir, 'bench.sqlite') },
    documents: { cacheDir: join(dir, 'documents'), cacheMb: 2048 },
  };
  const { NestFactory } = await import('@nestjs/core');
  const { AppModule } = await import('../app.module');
  const { BundlesService } = await import('../bundles/bundles.service');
  const { SnapshotService } = await import('../snapshot/snapshot.service');
  const { evaluate } = await import('../compliance/engine');
  const { syntheticBundle } = await import('./synthetic');
  const app = await NestFactory.createApplicationContext(AppModule.forRoot({ config }), { logger: false });
  try {
    const bundle = syntheticBundle(size);
    if (documentOnly) {
      await app.get(BundlesService).import(bundle);
      const document = await measureDocument(app, bundle.organisation.slug, size, 1);
      return {
        document,
        treatments: size,
        findings: 0,
        importMs: 0,
        snapshotMs: 0,
        evaluateMs: 0,
        evaluateMinMs: 0,
        peakRssMb: 0,
      };
    }
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
    const document =
      size <= 1_000 ? await measureDocument(app, bundle.organisation.slug, size, DOCUMENT_RUNS) : undefined;
    const table =
      size <= 1_000
        ? await (await import('./table-peer')).measureTablePeer(app, bundle.organisation.slug, DOCUMENT_RUNS)
        : undefined;
    return {
      document,
      table,
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

type App = Awaited<ReturnType<(typeof import('@nestjs/core'))['NestFactory']['createApplicationContext']>>;

/**
 * The register through the whole pipeline (snapshot, view model, Handlebars, Chromium in chunks on
 * parallel pages), against the floor: the same final HTML in one piece printed by one bare Chromium
 * page. Runs alternate (pipeline, floor, pipeline, …) so that a busy machine weighs on both alike.
 * Then the cache: the first request of a document against the same request again.
 */
async function measureDocument(app: App, slug: string, treatments: number, runs: number): Promise<DocumentFigures> {
  const { DocumentsService } = await import('../documents/documents.service');
  const { PdfRenderer, LAUNCH_ARGS, processTreeMemoryMb } = await import('../documents/pdf-renderer');
  const { APP_CONFIG } = await import('../config/config.module');
  const { launch } = await import('puppeteer-core');
  const { PDFDocument } = await import('pdf-lib');
  const config = app.get<import('../config/config').AppConfig>(APP_CONFIG);
  const documents = app.get(DocumentsService);
  const renderer = app.get(PdfRenderer);
  const request = { kind: 'register-controller' as const, slug, asOf: '2026-06-01' };
  const peak = async <T>(pid: () => Promise<number | undefined>, work: () => Promise<T>) => {
    let max = 0;
    const sample = async () => {
      const p = await pid();
      if (p) max = Math.max(max, processTreeMemoryMb(p));
    };
    // Once a second: reading /proc (smaps_rollup walks each process's page tables) costs CPU the
    // render competes for; more often, the sampling itself slowed the measured pipeline.
    const timer = setInterval(() => void sample(), 1000);
    try {
      return { result: await work(), peakMb: max };
    } finally {
      clearInterval(timer);
    }
  };

  const browser = await launch({
    executablePath: config.render.executablePath,
    headless: true,
    args: LAUNCH_ARGS,
    protocolTimeout: 3_600_000,
  });
  const floorPid = async () => browser.process()?.pid;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const pipeline: number[] = [];
  const floors: number[] = [];
  let html = '';
  let htmlMs = 0;
  let pages = 0;
  let chunks = 0;
  let peakChromiumMb = 0;
  let floorPeakChromiumMb = 0;
  try {
    await renderer.pdf('<p>warm</p>'); // browser started, templates compiled
    for (let i = 0; i < runs; i++) {
      let t = performance.now();
      const doc = await documents.html(request);
      htmlMs = performance.now() - t;
      html = doc.html;
      const before = renderer.printedChunks;
      const printed = await peak(
        () => renderer.browserPid(),
        () => renderer.pdf(doc.html, { pageLabel: 'Page' }),
      );
      pipeline.push(performance.now() - t);
      chunks = renderer.printedChunks - before;
      peakChromiumMb = Math.max(peakChromiumMb, printed.peakMb);
      pages = (await PDFDocument.load(printed.result, { updateMetadata: false })).getPageCount();

      t = performance.now();
      const floor = await peak(floorPid, async () => {
        const page = await browser.newPage();
        await page.setContent(html, { waitUntil: 'load', timeout: 0 });
        await page.pdf({ format: 'A4', printBackground: true, timeout: 0 });
        await page.close();
      });
      floors.push(performance.now() - t);
      floorPeakChromiumMb = Math.max(floorPeakChromiumMb, floor.peakMb);
    }
  } finally {
    await browser.close();
  }
  let t = performance.now();
  await documents.pdf(request);
  const firstMs = performance.now() - t;
  t = performance.now();
  const again = await documents.pdf(request);
  const cachedMs = performance.now() - t;
  if (again.cache !== 'hit') throw new Error(`the repeated document was not served from the cache (${again.cache})`);
  return {
    treatments,
    pages,
    chunks,
    renderMs: median(pipeline),
    floorMs: median(floors),
    htmlMs,
    firstMs,
    cachedMs,
    peakChromiumMb,
    floorPeakChromiumMb,
  };
}

function printDocument(doc: DocumentFigures, runs: number): void {
  console.log('');
  console.log(
    `Register PDF, ${doc.treatments} treatments (${doc.pages} pages, ${doc.chunks} prints), warm browser, median of ${runs}:`,
  );
  console.log(
    `  whole pipeline ${doc.renderMs.toFixed(0)} ms (of which snapshot + view model + HTML ${doc.htmlMs.toFixed(0)} ms)`,
  );
  console.log(`  floor (same HTML in one piece printed by one bare Chromium page) ${doc.floorMs.toFixed(0)} ms`);
  console.log(`  ratio ${(doc.renderMs / doc.floorMs).toFixed(2)} (aim: at most 0.65 on 2 cores)`);
  console.log(
    `  Chromium peak memory (PSS, all its processes) ${doc.peakChromiumMb.toFixed(0)} MB, floor ${doc.floorPeakChromiumMb.toFixed(0)} MB: ratio ${(doc.peakChromiumMb / doc.floorPeakChromiumMb).toFixed(2)}`,
  );
  console.log(
    `  repeated request (disk cache) ${doc.cachedMs.toFixed(1)} ms against ${doc.firstMs.toFixed(0)} ms the first time: ratio ${(doc.cachedMs / doc.firstMs).toFixed(4)}`,
  );
}

function child(size: number, documentOnly = false): Figures {
  const args = [__filename, '--size', String(size), ...(documentOnly ? ['--document'] : [])];
  const res = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (res.status !== 0) throw new Error(`bench for ${size} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as Figures;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--size');
  if (at > 0) {
    const figures = await measure(Number(process.argv[at + 1]), process.argv.includes('--document'));
    process.stdout.write(`${JSON.stringify(figures)}\n`);
    return;
  }
  // `npm run bench -- --pdf 5000`: the register of that size only, printed once (and its floor once).
  const pdf = process.argv.indexOf('--pdf');
  if (pdf > 0) {
    const doc = child(Number(process.argv[pdf + 1]), true).document;
    if (doc) printDocument(doc, 1);
    return;
  }
  const rows = SIZES.map((size) => child(size));
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
  const a = large.answers;
  const floor = large.importFloorMs;
  if (a && floor !== undefined) {
    console.log('');
    console.log(`Answers at ${large.treatments} treatments (SQLite; medians of 5), each beside its floor:`);
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
      `  import of a new organisation ${large.importMs.toFixed(0)} ms; floor (better-sqlite3 inserting the same rows in one transaction) ${floor.toFixed(0)} ms; ratio ${ratio(large.importMs, floor)} (aim: within 2.00)`,
    );
  }
  if (small.document) printDocument(small.document, DOCUMENT_RUNS);
  const table = small.table;
  if (table) {
    console.log('');
    console.log(
      `Register table, ${table.rows} treatments × ${table.columns} columns, median of ${DOCUMENT_RUNS} (alternating):`,
    );
    console.log(
      `  Registre (whole pipeline, warm browser) ${table.registreMs.toFixed(0)} ms, ${table.registrePages} pages`,
    );
    console.log(
      `  peer: LibreOffice printing the same cells from a spreadsheet (soffice --convert-to pdf, start to exit) ${table.peerMs.toFixed(0)} ms, ${table.peerPages} pages`,
    );
    console.log(`  ratio ${(table.registreMs / table.peerMs).toFixed(2)} (aim: at most 1.00)`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

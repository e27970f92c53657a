/*
 * `npx nest build && node dist/bench/spreadsheets.js`: the spreadsheet libraries measured on Registre's
 * own workbook of a synthetic organisation (1 000 treatments), to justify docs/spreadsheets.md. Each
 * figure comes from its own process, so that its peak memory is its own. Printed, never asserted.
 *
 * Readers: SheetJS (@e965/xlsx 0.20.3, values only, as read.ts calls it) and exceljs (XLSX only).
 * Writers: exceljs (XLSX) and Registre's ODS writer, against SheetJS writing the same cells.
 */
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { checkZip, readZipEntry, writeZip } from '../spreadsheets/zip';

const TREATMENTS = 1_000;
const RUNS = 3;

type Op =
  | 'write-xlsx-exceljs'
  | 'write-ods-registre'
  | 'write-xlsx-sheetjs'
  | 'write-ods-sheetjs'
  | 'read-xlsx-sheetjs'
  | 'read-ods-sheetjs'
  | 'read-xlsx-exceljs'
  | 'refuse-zip-bomb';

interface Figures {
  op: Op;
  ms: number;
  bytes?: number;
  /** Drop-down lists present in the written file. */
  validations?: boolean;
  rows?: number;
  peakRssMb: number;
}

async function model() {
  const { syntheticBundle } = await import('./synthetic');
  const { registreWorkbook } = await import('../spreadsheets/registre-workbook');
  return registreWorkbook(syntheticBundle(TREATMENTS), {
    lang: 'fr',
    generatedOn: '2026-06-01',
    created: new Date('2026-06-01T00:00:00Z'),
  });
}

/** The same cells as SheetJS writes them (it writes no data validation in its community edition). */
async function sheetjsWrite(workbook: Awaited<ReturnType<typeof model>>, format: 'xlsx' | 'ods'): Promise<Buffer> {
  const XLSX = await import('@e965/xlsx');
  const wb = XLSX.utils.book_new();
  for (const sheet of workbook.sheets) {
    const rows = [
      sheet.columns.map((c) => c.header),
      sheet.columns.map((c) => c.note ?? ''),
      ...sheet.rows.map((r) => r.map((c) => (c && typeof c === 'object' ? c.date : c))),
    ];
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(rows), sheet.name.slice(0, 31));
  }
  return XLSX.write(wb, { type: 'buffer', bookType: format, compression: true }) as Buffer;
}

function hasValidations(file: Buffer, format: 'xlsx' | 'ods'): boolean {
  // Inflated through the same checked reader the import uses.
  const limits = { maxEntries: 10_000, maxUnzippedBytes: 1024 * 1048576 };
  const xml = checkZip(file, limits)
    .filter((e) => (format === 'xlsx' ? /^xl\/worksheets\/.*\.xml$/ : /^content\.xml$/).test(e.name))
    .map((e) => readZipEntry(file, e, limits).toString('utf8'))
    .join('');
  return format === 'xlsx' ? /<dataValidation[ >]/.test(xml) : /<table:content-validation[ >]/.test(xml);
}

async function run(op: Op, dir: string): Promise<Omit<Figures, 'peakRssMb'>> {
  const times: number[] = [];
  // The workbook's cells are built before any timing: only writing and reading are measured.
  const workbook = op.startsWith('write') ? await model() : undefined;
  // Libraries loaded before any timing too.
  await import(op.includes('exceljs') ? 'exceljs' : '@e965/xlsx');
  let result: Omit<Figures, 'peakRssMb' | 'ms'> = { op };
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    switch (op) {
      case 'write-xlsx-exceljs':
      case 'write-ods-registre': {
        const { writeWorkbook } = await import('../spreadsheets/writers');
        const format = op === 'write-xlsx-exceljs' ? 'xlsx' : 'ods';
        const file = await writeWorkbook(workbook!, format);
        writeFileSync(join(dir, `workbook.${format}`), file);
        result = { op, bytes: file.length, validations: hasValidations(file, format) };
        break;
      }
      case 'write-xlsx-sheetjs':
      case 'write-ods-sheetjs': {
        const format = op === 'write-xlsx-sheetjs' ? 'xlsx' : 'ods';
        const file = await sheetjsWrite(workbook!, format);
        result = { op, bytes: file.length, validations: hasValidations(file, format) };
        break;
      }
      case 'read-xlsx-sheetjs':
      case 'read-ods-sheetjs': {
        const { readTable } = await import('../spreadsheets/read');
        const table = readTable(readFileSync(join(dir, `workbook.${op === 'read-xlsx-sheetjs' ? 'xlsx' : 'ods'}`)));
        result = { op, rows: table.sheets.reduce((n, s) => n + s.rows.length, 0) };
        break;
      }
      case 'read-xlsx-exceljs': {
        const ExcelJS = (await import('exceljs')).default;
        const wb = new ExcelJS.Workbook();
        await wb.xlsx.load(readFileSync(join(dir, 'workbook.xlsx')) as unknown as Parameters<typeof wb.xlsx.load>[0]);
        let rows = 0;
        wb.eachSheet((ws) => ws.eachRow(() => rows++));
        result = { op, rows };
        break;
      }
      case 'refuse-zip-bomb': {
        // Made outside the timing; its peak memory is mostly the 200 MB it is made from.
        const bomb = writeZip([{ name: 'content.xml', data: Buffer.alloc(200 * 1048576, 0x20) }]);
        // Headers that lie (1 byte announced): refused only once 100 MB are inflated, the worst case.
        const central = bomb.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
        bomb.writeUInt32LE(1, central + 24);
        bomb.writeUInt32LE(1, 22);
        const t0 = performance.now();
        try {
          checkZip(bomb, { maxEntries: 1000, maxUnzippedBytes: 100 * 1048576 });
          throw new Error('the bomb was not refused');
        } catch (error) {
          if ((error as { code?: string }).code !== 'file_too_large') throw error;
        }
        times.push(performance.now() - t0);
        result = { op, bytes: bomb.length };
        continue;
      }
    }
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { ...result, ms: times[Math.floor(times.length / 2)] };
}

function child(op: Op, dir: string): Figures {
  const res = spawnSync(process.execPath, [__filename, '--op', op, '--dir', dir], { encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`${op} failed:\n${res.stderr}`);
  return JSON.parse(res.stdout.trim().split('\n').pop() ?? '{}') as Figures;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--op');
  if (at > 0) {
    const figures = await run(process.argv[at + 1] as Op, process.argv[process.argv.indexOf('--dir') + 1]);
    process.stdout.write(`${JSON.stringify({ ...figures, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'registre-bench-sheets-'));
  try {
    const ops: Op[] = [
      'write-xlsx-exceljs',
      'write-ods-registre',
      'write-xlsx-sheetjs',
      'write-ods-sheetjs',
      'read-xlsx-sheetjs',
      'read-ods-sheetjs',
      'read-xlsx-exceljs',
      'refuse-zip-bomb',
    ];
    console.log(
      `Registre's workbook of ${TREATMENTS} synthetic treatments (cells built before timing); median of ${RUNS}, each operation in its own process`,
    );
    console.log('operation             ms      bytes  drop-downs   rows  peak RSS MB');
    for (const op of ops) {
      const f = child(op, dir);
      console.log(
        `${op.padEnd(20)} ${f.ms.toFixed(0).padStart(5)} ${String(f.bytes ?? '').padStart(10)}  ${f.validations === undefined ? '' : f.validations ? 'yes' : 'no'}`.padEnd(
          50,
        ) + `${String(f.rows ?? '').padStart(6)}  ${f.peakRssMb.toFixed(0).padStart(11)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

void main();

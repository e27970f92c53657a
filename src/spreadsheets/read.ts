import * as XLSX from '@e965/xlsx';
import { parseDelimited } from './delimited';
import { FileRefusedError } from './file-errors';
import { Cell, Sheet, Table } from './table';
import { checkZip, isZip, readZipEntry, ZipEntry } from './zip';

/** What an untrusted file may cost before it is refused (see config: IMPORT_MAX_*). */
export interface ReadLimits {
  maxBytes: number;
  maxUnzippedBytes: number;
  maxEntries: number;
  maxRows: number;
}

export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: 10 * 1048576,
  maxUnzippedBytes: 100 * 1048576,
  maxEntries: 1000,
  maxRows: 50_000,
};

const ODS_MIME = 'application/vnd.oasis.opendocument.spreadsheet';

interface DateCode {
  y: number;
  m: number;
  d: number;
  H: number;
  M: number;
}
/** SheetJS types its number-format library as `any`; these are the two functions used. */
const SSF = XLSX.SSF as {
  is_date(format: string): boolean;
  parse_date_code(value: number, options?: { date1904?: boolean }): DateCode | null;
};

/**
 * Reads an untrusted ODS, XLSX, CSV or pasted table into sheets of values. The archive is checked
 * first (size, entries, decompressed bytes — see zip.ts); SheetJS then reads cell values only:
 * formulas are not parsed (`cellFormula: false`) and never evaluated — a formula cell gives the value
 * the file last stored for it —, macros are not loaded (`bookVBA: false`), rich text and styles are
 * dropped. Legacy binary .xls and encrypted workbooks are refused: they need a far larger parser.
 */
export function readTable(data: Buffer, limits: ReadLimits = DEFAULT_READ_LIMITS): Table {
  if (data.length > limits.maxBytes) {
    throw new FileRefusedError(
      'file_too_large',
      `The file is ${megabytes(data.length)} MB; at most ${megabytes(limits.maxBytes)} MB are accepted`,
    );
  }
  if (data.length === 0) throw new FileRefusedError('file_unreadable', 'The file is empty');
  if (isZip(data)) return readArchive(data, limits);
  if (data.length >= 8 && data.readUInt32BE(0) === 0xd0cf11e0) {
    throw new FileRefusedError(
      'unsupported_file',
      'This is a legacy binary Excel file (.xls) or an encrypted workbook: save it as .xlsx or .ods without a password, then import that',
    );
  }
  const text = decodeText(data);
  const rows = parseDelimited(text);
  if (rows.length > limits.maxRows) throw tooManyRows(limits);
  return {
    format: 'csv',
    sheets: [{ name: 'CSV', rows: rows.map((r) => r.map((v) => (v === '' ? undefined : { text: v }))) }],
    notes: [],
  };
}

function megabytes(n: number): string {
  return (n / 1048576).toFixed(n < 1048576 ? 2 : 0);
}

function tooManyRows(limits: ReadLimits): FileRefusedError {
  return new FileRefusedError('file_too_large', `A sheet has more than ${limits.maxRows} rows`);
}

function readArchive(data: Buffer, limits: ReadLimits): Table {
  const entries = checkZip(data, limits);
  const names = new Set(entries.map((e) => e.name));
  const notes: string[] = [];
  let format: Table['format'];
  const mimetype = entries.find((e) => e.name === 'mimetype');
  if (mimetype && readZipEntry(data, mimetype, limits).toString('utf8').trim() === ODS_MIME) {
    format = 'ods';
    if (entries.some((e) => e.name.startsWith('Basic/') || e.name.startsWith('Scripts/'))) {
      notes.push('macros ignored');
    }
  } else if (names.has('xl/workbook.xml') || names.has('xl/workbook.bin')) {
    if (names.has('xl/workbook.bin')) {
      throw new FileRefusedError('unsupported_file', 'Binary Excel workbooks (.xlsb) are not accepted: save as .xlsx');
    }
    format = 'xlsx';
    if (names.has('xl/vbaProject.bin')) notes.push('macros ignored');
  } else {
    throw new FileRefusedError(
      'unsupported_file',
      describeOtherArchive(entries, mimetype && readZipEntry(data, mimetype, limits)),
    );
  }
  let workbook: XLSX.WorkBook;
  // SheetJS reports some formats it only approximates on console.error; they mean nothing to a DPO.
  const consoleError = console.error;
  console.error = () => undefined;
  try {
    workbook = XLSX.read(data, {
      type: 'buffer',
      dense: true,
      cellFormula: false,
      cellHTML: false,
      cellStyles: false,
      cellNF: true,
      cellDates: false,
      bookVBA: false,
      bookFiles: false,
      sheetStubs: false,
      sheetRows: limits.maxRows + 1,
    });
  } catch (error) {
    throw new FileRefusedError(
      'file_unreadable',
      `The ${format.toUpperCase()} file cannot be read: ${(error as Error).message ?? String(error)}`.slice(0, 300),
    );
  } finally {
    console.error = consoleError;
  }
  const sheets: Sheet[] = workbook.SheetNames.map((name, i) => {
    const ws = workbook.Sheets[name];
    if (ws['!fullref'] && XLSX.utils.decode_range(String(ws['!fullref'])).e.r > limits.maxRows)
      throw tooManyRows(limits);
    const hidden = Boolean(workbook.Workbook?.Sheets?.[i]?.Hidden);
    if (hidden) notes.push(`hidden sheet "${name}" read`);
    return { name, hidden, rows: denseRows(ws) };
  });
  return { format, sheets, notes };
}

function describeOtherArchive(entries: ZipEntry[], mimetype?: Buffer): string {
  const mime = mimetype?.toString('utf8').trim();
  if (entries.some((e) => e.name === 'word/document.xml') || mime === 'application/vnd.oasis.opendocument.text') {
    return 'This is a word-processing document, not a spreadsheet: copy its table into a spreadsheet, or paste it as text';
  }
  return 'The archive is neither an ODS nor an XLSX spreadsheet';
}

function denseRows(ws: XLSX.WorkSheet): (Cell | undefined)[][] {
  const data = (ws['!data'] ?? []) as (XLSX.CellObject[] | undefined)[];
  const rows: (Cell | undefined)[][] = [];
  for (let r = 0; r < data.length; r++) {
    const row = data[r];
    if (!row) {
      rows.push([]);
      continue;
    }
    const out: (Cell | undefined)[] = [];
    for (let c = 0; c < row.length; c++) out.push(row[c] ? toCell(row[c]) : undefined);
    rows.push(out);
  }
  return rows;
}

function toCell(c: XLSX.CellObject): Cell | undefined {
  switch (c.t) {
    case 's': {
      const text = String(c.v ?? '').replace(/\r\n?/g, '\n');
      return text === '' ? undefined : { text };
    }
    case 'b':
      return { text: c.v ? 'TRUE' : 'FALSE', bool: Boolean(c.v) };
    case 'e':
      return { text: c.w ?? '#ERROR', error: true };
    case 'n': {
      const v = Number(c.v);
      if (typeof c.z === 'string' && SSF.is_date(c.z)) {
        const date = serialToDate(v);
        if (date) return { text: date, date, number: v };
      }
      return { text: plainNumber(v), number: v };
    }
    case 'd': {
      const d = c.v instanceof Date ? c.v : new Date(String(c.v));
      const date = Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
      return date ? { text: date, date } : { text: String(c.v) };
    }
    default:
      return undefined;
  }
}

/** A spreadsheet serial day (1900 system) → YYYY-MM-DD, plus hh:mm when the serial has a time part. */
function serialToDate(v: number): string | undefined {
  const p = SSF.parse_date_code(v);
  if (!p || !p.y) return undefined;
  const day = `${String(p.y).padStart(4, '0')}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}`;
  return p.H || p.M ? `${day}T${String(p.H).padStart(2, '0')}:${String(p.M).padStart(2, '0')}` : day;
}

/** 75001 → "75001", 0.5 → "0.5": never "7.5E4". */
function plainNumber(v: number): string {
  if (Number.isInteger(v) && Math.abs(v) < 1e21) return v.toFixed(0);
  return String(Number(v.toPrecision(15)));
}

/** UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 — what Excel's French CSV export uses. */
export function decodeText(data: Buffer): string {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return data.subarray(3).toString('utf8');
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data.subarray(2));
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data.subarray(2));
  if (data.includes(0)) {
    throw new FileRefusedError(
      'unsupported_file',
      'The file is neither a spreadsheet (ODS, XLSX) nor a text table (CSV, tab-separated)',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    return new TextDecoder('windows-1252').decode(data);
  }
}

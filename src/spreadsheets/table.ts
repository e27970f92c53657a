/**
 * The neutral form every file is read into: sheets of rows of cells, each cell already a value (a
 * formula is never evaluated — its last computed value, as the file stores it, is what is read).
 * Rows and columns are 0-based here; people see 1-based rows and column letters (`cellAddress`).
 */
export interface Cell {
  /** The value as text: strings as written, numbers in plain notation, dates as YYYY-MM-DD. */
  text: string;
  /** A date cell, as a calendar day (and a time when the cell holds one). */
  date?: string;
  number?: number;
  bool?: boolean;
  /** The cell holds an error value (#N/A, #REF!…). */
  error?: boolean;
}

export interface Sheet {
  name: string;
  hidden?: boolean;
  rows: (Cell | undefined)[][];
}

export type TableFormat = 'ods' | 'xlsx' | 'csv';

export interface Table {
  format: TableFormat;
  sheets: Sheet[];
  /** What was seen and deliberately ignored (macros, hidden sheets…), for the preview. */
  notes: string[];
}

export function columnLetter(col: number): string {
  let n = col + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** 0-based row and column → "B14". */
export function cellAddress(row: number, col: number): string {
  return `${columnLetter(col)}${row + 1}`;
}

export function cellText(sheet: Sheet, row: number, col: number): string {
  return sheet.rows[row]?.[col]?.text.trim() ?? '';
}

export function rowCount(sheet: Sheet): number {
  return sheet.rows.length;
}

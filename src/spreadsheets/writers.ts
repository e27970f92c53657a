import ExcelJS from 'exceljs';
import type { OutCell } from './values';
import { columnLetter } from './table';
import { writeZip } from './zip';

/**
 * A workbook as Registre writes it, independent of the format: sheets with a header row, a notes
 * row, data rows, column widths and drop-down lists that point at a range of another sheet. Every
 * string is written as a string cell with the "text" format — never as a formula, whatever its first
 * character (`=`, `+`, `-`, `@`): a value in a DPO's spreadsheet cannot turn into a formula, not even
 * when the cell is edited later.
 */
export interface OutValidation {
  /** Sheet and 0-based column of the list of allowed values, and its rows (1-based, inclusive). */
  sheet: string;
  column: number;
  firstRow: number;
  lastRow: number;
  /** Refuse other values (codes) or only warn (countries, keys: the list may not hold them all yet). */
  strict: boolean;
  message: string;
}

export interface OutColumn {
  header: string;
  note?: string;
  width: number;
  kind: 'text' | 'number' | 'date';
  validation?: OutValidation;
}

export interface OutSheet {
  name: string;
  columns: OutColumn[];
  rows: OutCell[][];
  /** Free sheets (read-me) have no header styling and no notes row. */
  plain?: boolean;
  /** Empty rows below the data that still carry the drop-down lists, for a person to fill. */
  spareRows?: number;
}

export interface OutWorkbook {
  sheets: OutSheet[];
  title: string;
  /** Written in the file's properties (fixed in tests so that files compare byte for byte). */
  created: Date;
}

export type WorkbookFormat = 'ods' | 'xlsx';

export const MEDIA_TYPES: Record<WorkbookFormat, string> = {
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function writeWorkbook(model: OutWorkbook, format: WorkbookFormat): Promise<Buffer> {
  return format === 'ods' ? Promise.resolve(writeOds(model)) : writeXlsx(model);
}

function headerRows(sheet: OutSheet): number {
  return sheet.plain ? (sheet.columns.some((c) => c.header) ? 1 : 0) : 2;
}

// ---------------------------------------------------------------- XLSX (exceljs)

/** exceljs keeps range validations in `dataValidations`, which its typings leave out. */
interface WithValidations {
  dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

async function writeXlsx(model: OutWorkbook): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Registre';
  wb.title = model.title;
  wb.created = model.created;
  wb.modified = model.created;
  for (const sheet of model.sheets) {
    const top = headerRows(sheet);
    const ws = wb.addWorksheet(sheet.name, {
      views: sheet.plain ? [] : [{ state: 'frozen', xSplit: 1, ySplit: top }],
    });
    ws.columns = sheet.columns.map((c) => ({
      width: c.width,
      style: c.kind === 'text' ? { numFmt: '@' } : c.kind === 'date' ? { numFmt: 'yyyy-mm-dd' } : {},
    }));
    if (top > 0) {
      const header = ws.getRow(1);
      sheet.columns.forEach((c, i) => {
        const cell = header.getCell(i + 1);
        cell.value = c.header;
        cell.font = { bold: true };
        if (!sheet.plain) {
          cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE6F0' } };
          cell.alignment = { wrapText: true, vertical: 'top' };
        }
      });
    }
    if (!sheet.plain) {
      const notes = ws.getRow(2);
      sheet.columns.forEach((c, i) => {
        const cell = notes.getCell(i + 1);
        cell.value = c.note ?? '';
        cell.font = { italic: true, color: { argb: 'FF555555' }, size: 9 };
        cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    sheet.rows.forEach((row, r) => {
      const out = ws.getRow(top + r + 1);
      row.forEach((value, c) => {
        if (value === undefined) return;
        const cell = out.getCell(c + 1);
        if (typeof value === 'object') {
          const [y, m, d] = value.date.split('-').map(Number);
          cell.value = new Date(Date.UTC(y, m - 1, d));
          cell.numFmt = 'yyyy-mm-dd';
        } else if (typeof value === 'number') cell.value = value;
        else {
          // A string is a shared string, never a formula; the text format keeps it one when edited.
          cell.value = xmlSafe(value);
          cell.numFmt = '@';
          if (value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
        }
      });
    });
    const last = top + sheet.rows.length + (sheet.spareRows ?? 0);
    sheet.columns.forEach((c, i) => {
      if (!c.validation || last <= top) return;
      const v = c.validation;
      const col = columnLetter(c.validation.column);
      (ws as unknown as WithValidations).dataValidations.add(`${columnLetter(i)}${top + 1}:${columnLetter(i)}${last}`, {
        type: 'list',
        allowBlank: true,
        formulae: [`${quoteSheet(v.sheet)}!$${col}$${v.firstRow}:$${col}$${v.lastRow}`],
        showErrorMessage: true,
        errorStyle: v.strict ? 'stop' : 'warning',
        error: v.message,
      });
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

// ---------------------------------------------------------------- ODS (written here)

const NS = [
  'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"',
  'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"',
  'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"',
  'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"',
  'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"',
  'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0"',
  'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0"',
  'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2"',
].join(' ');

// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 cannot carry
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

/** Text both formats can hold: XML 1.0 has no way to write most control characters, so they are dropped. */
export function xmlSafe(text: string): string {
  return text.replace(NOT_XML, '');
}

function xml(text: string): string {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Text as ODF paragraphs: one `text:p` per line. ODF collapses runs of spaces and drops leading ones,
 * so every run but a single space between words is written as `text:s` with its count, and tabs as
 * `text:tab`: the text reads back exactly as it was.
 */
function paragraphs(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const parts = line.split(/( +|\t)/);
      const out = parts.map((part, i) => {
        if (part === '\t') return '<text:tab/>';
        if (!/^ +$/.test(part)) return xml(part);
        const interior = parts.slice(0, i).join('') !== '' && parts.slice(i + 1).join('') !== '';
        return part.length === 1 && interior ? ' ' : `<text:s text:c="${part.length}"/>`;
      });
      return `<text:p>${out.join('')}</text:p>`;
    })
    .join('');
}

function odsRange(v: OutValidation): string {
  const col = columnLetter(v.column);
  const sheet = `$'${v.sheet.replace(/'/g, "''")}'`;
  return `[${sheet}.$${col}$${v.firstRow}:.$${col}$${v.lastRow}]`;
}

function writeOds(model: OutWorkbook): Buffer {
  const widths = new Map<number, string>();
  const validations: string[] = [];
  const tables: string[] = [];
  const settings: string[] = [];
  for (const sheet of model.sheets) {
    const top = headerRows(sheet);
    const names = sheet.columns.map((c, i) => {
      if (!c.validation) return undefined;
      const name = `val${validations.length + 1}`;
      const v = c.validation;
      validations.push(
        `<table:content-validation table:name="${name}" table:condition="of:cell-content-is-in-list(${xml(odsRange(v))})" table:allow-empty-cell="true" table:display-list="unsorted" table:base-cell-address="${xml(`$'${sheet.name.replace(/'/g, "''")}'.$${columnLetter(i)}$${top + 1}`)}"><table:error-message table:display="true" table:message-type="${v.strict ? 'stop' : 'warning'}">${paragraphs(v.message)}</table:error-message></table:content-validation>`,
      );
      return name;
    });
    const cols = sheet.columns
      .map((c) => {
        if (!widths.has(c.width)) widths.set(c.width, `co${widths.size + 1}`);
        const cellStyle = c.kind === 'date' ? 'ceDate' : c.kind === 'text' ? 'ceText' : 'Default';
        return `<table:table-column table:style-name="${widths.get(c.width)}" table:default-cell-style-name="${cellStyle}"/>`;
      })
      .join('');
    const rows: string[] = [];
    if (top > 0) {
      rows.push(
        `<table:table-row>${sheet.columns.map((c) => `<table:table-cell table:style-name="${sheet.plain ? 'ceTitle' : 'ceHead'}" office:value-type="string">${paragraphs(c.header)}</table:table-cell>`).join('')}</table:table-row>`,
      );
    }
    if (!sheet.plain) {
      rows.push(
        `<table:table-row>${sheet.columns.map((c) => `<table:table-cell table:style-name="ceNote" office:value-type="string">${paragraphs(c.note ?? '')}</table:table-cell>`).join('')}</table:table-row>`,
      );
    }
    for (const row of sheet.rows) {
      const cells = sheet.columns.map((c, i) => odsCell(row[i], c, names[i]));
      rows.push(`<table:table-row>${cells.join('')}</table:table-row>`);
    }
    const spare = sheet.spareRows ?? 0;
    if (spare > 0 && names.some(Boolean)) {
      const cells = sheet.columns.map((c, i) => odsCell(undefined, c, names[i])).join('');
      rows.push(`<table:table-row table:number-rows-repeated="${spare}">${cells}</table:table-row>`);
    }
    tables.push(`<table:table table:name="${xml(sheet.name)}">${cols}${rows.join('')}</table:table>`);
    if (!sheet.plain) settings.push(freezeSettings(sheet.name, top));
  }
  const columnStyles = [...widths]
    .map(
      ([w, name]) =>
        `<style:style style:name="${name}" style:family="table-column"><style:table-column-properties style:column-width="${(w * 0.19).toFixed(2)}cm"/></style:style>`,
    )
    .join('');
  const content = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-content ${NS} office:version="1.3"><office:automatic-styles>${columnStyles}<number:text-style style:name="NText"><number:text-content/></number:text-style><number:date-style style:name="NDate"><number:year number:style="long"/><number:text>-</number:text><number:month number:style="long"/><number:text>-</number:text><number:day number:style="long"/></number:date-style><style:style style:name="ceHead" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NText"><style:table-cell-properties fo:background-color="#dde6f0" fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="ceTitle" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-weight="bold"/></style:style><style:style style:name="ceNote" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NText"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/><style:text-properties fo:font-style="italic" fo:color="#555555" fo:font-size="9pt"/></style:style><style:style style:name="ceText" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NText"><style:table-cell-properties style:vertical-align="top"/></style:style><style:style style:name="ceWrap" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NText"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style><style:style style:name="ceDate" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="NDate"/></office:automatic-styles><office:body><office:spreadsheet>${validations.length ? `<table:content-validations>${validations.join('')}</table:content-validations>` : ''}${tables.join('')}</office:spreadsheet></office:body></office:document-content>`;
  const styles = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-styles ${NS} office:version="1.3"><office:styles><style:style style:name="Default" style:family="table-cell"/></office:styles></office:document-styles>`;
  const meta = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta ${NS} office:version="1.3"><office:meta><meta:generator>Registre</meta:generator><dc:title>${xml(model.title)}</dc:title><meta:creation-date>${model.created.toISOString().slice(0, 19)}</meta:creation-date></office:meta></office:document-meta>`;
  const settingsXml = `<?xml version="1.0" encoding="UTF-8"?>
<office:document-settings ${NS} office:version="1.3"><office:settings><config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry><config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item-map-named config:name="Tables">${settings.join('')}</config:config-item-map-named></config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>`;
  const manifest = `<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="${MEDIA_TYPES.ods}"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/><manifest:file-entry manifest:full-path="settings.xml" manifest:media-type="text/xml"/></manifest:manifest>`;
  return writeZip([
    { name: 'mimetype', data: Buffer.from(MEDIA_TYPES.ods), store: true },
    { name: 'content.xml', data: Buffer.from(content) },
    { name: 'styles.xml', data: Buffer.from(styles) },
    { name: 'meta.xml', data: Buffer.from(meta) },
    { name: 'settings.xml', data: Buffer.from(settingsXml) },
    { name: 'META-INF/manifest.xml', data: Buffer.from(manifest) },
  ]);
}

function odsCell(value: OutCell, column: OutColumn, validation: string | undefined): string {
  const v = validation ? ` table:content-validation-name="${validation}"` : '';
  if (value === undefined) {
    const style = column.kind === 'date' ? 'ceDate' : column.kind === 'text' ? 'ceText' : 'Default';
    return `<table:table-cell table:style-name="${style}"${v}/>`;
  }
  if (typeof value === 'number') {
    return `<table:table-cell table:style-name="Default"${v} office:value-type="float" office:value="${value}"><text:p>${value}</text:p></table:table-cell>`;
  }
  if (typeof value === 'object') {
    return `<table:table-cell table:style-name="ceDate"${v} office:value-type="date" office:date-value="${value.date}"><text:p>${value.date}</text:p></table:table-cell>`;
  }
  const style = value.includes('\n') ? 'ceWrap' : 'ceText';
  return `<table:table-cell table:style-name="${style}"${v} office:value-type="string">${paragraphs(value)}</table:table-cell>`;
}

function freezeSettings(sheet: string, rows: number): string {
  const item = (name: string, type: string, value: number) =>
    `<config:config-item config:name="${name}" config:type="${type}">${value}</config:config-item>`;
  return `<config:config-item-map-entry config:name="${xml(sheet)}">${[
    item('HorizontalSplitMode', 'short', 2),
    item('VerticalSplitMode', 'short', 2),
    item('HorizontalSplitPosition', 'int', 1),
    item('VerticalSplitPosition', 'int', rows),
    item('ActiveSplitRange', 'short', 2),
    item('PositionLeft', 'int', 0),
    item('PositionRight', 'int', 1),
    item('PositionTop', 'int', 0),
    item('PositionBottom', 'int', rows),
  ].join('')}</config:config-item-map-entry>`;
}

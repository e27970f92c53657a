import type { Lang } from '../common/i18n';
import { isIsoDate, KEY_PATTERN } from '../common/validators';
import { countryCodeFromName, countryName, isCountryCode, normaliseName } from '../reference/countries';
import { BOOLEAN_LABELS, codeFromLabel, codeLabel } from './labels';
import type { FieldSpec } from './schema';
import type { Cell } from './table';

/** Any value as text (objects, which no field should hold here, as JSON rather than "[object Object]"). */
const text = (v: unknown): string =>
  typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);

/** A value as a writer puts it in a cell. */
export type OutCell = string | number | { date: string } | undefined;

/** A record's value → its cell in Registre's workbook (labels for codes, one list item per line). */
export function toCell(field: FieldSpec, value: unknown, lang: Lang): OutCell {
  if (value === undefined || value === null) return undefined;
  if (field.list) {
    if (!Array.isArray(value) || !value.length) return Array.isArray(value) ? undefined : text(value);
    const items = value.map((v) => itemText(field, v, lang));
    return items.join('\n');
  }
  switch (field.kind) {
    case 'int':
    case 'number':
      return typeof value === 'number' ? value : text(value);
    case 'date':
      return isIsoDate(value) ? { date: value } : text(value);
    default:
      return itemText(field, value, lang);
  }
}

function itemText(field: FieldSpec, value: unknown, lang: Lang): string {
  switch (field.kind) {
    case 'bool':
      return value === true ? BOOLEAN_LABELS.true[lang] : value === false ? BOOLEAN_LABELS.false[lang] : text(value);
    case 'enum':
      return codeLabel(field.values ?? [], text(value), lang);
    default:
      return text(value);
  }
}

/** What a cell says, read for a field: the value, and what a person should be told about it. */
export interface Read {
  value?: unknown;
  /** A conversion made on the person's behalf ("13/05/2019" read as 2019-05-13). */
  note?: string;
  /** When the value is passed on as written and the validators will refuse it: what it probably meant. */
  suggestion?: string;
}

/**
 * A cell → the value a DTO expects. What can be read unambiguously is converted (labels to codes,
 * French dates, country names, Oui/Non); anything else is passed on exactly as written, so the
 * shared validators judge it and their message — the same as the API's — reaches the person, with a
 * suggestion from here when one is obvious.
 */
export function fromCell(field: FieldSpec, cell: Cell | undefined): Read {
  if (!cell || cell.text.trim() === '') return {};
  if (field.list) {
    const parts = splitList(field, cell.text);
    const reads = parts.map((part) => readItem(field, { text: part }));
    return {
      value: reads.map((r) => r.value),
      note:
        reads
          .map((r) => r.note)
          .filter(Boolean)
          .join('; ') || undefined,
      suggestion:
        reads
          .map((r) => r.suggestion)
          .filter(Boolean)
          .join('; ') || undefined,
    };
  }
  return readItem(field, cell);
}

/** Free-text lists split on lines only (a purpose may hold a semicolon); coded lists also on `;` and `,`. */
function splitList(field: FieldSpec, text: string): string[] {
  const separators = field.kind === 'text' ? /\n/ : field.kind === 'enum' ? /[\n;]/ : /[\n;,]/;
  return text
    .split(separators)
    .map((s) => (field.kind === 'text' ? s : s.trim()))
    .filter((s) => s.trim() !== '');
}

function readItem(field: FieldSpec, cell: Cell): Read {
  const raw = cell.text;
  const text = raw.trim();
  switch (field.kind) {
    case 'text':
      return { value: raw };
    case 'int':
    case 'number': {
      if (cell.number !== undefined && !cell.date) return { value: cell.number };
      const n = Number(text.replace(/\s/g, '').replace(',', '.'));
      return text !== '' && Number.isFinite(n) ? { value: n } : { value: text };
    }
    case 'bool':
      return readBoolean(cell);
    case 'date':
      return readDate(cell);
    case 'instant':
    case 'date-or-instant':
      return readInstant(cell, field.kind === 'date-or-instant');
    case 'country':
      return readCountry(text);
    case 'enum':
      return readEnum(field.values ?? [], text);
    case 'key':
      return readKey(text);
  }
}

const TRUE = new Set(['oui', 'yes', 'true', 'vrai', '1', 'x', 'o', 'y']);
const FALSE = new Set(['non', 'no', 'false', 'faux', '0', 'n']);

function readBoolean(cell: Cell): Read {
  if (cell.bool !== undefined) return { value: cell.bool };
  const t = normaliseName(cell.text);
  if (TRUE.has(t)) return { value: true };
  if (FALSE.has(t)) return { value: false };
  return { value: cell.text.trim(), suggestion: 'write Oui or Non' };
}

/** 13/05/2019, 13-05-2019, 13.05.2019 (French order) or 2019-05-13 → 2019-05-13. */
export function frenchDate(text: string): string | undefined {
  const t = text.trim();
  if (isIsoDate(t)) return t;
  const m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t);
  if (!m) return undefined;
  const iso = `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`;
  return isIsoDate(iso) ? iso : undefined;
}

function readDate(cell: Cell): Read {
  if (cell.date) return { value: cell.date.slice(0, 10) };
  const iso = frenchDate(cell.text);
  if (iso && iso !== cell.text.trim()) return { value: iso, note: `"${cell.text.trim()}" read as ${iso}` };
  return { value: iso ?? cell.text.trim() };
}

/** The offset of Europe/Paris at a wall-clock time (CET +01:00, CEST +02:00). */
export function parisOffset(localIso: string): string {
  const [d, t] = localIso.split('T');
  const [y, mo, da] = d.split('-').map(Number);
  const [h, mi] = (t ?? '00:00').split(':').map(Number);
  const guess = Date.UTC(y, mo - 1, da, h, mi);
  for (const offset of [1, 2]) {
    const instant = new Date(guess - offset * 3_600_000);
    const parts = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/Paris',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).format(instant);
    if (parts === `${String(h).padStart(2, '0')}:${String(mi).padStart(2, '0')}`) return `+0${offset}:00`;
  }
  return '+01:00';
}

function readInstant(cell: Cell, dateAllowed: boolean): Read {
  const text = cell.text.trim();
  if (cell.date) {
    if (!cell.date.includes('T'))
      return dateAllowed
        ? { value: cell.date }
        : { value: cell.date, suggestion: 'add a time and its offset, e.g. 2026-03-02T10:00:00+01:00' };
    const value = `${cell.date}:00${parisOffset(cell.date)}`;
    return { value, note: `read as ${value} (Paris time)` };
  }
  const fr = /^(\d{1,2})\/(\d{1,2})\/(\d{4})[ T](\d{1,2})[:h](\d{2})$/.exec(text);
  if (fr) {
    const local = `${fr[3]}-${fr[2].padStart(2, '0')}-${fr[1].padStart(2, '0')}T${fr[4].padStart(2, '0')}:${fr[5]}`;
    if (isIsoDate(local.slice(0, 10))) {
      const value = `${local}:00${parisOffset(local)}`;
      return { value, note: `"${text}" read as ${value} (Paris time)` };
    }
  }
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2})?$/.exec(text);
  if (local && isIsoDate(local[1])) {
    const value = `${local[1]}T${local[2]}${local[3] ?? ':00'}${parisOffset(`${local[1]}T${local[2]}`)}`;
    return { value, note: `"${text}" read as ${value} (Paris time)` };
  }
  return { value: text };
}

function readCountry(text: string): Read {
  const upper = text.toUpperCase();
  if (isCountryCode(upper)) return { value: upper };
  // "France (FR)", "FR — France"
  const code = /\(([A-Za-z]{2})\)\s*$/.exec(text)?.[1] ?? /^([A-Za-z]{2})\s*[—–-]/.exec(text)?.[1];
  if (code && isCountryCode(code.toUpperCase())) return { value: code.toUpperCase() };
  const byName = countryCodeFromName(text);
  if (byName) return { value: byName, note: `"${text}" read as ${byName}` };
  // Passed on as written: the validators say what a country code is (and, for a code such as UK, which one is meant).
  return { value: text.length === 2 ? upper : text, suggestion: text.length > 2 ? closestCountry(text) : undefined };
}

function closestCountry(text: string): string | undefined {
  const wanted = normaliseName(text);
  let best: { code: string; name: string; distance: number } | undefined;
  for (const code of ALL_CODES()) {
    for (const lang of ['fr', 'en'] as const) {
      const name = countryName(code, lang);
      const distance = editDistance(wanted, normaliseName(name));
      if (!best || distance < best.distance) best = { code, name, distance };
    }
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 4))
    ? `did you mean ${best.code} (${best.name})?`
    : undefined;
}

let codes: string[] | undefined;
function ALL_CODES(): string[] {
  if (!codes) {
    codes = [];
    for (let a = 65; a <= 90; a++) {
      for (let b = 65; b <= 90; b++) {
        const c = String.fromCharCode(a, b);
        if (isCountryCode(c)) codes.push(c);
      }
    }
  }
  return codes;
}

function readEnum(values: readonly string[], text: string): Read {
  const code = codeFromLabel(values, text);
  if (code) return { value: code };
  return { value: text, suggestion: closestLabel(values, text) };
}

/** The label nearest to what was written, when it is near enough to be what was meant. */
export function closestLabel(values: readonly string[], text: string, lang: Lang = 'fr'): string | undefined {
  const wanted = normaliseName(text);
  let best: { label: string; distance: number } | undefined;
  for (const code of values) {
    for (const candidate of [codeLabel(values, code, lang), code]) {
      const n = normaliseName(candidate);
      const distance = n.startsWith(wanted) && wanted.length >= 3 ? 0 : editDistance(wanted, n);
      if (!best || distance < best.distance) best = { label: codeLabel(values, code, lang), distance };
    }
  }
  return best && best.distance <= Math.max(2, Math.floor(wanted.length / 3))
    ? `did you mean "${best.label}"?`
    : undefined;
}

function readKey(text: string): Read {
  if (KEY_PATTERN.test(text)) return { value: text };
  const lower = text.toLowerCase();
  if (KEY_PATTERN.test(lower)) return { value: lower, note: `"${text}" read as the key ${lower}` };
  return {
    value: text,
    suggestion: KEY_PATTERN.test(slugify(text)) ? `did you mean the key "${slugify(text)}"?` : undefined,
  };
}

/** "Dossier patient (DPI)" → "dossier-patient-dpi": a key from a name. */
export function slugify(text: string): string {
  return normaliseName(text).replace(/ /g, '-').slice(0, 80).replace(/-+$/, '');
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > 12) return Math.abs(a.length - b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

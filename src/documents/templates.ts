import Handlebars from 'handlebars';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Lang } from '../compliance/finding';

export const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');
export const DOCUMENT_KINDS = [
  'register-controller',
  'register-table',
  'register-processor',
  'dpa-annex',
  'compliance-report',
  'breach-report',
] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export type Labels = Record<string, string>;

/**
 * The Handlebars environment: templates and partials compiled once, in strict mode (a field missing
 * from a view model is an error, not a silent blank), every value HTML-escaped (`{{ }}` only; no
 * template uses `{{{ }}}`).
 */
export class Templates {
  private readonly hbs = Handlebars.create();
  private readonly compiled = new Map<string, Handlebars.TemplateDelegate>();
  readonly labels: Record<Lang, Labels>;
  /** A hash of every template and label file: cached documents made from other templates are not reused. */
  readonly digest: string;

  constructor(dir: string = TEMPLATES_DIR) {
    const hash = createHash('sha256');
    const read = (path: string) => {
      const text = readFileSync(path, 'utf8');
      hash.update(`${path}\0${text}\0`);
      return text;
    };
    this.labels = {
      fr: JSON.parse(read(join(dir, 'i18n', 'fr.json'))) as Labels,
      en: JSON.parse(read(join(dir, 'i18n', 'en.json'))) as Labels,
    };
    // preventIndent: a partial on an indented line must not indent the lines of multi-line values it prints.
    const options: CompileOptions = { strict: true, noEscape: false, preventIndent: true };
    for (const file of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      this.hbs.registerPartial(basename(file, '.hbs'), this.hbs.compile(read(join(dir, 'partials', file)), options));
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      this.compiled.set(basename(file, '.hbs'), this.hbs.compile(read(join(dir, file)), options));
    }
    this.digest = hash.digest('hex');
    this.hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => {
      const labels = (options.data as { root: { labels: Labels } }).root.labels;
      return labels[key] ?? key;
    });
    this.hbs.registerHelper('instant', (value: string | null, options: Handlebars.HelperOptions) => {
      const { labels } = (options.data as { root: { labels: Labels } }).root;
      return value ? Templates.formatInstant(value, labels.locale) : '';
    });
    // A CSS string for the page header and footer (`@page` margin boxes): every character but letters,
    // digits and spaces as a hex escape, so user text can neither end the string nor the <style> element.
    this.hbs.registerHelper(
      'css',
      (value: string | number | null) => new Handlebars.SafeString(cssString(value === null ? '' : String(value))),
    );
    this.hbs.registerHelper('date', (value: string | null, options: Handlebars.HelperOptions) => {
      const { labels } = (options.data as { root: { labels: Labels } }).root;
      return value ? formatDate(value, labels.locale) : '';
    });
  }

  /** "2026-05-29T10:00:00+02:00" → "29 mai 2026, 10:00 (UTC+02:00)": the wall clock the instant was written in. */
  static formatInstant(value: string, locale: string): string {
    const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
    if (!m) return value;
    return `${formatDate(m[1], locale)}, ${m[2]} (UTC${m[3] === 'Z' ? '' : m[3]})`;
  }

  render(name: string, model: object): string {
    const template = this.compiled.get(name);
    if (!template) throw new Error(`No template ${name}`);
    return template(model);
  }
}

type CompileOptions = Parameters<typeof Handlebars.compile>[1];

/** `Hostile "SA"` → `"Hostile \22 SA\22 "`: a quoted CSS string that holds only letters, digits, spaces and escapes. */
export function cssString(text: string): string {
  let out = '"';
  for (const char of text) {
    out += /[\p{L}\p{N} ]/u.test(char) ? char : `\\${(char.codePointAt(0) ?? 0).toString(16)} `;
  }
  return `${out}"`;
}

/** 2026-06-01 → "1 juin 2026" / "1 June 2026" (a calendar date: no time zone involved). */
export function formatDate(date: string, locale = 'fr-FR'): string {
  const [y, m, d] = date.slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(y, m - 1, d)),
  );
}

/** URL names of the documents. */
export const DOCUMENT_FILES: Record<string, DocumentKind> = {
  register: 'register-controller',
  'register-table': 'register-table',
  'processor-register': 'register-processor',
  'dpa-annex': 'dpa-annex',
  'compliance-report': 'compliance-report',
};

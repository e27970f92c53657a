import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Lang } from '../compliance/finding';

export const TEMPLATES_DIR = join(__dirname, '..', '..', 'templates');
export const DOCUMENT_KINDS = [
  'register-controller',
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

  constructor(dir: string = TEMPLATES_DIR) {
    this.labels = {
      fr: JSON.parse(readFileSync(join(dir, 'i18n', 'fr.json'), 'utf8')) as Labels,
      en: JSON.parse(readFileSync(join(dir, 'i18n', 'en.json'), 'utf8')) as Labels,
    };
    const options: CompileOptions = { strict: true, noEscape: false };
    for (const file of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      this.hbs.registerPartial(
        basename(file, '.hbs'),
        this.hbs.compile(readFileSync(join(dir, 'partials', file), 'utf8'), options),
      );
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.hbs'))) {
      this.compiled.set(basename(file, '.hbs'), this.hbs.compile(readFileSync(join(dir, file), 'utf8'), options));
    }
    this.hbs.registerHelper('t', (key: string, options: Handlebars.HelperOptions) => {
      const labels = (options.data as { root: { labels: Labels } }).root.labels;
      return labels[key] ?? key;
    });
    this.hbs.registerHelper('instant', (value: string | null, options: Handlebars.HelperOptions) => {
      const { labels } = (options.data as { root: { labels: Labels } }).root;
      return value ? Templates.formatInstant(value, labels.locale) : '';
    });
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
  'processor-register': 'register-processor',
  'dpa-annex': 'dpa-annex',
  'compliance-report': 'compliance-report',
};

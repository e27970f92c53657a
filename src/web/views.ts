import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Lang } from '../common/i18n';
import { formatDate, TEMPLATES_DIR } from '../documents/templates';

export const WEB_TEMPLATES_DIR = join(TEMPLATES_DIR, 'web');
export type Labels = Record<string, string>;

const PARIS = 'Europe/Paris';

/** Labels of the web pages, on top of the documents' labels (vocabulary: categories, bases, safeguards…). */
function loadLabels(lang: Lang): Labels {
  const documents = JSON.parse(readFileSync(join(TEMPLATES_DIR, 'i18n', `${lang}.json`), 'utf8')) as Labels;
  const web = JSON.parse(readFileSync(join(WEB_TEMPLATES_DIR, 'i18n', `${lang}.json`), 'utf8')) as Labels;
  return { ...documents, ...web };
}

/** `{name}` placeholders filled from the hash arguments of `{{t}}`. */
export function fill(text: string, params: Record<string, unknown>): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

const locale = (lang: Lang) => (lang === 'fr' ? 'fr-FR' : 'en-GB');

/** "29 mai 2026 à 10:00" in Paris time, whatever offset the instant was written with. */
export function formatInstant(value: string, lang: Lang): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Intl.DateTimeFormat(locale(lang), {
    timeZone: PARIS,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(ms));
}

/** "dans 3 j 4 h" / "il y a 2 h" between two instants (the second is "now"). */
export function formatDuration(ms: number, lang: Lang): string {
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  const parts =
    days > 0
      ? [`${days} ${lang === 'fr' ? 'j' : 'd'}`, ...(hours ? [`${hours} h`] : [])]
      : hours > 0
        ? [`${hours} h`, ...(mins ? [`${mins} min`] : [])]
        : [`${mins} min`];
  return parts.join(' ');
}

/**
 * The web application's Handlebars environment: the same rules as the documents' (compiled once,
 * strict mode, every value escaped; no template uses `{{{ }}}`), in `templates/web/`. Pages are
 * `pages/*.hbs`, wrapped by the `layout` partial; fragments for htmx are partials rendered alone.
 */
export class WebViews {
  private readonly hbs = Handlebars.create();
  private readonly pages = new Map<string, Handlebars.TemplateDelegate>();
  private readonly partials = new Map<string, Handlebars.TemplateDelegate>();
  readonly labels: Record<Lang, Labels> = { fr: loadLabels('fr'), en: loadLabels('en') };

  constructor(dir: string = WEB_TEMPLATES_DIR) {
    // preventIndent: Handlebars would indent every line of a partial called on an indented line, values
    // included: a textarea's multi-line text would come back with spaces added at each save.
    const options = { strict: true, noEscape: false, preventIndent: true };
    for (const file of readdirSync(join(dir, 'partials')).filter((f) => f.endsWith('.hbs'))) {
      const compiled = this.hbs.compile(readFileSync(join(dir, 'partials', file), 'utf8'), options);
      this.hbs.registerPartial(basename(file, '.hbs'), compiled);
      this.partials.set(basename(file, '.hbs'), compiled);
    }
    for (const file of readdirSync(join(dir, 'pages')).filter((f) => f.endsWith('.hbs'))) {
      this.pages.set(basename(file, '.hbs'), this.hbs.compile(readFileSync(join(dir, 'pages', file), 'utf8'), options));
    }
    const root = (options: Handlebars.HelperOptions) => (options.data as { root: { lang: Lang } }).root;
    const labelsOf = (options: Handlebars.HelperOptions) => this.labels[root(options).lang];
    this.hbs.registerHelper('t', (key: unknown, options: Handlebars.HelperOptions) => {
      const text = labelsOf(options)[String(key)] ?? String(key);
      return fill(text, options.hash as Record<string, unknown>);
    });
    this.hbs.registerHelper('date', (value: unknown, options: Handlebars.HelperOptions) =>
      typeof value === 'string' && value ? formatDate(value, locale(root(options).lang)) : '',
    );
    this.hbs.registerHelper('instant', (value: unknown, options: Handlebars.HelperOptions) =>
      typeof value === 'string' && value ? formatInstant(value, root(options).lang) : '',
    );
    this.hbs.registerHelper('eq', (a: unknown, b: unknown) => a === b);
    this.hbs.registerHelper('not', (a: unknown) => !a);
    this.hbs.registerHelper('or', (...args: unknown[]) => args.slice(0, -1).some(Boolean));
    this.hbs.registerHelper('and', (...args: unknown[]) => args.slice(0, -1).every(Boolean));
    this.hbs.registerHelper('json', (value: unknown) => JSON.stringify(value));
    this.hbs.registerHelper('concat', (...args: unknown[]) => args.slice(0, -1).map(String).join(''));
  }

  page(name: string, model: object): string {
    const template = this.pages.get(name);
    if (!template) throw new Error(`No web page template ${name}`);
    return template(model);
  }

  fragment(name: string, model: object): string {
    const template = this.partials.get(name);
    if (!template) throw new Error(`No web partial ${name}`);
    return template(model);
  }

  has(name: string): boolean {
    return this.pages.has(name);
  }
}

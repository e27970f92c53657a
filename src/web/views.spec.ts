import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { translateProblem } from './forms/problems';
import { fill, formatDuration, formatInstant, WebViews, WEB_TEMPLATES_DIR } from './views';

function templates(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? templates(join(dir, e.name)) : e.name.endsWith('.hbs') ? [join(dir, e.name)] : [],
  );
}

describe('web views', () => {
  const views = new WebViews();

  it('has every label in French and in English, and every literal label a template names', () => {
    const fr = JSON.parse(readFileSync(join(WEB_TEMPLATES_DIR, 'i18n', 'fr.json'), 'utf8')) as Record<string, string>;
    const en = JSON.parse(readFileSync(join(WEB_TEMPLATES_DIR, 'i18n', 'en.json'), 'utf8')) as Record<string, string>;
    expect(Object.keys(fr).sort()).toEqual(Object.keys(en).sort());
    const used = new Set<string>();
    for (const file of templates(WEB_TEMPLATES_DIR)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\{\{#?t "([^"]+)"/g)) used.add(m[1]);
    }
    const missing = [...used].filter((k) => !(k in views.labels.fr) || !(k in views.labels.en));
    expect(missing).toEqual([]);
  });

  it('never uses the triple-stash (unescaped output)', () => {
    for (const file of templates(WEB_TEMPLATES_DIR)) expect(readFileSync(file, 'utf8')).not.toContain('{{{');
  });

  it("formats instants in Paris time in the reader's language", () => {
    expect(formatInstant('2026-05-29T08:00:00Z', 'fr')).toBe('29 mai 2026 à 10:00');
    expect(formatInstant('2026-01-15T08:00:00Z', 'en')).toBe('15 January 2026 at 09:00');
    expect(formatDuration(26 * 3_600_000 + 5 * 60_000, 'fr')).toBe('1 j 2 h');
    expect(formatDuration(95 * 60_000, 'en')).toBe('1 h 35 min');
    expect(fill('{n} of {total}', { n: 2, total: 5 })).toBe('2 of 5');
  });

  it("translates the API's field problems, and keeps the ones it does not know", () => {
    const t = (key: string, p: Record<string, string | number> = {}) =>
      views.labels.fr[key]?.replace(/\{(\w+)\}/g, (_, x: string) => String(p[x])) ?? key;
    expect(translateProblem('must be a real date as YYYY-MM-DD', 'fr', t)).toMatch(/jj\/mm\/aaaa/);
    expect(translateProblem('must not be less than 1', 'fr', t)).toBe('doit valoir au moins 1');
    expect(translateProblem('no engagement with key "x" in this organisation', 'fr', t)).toContain('« x »');
    expect(translateProblem('something new', 'fr', t)).toBe('something new');
  });
});

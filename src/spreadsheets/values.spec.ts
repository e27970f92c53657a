import * as XLSX from '@e965/xlsx';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { countryCodeFromName } from '../reference/countries';
import { readRetention } from './retention';
import type { FieldSpec } from './schema';
import { frenchDate, fromCell, parisOffset } from './values';

const field = (kind: FieldSpec['kind'], extra: Partial<FieldSpec> = {}): FieldSpec => ({
  path: ['x'],
  recordPath: 'x',
  kind,
  list: false,
  required: false,
  ...extra,
});

describe('reading cells', () => {
  it('maps every country of the CNIL template list to its ISO code', () => {
    const wb = XLSX.read(
      readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'cnil', 'registre-traitement-simplifie.ods')),
    );
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['5_-_Listes'], { header: 1 });
    const names = rows
      .slice(2)
      .map((r) => r[2])
      .filter(Boolean);
    expect(names.length).toBeGreaterThan(170);
    expect(names.filter((n) => !countryCodeFromName(n))).toEqual([]);
    expect(['Andorre', 'Etats-Unis', 'Viêt Nam', 'Rép. dém. du Congo', 'Iles FEROE'].map(countryCodeFromName)).toEqual([
      'AD',
      'US',
      'VN',
      'CD',
      'FO',
    ]);
    // Two letters are codes, not names: a wrong code is for the validators to explain.
    expect(countryCodeFromName('UK')).toBeUndefined();
  });

  it('reads countries by code, name or "Name (XX)", and passes anything else on as written', () => {
    const country = field('country');
    expect(fromCell(country, { text: 'fr' }).value).toBe('FR');
    expect(fromCell(country, { text: 'Allemagne' })).toMatchObject({ value: 'DE', note: '"Allemagne" read as DE' });
    expect(fromCell(country, { text: 'Suisse (CH)' }).value).toBe('CH');
    expect(fromCell(country, { text: 'UK' }).value).toBe('UK');
    expect(fromCell(country, { text: 'Alemagne' })).toMatchObject({
      value: 'Alemagne',
      suggestion: 'did you mean DE (Allemagne)?',
    });
  });

  it('reads dates as real date cells, ISO text or French day/month/year', () => {
    const date = field('date');
    expect(fromCell(date, { text: '2019-05-13', date: '2019-05-13' }).value).toBe('2019-05-13');
    expect(fromCell(date, { text: '13/05/2019' })).toMatchObject({
      value: '2019-05-13',
      note: '"13/05/2019" read as 2019-05-13',
    });
    expect(fromCell(date, { text: '31/02/2019' }).value).toBe('31/02/2019');
    expect(frenchDate('1.3.2026')).toBe('2026-03-01');
  });

  it('reads an instant without offset as Paris time (winter and summer)', () => {
    const instant = field('instant');
    expect(fromCell(instant, { text: '02/03/2026 10:00' }).value).toBe('2026-03-02T10:00:00+01:00');
    expect(fromCell(instant, { text: '2026-07-02 10:00' }).value).toBe('2026-07-02T10:00:00+02:00');
    expect(fromCell(instant, { text: '2026-07-02T10:00:00Z' }).value).toBe('2026-07-02T10:00:00Z');
    expect(parisOffset('2026-03-29T03:30')).toBe('+02:00');
  });

  it('reads codes by their label in either language, booleans, numbers and lists', () => {
    const role = field('enum', { values: ['controller', 'joint-controller', 'processor'] });
    expect(fromCell(role, { text: 'Sous-traitant' }).value).toBe('processor');
    expect(fromCell(role, { text: 'joint controller' }).value).toBe('joint-controller');
    expect(fromCell(role, { text: 'Responsable du traitement' })).toMatchObject({
      suggestion: 'did you mean "Responsable de traitement"?',
    });
    expect(fromCell(field('bool'), { text: 'oui' }).value).toBe(true);
    expect(fromCell(field('bool'), { text: 'No' }).value).toBe(false);
    expect(fromCell(field('int'), { text: '48', number: 48 }).value).toBe(48);
    expect(fromCell(field('int'), { text: 'quarante-huit' }).value).toBe('quarante-huit');
    expect(fromCell(field('country', { list: true }), { text: 'FR\nAllemagne; US' }).value).toEqual(['FR', 'DE', 'US']);
    expect(fromCell(field('text', { list: true }), { text: 'Gestion ; suivi\nFacturation' }).value).toEqual([
      'Gestion ; suivi',
      'Facturation',
    ]);
  });
});

describe('readRetention', () => {
  it('reads the one duration a text states, and keeps the text the reference', () => {
    expect(readRetention('5 ans à compter du versement de la paie')).toEqual({ period: { value: 5, unit: 'years' } });
    expect(readRetention('six mois après la fin du contrat')).toEqual({ period: { value: 6, unit: 'months' } });
    expect(readRetention('3 semaines')).toEqual({ period: { value: 21, unit: 'calendar-days' } });
    expect(readRetention('30 jours ouvrés')).toEqual({ period: { value: 30, unit: 'working-days' } });
    expect(readRetention('72 heures')).toEqual({ period: { value: 72, unit: 'hours' } });
  });

  it('gives no period for none, or for several', () => {
    expect(readRetention('durée de la relation contractuelle').period).toBeUndefined();
    expect(readRetention('2 ans en base active puis 8 ans en archive')).toEqual({ why: 'it states several durations' });
    expect(readRetention('20 ans à compter du dernier passage, ou 10 ans après le décès').period).toBeUndefined();
  });
});

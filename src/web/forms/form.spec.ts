import { asPatch, FormSpec, parseDateInput, parseForm, parseInstantInput, renderForm } from './form';

const SPEC: FormSpec = {
  sections: [
    {
      legend: 's',
      items: [
        { kind: 'text', name: 'name', label: 'name', required: true },
        {
          kind: 'checkboxes',
          name: 'legalBasis.article6',
          label: 'a6',
          options: [
            { value: 'consent', label: 'c' },
            { value: 'contract', label: 'k' },
          ],
        },
        { kind: 'text', name: 'legalBasis.details', label: 'd' },
        { kind: 'lines', name: 'purposes', label: 'p' },
        { kind: 'int', name: 'hours', label: 'h' },
        {
          kind: 'list',
          name: 'transfers',
          label: 't',
          item: 'transfer {n}',
          fields: [
            { kind: 'text', name: 'recipient', label: 'r' },
            { kind: 'date', name: 'safeguard.signedOn', label: 'on' },
          ],
        },
      ],
    },
  ],
};

/** Labels show as `[key]` so that the tests see which one was used. */
const t = (key: string, params: Record<string, string | number> = {}) =>
  `[${key.replace(/\{(\w+)\}/g, (_, p: string) => String(params[p] ?? ''))}]`;

describe('forms from the DTO paths', () => {
  it('builds nested objects and lists, drops blank and removed rows, and maps rows back', () => {
    const parsed = parseForm(SPEC, {
      name: '  Paie  ',
      'legalBasis.article6': ['contract', 'consent'],
      'legalBasis.details': '',
      purposes: 'Payer\r\n\r\n  Déclarer ',
      hours: '48',
      'transfers[0].recipient': '',
      'transfers[0].safeguard.signedOn': '',
      'transfers[1].recipient': 'Zoom',
      'transfers[1].safeguard.signedOn': '31/02/2026',
      'transfers[2].recipient': 'Removed',
      'transfers[2]._remove': '1',
      'transfers[3].recipient': 'Kept',
      'transfers[3]._rest': '{"country":"US","safeguard":{"kind":"dpf"}}',
    });
    expect(parsed.value).toEqual({
      name: 'Paie',
      legalBasis: { article6: ['contract', 'consent'] },
      purposes: ['Payer', 'Déclarer'],
      hours: 48,
      transfers: [
        { recipient: 'Zoom', safeguard: { signedOn: '2026-02-31' } },
        { country: 'US', safeguard: { kind: 'dpf' }, recipient: 'Kept' },
      ],
    });
    expect(parsed.rows.transfers).toEqual([1, 3]);
    expect(asPatch(parsed)).toEqual({ ...parsed.value });
    expect(asPatch(parseForm(SPEC, { name: 'x' }))).toEqual({
      name: 'x',
      legalBasis: null,
      purposes: null,
      hours: null,
      transfers: null,
    });
  });

  it("drops a row's nested object left blank (a period with neither value nor unit), keeps the row", () => {
    const parsed = parseForm(SPEC, {
      name: 'x',
      'transfers[0].recipient': 'Zoom',
      'transfers[0].safeguard.signedOn': '',
    });
    expect(parsed.value.transfers).toEqual([{ recipient: 'Zoom' }]);
  });

  it('keeps what the person typed and puts each problem next to its field, at the row they typed it in', () => {
    const body = {
      name: 'Paie',
      hours: 'quarante',
      'transfers[0].recipient': '',
      'transfers[1].recipient': 'Zoom',
      'transfers[1].safeguard.signedOn': '31/02/2026',
    };
    const parsed = parseForm(SPEC, body);
    expect(parsed.value.hours).toBe('quarante');
    const form = renderForm(
      SPEC,
      { kind: 'body', body },
      {
        lang: 'fr',
        t,
        rows: parsed.rows,
        problems: [
          { field: 'transfers[0].safeguard.signedOn', problem: 'must be a real date as YYYY-MM-DD' },
          { field: 'hours', problem: 'must be an integer number' },
        ],
      },
    );
    const fields = form.sections[0].items;
    const hours = fields.find((f) => !f.isList && f.name === 'hours');
    expect(hours && !hours.isList && [hours.value, hours.errors]).toEqual(['quarante', ['[problem.integer]']]);
    const list = fields.find((f) => f.isList);
    const row = list && list.isList ? list.rows.find((r) => r.index === 1) : undefined;
    const signedOn = row?.fields.find((f) => f.name === 'transfers[1].safeguard.signedOn');
    expect(signedOn?.value).toBe('31/02/2026');
    expect(signedOn?.errors).toEqual(['[problem.date]']);
    expect(signedOn?.describedBy).toBe('f-transfers-1-safeguard-signedOn-error');
    expect(form.problems.map((p) => p.href)).toEqual(['#f-transfers-1-safeguard-signedOn', '#f-hours']);
  });

  it("shows a stored record in the person's format and keeps what the form does not cover", () => {
    const form = renderForm(
      SPEC,
      {
        kind: 'record',
        record: {
          name: 'Paie',
          legalBasis: { article6: ['consent'], article9: ['h'] },
          transfers: [{ recipient: 'Zoom', country: 'US', safeguard: { signedOn: '2026-02-28', kind: 'scc-2021' } }],
        },
      },
      { lang: 'fr', t },
    );
    const list = form.sections[0].items.find((f) => f.isList);
    expect(list && list.isList && list.rows[0].fields[1].value).toBe('28/02/2026');
    expect(list && list.isList && list.rows[0].rest).toBe('{"country":"US"}');
    expect(form.hidden).toEqual(
      expect.arrayContaining([
        { name: 'legalBasis._rest', value: '{"article9":["h"]}' },
        { name: 'transfers[0].safeguard._rest', value: '{"kind":"scc-2021"}' },
      ]),
    );
  });

  it('reads dates and Paris wall-clock times as typed in French or ISO', () => {
    expect(parseDateInput('1/3/2026')).toBe('2026-03-01');
    expect(parseDateInput('2026-03-01')).toBe('2026-03-01');
    expect(parseDateInput('demain')).toBe('demain');
    expect(parseInstantInput('29/03/2026 14:30')).toBe('2026-03-29T14:30:00+02:00');
    expect(parseInstantInput('2026-01-15 09:00')).toBe('2026-01-15T09:00:00+01:00');
    expect(parseInstantInput('2026-01-15T09:00:00Z')).toBe('2026-01-15T09:00:00Z');
    expect(parseInstantInput('31/02/2026 10:00')).toBe('31/02/2026 10:00');
    expect(parseInstantInput('')).toBeUndefined();
  });
});

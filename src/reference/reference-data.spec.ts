import dpia from './data/dpia.json';
import iso27001 from './data/iso27001.json';
import tia from './data/tia.json';
import { iso27001Edition, REFERENCE, sccKindFromText } from './reference-data';
import { CNIL_DPIA_ITEMS, DPIA_CRITERIA, DPIA_STATUSES, SAFEGUARD_KINDS, TIA_CONCLUSIONS } from './vocabulary';

describe('reference data', () => {
  it('gives the vocabulary exactly the codes of the data files', () => {
    expect(dpia.criteria.map((c) => c.code)).toEqual([...DPIA_CRITERIA]);
    expect(dpia.cnilList.items.map((c) => c.code)).toEqual([...CNIL_DPIA_ITEMS]);
    expect(dpia.statuses).toEqual([...DPIA_STATUSES]);
    expect(tia.conclusions).toEqual([...TIA_CONCLUSIONS]);
    expect(tia.appliesTo.every((k) => (SAFEGUARD_KINDS as readonly string[]).includes(k))).toBe(true);
  });

  it('versions every file and cites a source', () => {
    for (const data of [dpia, iso27001, tia, REFERENCE.retention, REFERENCE.scc, REFERENCE.hdsReferentials]) {
      expect(data.version).toMatch(/\S/);
      expect(data.source).toMatch(/\S{10,}/);
    }
    expect(Object.keys(REFERENCE.versions)).toEqual(expect.arrayContaining(['dpia', 'retention', 'tia', 'iso27001']));
  });

  it('holds every ISO/IEC 27001 spelling of LEGAL.md §7 under the edition it denotes', () => {
    for (const e of iso27001.editions) {
      for (const spelling of e.spellings) expect(iso27001Edition(spelling)?.edition).toBe(e.edition);
    }
    expect(iso27001Edition('NF EN ISO/IEC 27001:2017')).toEqual({
      edition: '2013',
      printedYear: '2017',
      validUntil: '2025-10-31',
    });
    expect(iso27001Edition('EN ISO/IEC 27001:2023')).toEqual({ edition: '2022', printedYear: '2023' });
    expect(iso27001Edition('ISO 27001')).toBeUndefined();
    expect(iso27001Edition(undefined)).toBeUndefined();
  });

  it.each([
    ['Clauses contractuelles types', 'scc-unspecified'],
    ['Clauses Contractuelles Type', 'scc-unspecified'],
    ['Clauses contractuelles type 2021', 'scc-2021'],
    ['SCC (EU) 2021/914, module 3', 'scc-2021'],
    ['SCC 2010/87/EU', 'scc-2010'],
    ['clauses types de la Commission (2010)', 'scc-2010'],
    ['décision 2004/915/CE', 'scc-2004'],
    ['2001/497/CE', 'scc-2001'],
    ['SCC 2021/914 remplaçant les clauses 2010/87', 'scc-2021'],
  ])('reads "%s" as %s', (text, kind) => {
    expect(sccKindFromText(text)).toBe(kind);
  });

  it('suggests the CSP R.1112-7 retention as a value to show, never a default', () => {
    expect(REFERENCE.retention.patientRecord).toMatchObject({ reference: 'CSP R.1112-7', years: 20, untilAge: 28 });
    expect(REFERENCE.retention.patientRecord.suggestion.fr).toContain('20 ans');
  });
});

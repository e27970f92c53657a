import { validateBundle } from '../bundles/bundle-validation';
import { BUNDLED_KINDS, kindOf, RECORD_KINDS } from './record-kinds';

describe('the registry of record kinds', () => {
  it('lists each kind once, every kind after the kinds it refers to (so deletion in reverse never dangles)', () => {
    const collections = RECORD_KINDS.map((k) => k.collection);
    expect(new Set(collections).size).toBe(collections.length);
    RECORD_KINDS.forEach((k, i) => {
      for (const ref of k.store.refs) {
        const target = RECORD_KINDS.indexOf(kindOf(ref.target));
        expect({ kind: k.collection, ref: ref.path, before: target <= i }).toEqual({
          kind: k.collection,
          ref: ref.path,
          before: true,
        });
      }
    });
  });

  it('keeps configuration with secrets (alert channels) out of bundles', () => {
    expect(BUNDLED_KINDS.map((k) => k.collection)).toEqual([
      'subcontractors',
      'certificates',
      'engagements',
      'treatments',
      'subprocessorChanges',
      'breaches',
      'waivers',
    ]);
  });

  it('validates every bundled list with its kind’s DTO and references', () => {
    const base = {
      format: 'registre-bundle',
      version: 2,
      organisation: { slug: 'x', name: 'X', country: 'FR', roles: ['controller'] },
    };
    for (const k of BUNDLED_KINDS) {
      const problems = validateBundle({ ...base, [k.collection]: [{ key: 'k', unknownField: 1 }] }).problems;
      expect(problems).toEqual(
        expect.arrayContaining([
          {
            field: `${k.collection}[0].unknownField`,
            problem: 'is not a field of this record (unknown fields are refused)',
          },
        ]),
      );
    }
    const breach = { key: 'b', title: 'Fuite', riskLevel: 'risk', treatments: ['ghost'], notifications: [] };
    expect(validateBundle({ ...base, breaches: [breach] }).problems).toEqual([
      { field: 'breaches[0].treatments[0]', problem: 'no treatment with key "ghost"' },
    ]);
    const told = {
      ...breach,
      treatments: [],
      notifications: [{ from: 'nobody', to: 'cnil', at: '2026-01-01T00:00:00Z' }],
    };
    expect(validateBundle({ ...base, breaches: [told] }).problems).toEqual([
      { field: 'breaches[0].notifications[0].from', problem: 'no subcontractor with key "nobody"' },
    ]);
  });
});

import { validateBundle } from './bundle-validation';

const minimal = () => ({
  format: 'registre-bundle',
  version: 2,
  organisation: { slug: 'x', name: 'X', country: 'FR', roles: ['controller'] },
  subcontractors: [{ key: 'ovh', name: 'OVH', country: 'FR' }],
  engagements: [{ key: 'ovh-hosting', provider: 'ovh' }],
  treatments: [{ key: 't', name: 'T', role: 'controller', uses: [{ engagement: 'ovh-hosting' }] }],
});

describe('validateBundle', () => {
  it('accepts a consistent bundle', () => {
    expect(validateBundle(minimal()).problems).toEqual([]);
  });

  it('rejects what is not an object', () => {
    expect(validateBundle([]).problems).toEqual([{ field: '', problem: 'a bundle must be a JSON object' }]);
  });

  it('names every dangling or duplicated reference with its path', () => {
    const b = minimal();
    b.treatments[0].uses.push({ engagement: 'ovh-hosting' }, { engagement: 'ghost' });
    b.subcontractors.push({ key: 'ovh', name: 'OVH bis', country: 'FR' });
    const problems = validateBundle(b).problems;
    expect(problems).toEqual(
      expect.arrayContaining([
        { field: 'subcontractors[1].key', problem: 'duplicate key "ovh"' },
        { field: 'treatments[0].uses[1].engagement', problem: 'engagement "ovh-hosting" is listed twice' },
        { field: 'treatments[0].uses[2].engagement', problem: 'no engagement with key "ghost"' },
      ]),
    );
  });

  it('reports shape problems with indexed paths', () => {
    const b = minimal() as ReturnType<typeof minimal> & { certificates: unknown[] };
    b.certificates = [{ key: 'c', subcontractor: 'ovh', kind: 'hds', validFrom: '2026-01-01', validTo: '2025-01-01' }];
    expect(validateBundle(b).problems).toEqual([
      { field: 'certificates[0].validTo', problem: 'must not be before validFrom' },
    ]);
  });
});

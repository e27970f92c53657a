import { upgradeBundle } from './bundle-upgrade';
import { validateBundle } from './bundle-validation';

const v1 = {
  format: 'registre-bundle',
  version: 1,
  organisation: { slug: 'x', name: 'X', country: 'FR', roles: ['controller'] },
  subcontractors: [{ key: 's', name: 'S' }],
  engagements: [
    { key: 'a', provider: 's', transferSafeguard: { kind: 'scc-2021', sccModule: 'C2P' } },
    { key: 'b', provider: 's' },
  ],
};

describe('bundle upgrade', () => {
  it('brings a version 1 bundle to version 2: one safeguard becomes a list of one', () => {
    expect(upgradeBundle(v1)).toEqual({
      ...v1,
      version: 2,
      engagements: [
        { key: 'a', provider: 's', transferSafeguards: [{ kind: 'scc-2021', sccModule: 'C2P' }] },
        { key: 'b', provider: 's' },
      ],
    });
    expect(validateBundle(v1).problems).toEqual([]);
  });

  it('leaves a current bundle, or anything that is not a version 1 bundle, as it is', () => {
    const v2 = { ...v1, version: 2 };
    expect(upgradeBundle(v2)).toBe(v2);
    expect(upgradeBundle([1])).toEqual([1]);
    expect(upgradeBundle({ version: 1 })).toEqual({ version: 2 });
  });

  it('refuses the old field in a version 2 bundle, naming the new one', () => {
    const problems = validateBundle({ ...v1, version: 2 }).problems;
    expect(problems).toContainEqual({
      field: 'engagements[0].transferSafeguard',
      problem:
        'is not a field of this record; safeguards are a list: transferSafeguards: [{ kind, sccModule, signedOn, countries, tia }]',
    });
  });
});

import { keysAt, rootField } from './key-paths';

describe('keysAt', () => {
  const breach = {
    discoveredBy: 'equinix',
    treatments: ['dossier', 'rdv'],
    providerAwareness: [{ subcontractor: 'equinix' }, { subcontractor: 'oci', at: 'x' }],
    notifications: [{ from: 'equinix', to: 'organisation' }],
  };

  it('reads a field, a list of keys and a field of each list item, with the concrete path', () => {
    expect(keysAt(breach, 'discoveredBy')).toEqual([{ field: 'discoveredBy', value: 'equinix' }]);
    expect(keysAt(breach, 'treatments[]')).toEqual([
      { field: 'treatments[0]', value: 'dossier' },
      { field: 'treatments[1]', value: 'rdv' },
    ]);
    expect(keysAt(breach, 'providerAwareness[].subcontractor').map((k) => k.field)).toEqual([
      'providerAwareness[0].subcontractor',
      'providerAwareness[1].subcontractor',
    ]);
    expect(keysAt(breach, 'notifications[].to')).toEqual([{ field: 'notifications[0].to', value: 'organisation' }]);
  });

  it('yields nothing where the record holds no key (absent, null, not a list, not a string)', () => {
    expect(keysAt({}, 'discoveredBy')).toEqual([]);
    expect(keysAt({ treatments: 'dossier' }, 'treatments[]')).toEqual([]);
    expect(keysAt({ uses: [null, { engagement: 3 }] }, 'uses[].engagement')).toEqual([]);
    expect(keysAt(null, 'x')).toEqual([]);
  });

  it('names the column a path is stored in', () => {
    expect(rootField('uses[].engagement')).toBe('uses');
    expect(rootField('treatments[]')).toBe('treatments');
    expect(rootField('provider')).toBe('provider');
  });
});

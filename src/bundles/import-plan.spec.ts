import type { BundleDto } from './bundle.dto';
import { computePlan } from './import-plan';

const existing = (): BundleDto =>
  ({
    format: 'registre-bundle',
    version: 1,
    organisation: { slug: 'x', name: 'X', country: 'FR', roles: ['controller'] },
    subcontractors: [
      { key: 'ovh', name: 'OVH', country: 'FR' },
      { key: 'aws', name: 'AWS', country: 'US' },
    ],
    engagements: [{ key: 'ovh-hosting', provider: 'ovh' }],
    treatments: [
      {
        key: 't',
        name: 'T',
        role: 'controller',
        legalBasis: { article6: ['contract'] },
        uses: [{ engagement: 'ovh-hosting' }],
      },
    ],
  }) as unknown as BundleDto;

describe('computePlan', () => {
  it('sorts records into create, change and unchanged, and names the changed fields', () => {
    const { plan, merged } = computePlan(
      existing(),
      {
        collections: {
          subcontractors: [
            { record: { key: 'ovh', name: 'OVH', country: 'FR' } },
            { record: { key: 'aws', name: 'Amazon Web Services', country: 'US' } },
            { record: { key: 'new', name: 'New' } },
          ],
        },
      },
      { slug: 'x' },
    );
    expect(plan.problems).toEqual([]);
    expect(plan.records.map((r) => [r.key, r.action, r.fields])).toEqual([
      ['ovh', 'unchanged', undefined],
      ['aws', 'change', ['name']],
      ['new', 'create', undefined],
    ]);
    expect(plan.organisation.action).toBe('unchanged');
    expect(merged.treatments?.[0].key).toBe('t');
    expect(plan.summary).toEqual({ create: 1, change: 1, unchanged: 1, delete: 0 });
  });

  it('keeps the fields a source does not speak for', () => {
    const { merged, plan } = computePlan(
      existing(),
      {
        collections: { treatments: [{ record: { key: 't', name: 'T renommé', role: 'processor' }, fields: ['name'] }] },
      },
      { slug: 'x' },
    );
    expect(merged.treatments?.[0]).toEqual({
      key: 't',
      name: 'T renommé',
      role: 'controller',
      legalBasis: { article6: ['contract'] },
      uses: [{ engagement: 'ovh-hosting' }],
    });
    expect(plan.records[0]).toMatchObject({ action: 'change', fields: ['name'] });
  });

  it('reports problems with paths into what came in, including references the import would break', () => {
    const { plan } = computePlan(
      existing(),
      {
        collections: {
          subcontractors: [
            { record: { key: 'bad', name: 'Bad', country: 'UK' } },
            { record: { key: 'bad', name: 'Twice' } },
          ],
          certificates: [{ record: { key: 'c', subcontractor: 'ghost', kind: 'hds' } }],
        },
        deletions: [{ collection: 'engagements', key: 'ovh-hosting' }],
      },
      { slug: 'x' },
    );
    expect(plan.problems).toEqual(
      expect.arrayContaining([
        { field: 'subcontractors[1].key', problem: 'duplicate key "bad" (also used by an earlier row)' },
        { field: 'subcontractors[0].country', problem: expect.stringMatching(/ISO 3166-1 alpha-2 .*did you mean GB/) },
      ]),
    );
    const refs = computePlan(
      existing(),
      {
        collections: { certificates: [{ record: { key: 'c', subcontractor: 'ghost', kind: 'hds' } }] },
        deletions: [{ collection: 'engagements', key: 'ovh-hosting' }],
      },
      { slug: 'x' },
    ).plan;
    expect(refs.problems).toEqual(
      expect.arrayContaining([
        { field: 'certificates[0].subcontractor', problem: 'no subcontractor with key "ghost"' },
        { field: 'treatments["t"].uses[0].engagement', problem: 'no engagement with key "ovh-hosting"' },
      ]),
    );
    expect(refs.records).toContainEqual({ collection: 'engagements', key: 'ovh-hosting', action: 'delete' });
  });

  it('changes its fingerprint when what is stored changes', () => {
    const incoming = { collections: { subcontractors: [{ record: { key: 'new', name: 'New' } }] } };
    const a = computePlan(existing(), incoming, { slug: 'x' }).plan.fingerprint;
    const changed = existing();
    changed.subcontractors?.push({ key: 'other', name: 'Other' });
    expect(computePlan(existing(), incoming, { slug: 'x' }).plan.fingerprint).toBe(a);
    expect(computePlan(changed, incoming, { slug: 'x' }).plan.fingerprint).not.toBe(a);
  });
});

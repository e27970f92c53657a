import type { CreateCertificateDto } from '../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../subcontractors/subcontractor.dto';
import { SnapshotIndex, treatmentKeys } from './snapshot-index';
import type { Engagement } from './snapshot';
import { healthTreatment, makeSnapshot } from '../compliance/testing';

const subcontractors: CreateSubcontractorDto[] = [
  { key: 'a', name: 'Alpha' },
  { key: 'b', name: 'Beta' },
  { key: 'c', name: 'Gamma' },
  { key: 'd', name: 'Delta' },
];

function context(
  engagements: CreateEngagementDto[],
  extra: { certificates?: CreateCertificateDto[]; asOf?: string } = {},
): SnapshotIndex {
  return new SnapshotIndex(
    makeSnapshot({
      subcontractors,
      engagements,
      certificates: extra.certificates ?? [],
      treatments: [healthTreatment({ uses: [{ engagement: 'e-a' }] })],
      asOf: extra.asOf,
    }),
  );
}

function keys(list: readonly Engagement[]): string[] {
  return list.map((e) => e.key);
}

function engagement(ctx: SnapshotIndex, key: string): Engagement {
  const e = ctx.engagement(key);
  if (!e) throw new Error(`no engagement ${key}`);
  return e;
}

describe('SnapshotIndex', () => {
  describe('chain', () => {
    it('follows sub-processors recursively', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-b', provider: 'b', client: 'a' },
        { key: 'e-c', provider: 'c', client: 'b' },
      ]);
      expect(keys(ctx.chain(engagement(ctx, 'e-a')))).toEqual(['e-a', 'e-b', 'e-c']);
    });

    it('starts at the engagement asked, not above it', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-b', provider: 'b', client: 'a' },
        { key: 'e-c', provider: 'c', client: 'b' },
      ]);
      expect(keys(ctx.chain(engagement(ctx, 'e-b')))).toEqual(['e-b', 'e-c']);
    });

    it('does not include engagements made by providers outside the chain', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-d', provider: 'd' },
        { key: 'e-c', provider: 'c', client: 'd' },
      ]);
      expect(keys(ctx.chain(engagement(ctx, 'e-a')))).toEqual(['e-a']);
    });

    it('survives a cycle and lists each engagement once', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-b', provider: 'b', client: 'a' },
        { key: 'e-a2', provider: 'a', client: 'b' },
      ]);
      expect(keys(ctx.chain(engagement(ctx, 'e-a')))).toEqual(['e-a', 'e-b', 'e-a2']);
    });

    it('survives a provider that engages itself', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-self', provider: 'a', client: 'a' },
      ]);
      expect(keys(ctx.chain(engagement(ctx, 'e-a')))).toEqual(['e-a', 'e-self']);
    });

    it('gives the treatment the whole chain of the engagements it uses', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-b', provider: 'b', client: 'a' },
        { key: 'e-a2', provider: 'a', client: 'b' },
      ]);
      expect(keys(ctx.treatmentChain(ctx.inUse[0]))).toEqual(['e-a', 'e-b', 'e-a2']);
      expect(ctx.treatmentsRelyingOn('e-b').map((t) => t.key)).toEqual(['t']);
      expect(ctx.treatmentsRelyingOnSubcontractor('b').map((t) => t.key)).toEqual(['t']);
      expect(ctx.treatmentsRelyingOnSubcontractor('d')).toEqual([]);
    });
  });

  describe('inUse', () => {
    it('leaves out retired treatments', () => {
      const ctx = new SnapshotIndex(
        makeSnapshot({
          treatments: [healthTreatment({ key: 'live' }), healthTreatment({ key: 'old', status: 'retired' })],
        }),
      );
      expect(ctx.inUse.map((t) => t.key)).toEqual(['live']);
    });
  });

  describe('isValidOn', () => {
    const iso: CreateCertificateDto = {
      key: 'iso',
      subcontractor: 'a',
      kind: 'iso-27001',
      validFrom: '2024-01-10',
      validTo: '2027-01-09',
    };

    it('is valid on its first day, not the day before', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      expect(ctx.isValidOn(iso, '2024-01-10')).toBe(true);
      expect(ctx.isValidOn(iso, '2024-01-09')).toBe(false);
    });

    it('is valid on its last day, not the day after', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      expect(ctx.isValidOn(iso, '2027-01-09')).toBe(true);
      expect(ctx.isValidOn(iso, '2027-01-10')).toBe(false);
    });

    it('defaults to the snapshot date', () => {
      expect(context([{ key: 'e-a', provider: 'a' }], { asOf: '2027-01-09' }).isValidOn(iso)).toBe(true);
      expect(context([{ key: 'e-a', provider: 'a' }], { asOf: '2027-01-10' }).isValidOn(iso)).toBe(false);
    });

    it('is valid from any start when only the end is known', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const c: CreateCertificateDto = { key: 'x', subcontractor: 'a', kind: 'iso-27001', validTo: '2026-06-01' };
      expect(ctx.isValidOn(c, '2000-01-01')).toBe(true);
      expect(ctx.isValidOn(c, '2026-06-02')).toBe(false);
    });

    it('is never valid when a non-HDS certificate has no end date', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const c: CreateCertificateDto = { key: 'x', subcontractor: 'a', kind: 'iso-27001', validFrom: '2025-01-01' };
      expect(ctx.certificateEnd(c)).toEqual({ derived: false });
      expect(ctx.isValidOn(c, '2025-06-01')).toBe(false);
    });

    it('derives the end of an HDS certificate with no end date: start + 3 years − 1 day', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const c: CreateCertificateDto = { key: 'x', subcontractor: 'a', kind: 'hds', validFrom: '2023-06-01' };
      expect(ctx.certificateEnd(c)).toEqual({ date: '2026-05-31', derived: true, source: 'hds-term' });
      expect(ctx.isValidOn(c, '2026-05-31')).toBe(true);
      expect(ctx.isValidOn(c, '2026-06-01')).toBe(false);
    });

    it('derives 28 February as the end of an HDS certificate starting on 29 February', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const c: CreateCertificateDto = { key: 'x', subcontractor: 'a', kind: 'hds', validFrom: '2024-02-29' };
      expect(ctx.certificateEnd(c)).toEqual({ date: '2027-02-28', derived: true, source: 'hds-term' });
      expect(ctx.isValidOn(c, '2027-02-28')).toBe(true);
      expect(ctx.isValidOn(c, '2027-03-01')).toBe(false);
    });

    it('derives the end of an agrément with no end date: 3 years', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const c: CreateCertificateDto = { key: 'x', subcontractor: 'a', kind: 'hds-agrement', validFrom: '2018-03-15' };
      expect(ctx.certificateEnd(c)).toEqual({ date: '2021-03-14', derived: true, source: 'hds-term' });
      expect(ctx.isValidOn(c, '2021-03-14')).toBe(true);
      expect(ctx.isValidOn(c, '2021-03-15')).toBe(false);
    });

    it('prefers the printed end date to the derived one', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const c: CreateCertificateDto = {
        key: 'x',
        subcontractor: 'a',
        kind: 'hds',
        validFrom: '2023-06-01',
        validTo: '2025-12-31',
      };
      expect(ctx.certificateEnd(c)).toEqual({ date: '2025-12-31', derived: false, source: 'printed' });
    });
  });

  describe('certificates', () => {
    it('indexes certificates by holder and keeps HDS certificates and agréments apart', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }], {
        certificates: [
          { key: 'h', subcontractor: 'a', kind: 'hds', validTo: '2027-01-01' },
          { key: 'g', subcontractor: 'a', kind: 'hds-agrement', validFrom: '2018-03-15' },
          { key: 'i', subcontractor: 'a', kind: 'iso-27001', validTo: '2027-01-01' },
          { key: 'j', subcontractor: 'b', kind: 'hds', validTo: '2027-01-01' },
        ],
      });
      expect(ctx.certificatesOf('a').map((c) => c.key)).toEqual(['h', 'g', 'i']);
      expect(ctx.hdsCertificatesOf('a').map((c) => c.key)).toEqual(['h', 'g']);
      expect(ctx.certificatesOf('c')).toEqual([]);
    });
  });

  describe('helpers', () => {
    it('names an engagement by provider and, for a chain, its client', () => {
      const ctx = context([
        { key: 'e-a', provider: 'a' },
        { key: 'e-b', provider: 'b', client: 'a' },
      ]);
      expect(ctx.subjectOfEngagement(engagement(ctx, 'e-a'))).toEqual({ type: 'engagement', id: 'e-a', name: 'Alpha' });
      expect(ctx.subjectOfEngagement(engagement(ctx, 'e-b'))).toEqual({
        type: 'engagement',
        id: 'e-b',
        name: 'Beta (Alpha →)',
      });
    });

    it('falls back to the key for an unknown subcontractor', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      expect(ctx.subcontractorName('zz')).toBe('zz');
      expect(ctx.subcontractorName('a')).toBe('Alpha');
    });

    it('computes a memo once per evaluation', () => {
      const ctx = context([{ key: 'e-a', provider: 'a' }]);
      const compute = jest.fn(() => 42);
      expect(ctx.memo('x', compute)).toBe(42);
      expect(ctx.memo('x', compute)).toBe(42);
      expect(compute).toHaveBeenCalledTimes(1);
    });

    it('tells health-data treatments apart', () => {
      const ctx = new SnapshotIndex(
        makeSnapshot({
          treatments: [
            healthTreatment({ key: 'h' }),
            healthTreatment({
              key: 'n',
              dataCategories: [{ category: 'identity', label: 'Identité', retention: '3 ans' }],
            }),
          ],
        }),
      );
      expect(ctx.inUse.map((t) => ctx.holdsHealthData(t))).toEqual([true, false]);
    });

    it('bounds the treatment keys given as evidence', () => {
      const many = Array.from({ length: 22 }, (_, i) => healthTreatment({ key: `t${i}` }));
      const ctx = new SnapshotIndex(makeSnapshot({ treatments: many }));
      const list = treatmentKeys(ctx.inUse);
      expect(list).toHaveLength(21);
      expect(list[20]).toBe('… (+2)');
    });
  });

  describe('long and looping chains (stored before writes refused them)', () => {
    /** org → s0 → s1 → … → s{n-1}, the last one holding an ISO 27001 certificate. */
    function longChain(n: number, loop = false) {
      return makeSnapshot({
        subcontractors: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, name: `S${i}`, country: 'FR' })),
        engagements: [
          ...Array.from({ length: n }, (_, i) => ({
            key: `e${i}`,
            provider: `s${i}`,
            client: i ? `s${i - 1}` : undefined,
          })),
          ...(loop ? [{ key: 'back', provider: 's0', client: `s${n - 1}` }] : []),
        ],
        certificates: [
          {
            key: 'deep-iso',
            subcontractor: `s${n - 1}`,
            kind: 'iso-27001',
            validFrom: '2024-01-01',
            validTo: '2026-06-20',
          },
        ],
        treatments: [healthTreatment({ uses: [{ engagement: 'e0' }] })],
      });
    }

    it('walks an 8 000-long chain without recursion, in chain order', () => {
      const ctx = new SnapshotIndex(longChain(8000));
      const chain = ctx.treatmentChain(ctx.inUse[0]);
      expect(chain).toHaveLength(8000);
      expect([chain[0].key, chain[1].key, chain[7999].key]).toEqual(['e0', 'e1', 'e7999']);
      expect(ctx.treatmentsRelyingOn('e7999').map((t) => t.key)).toEqual(['t']);
    });

    it('ends on a loop, each engagement once', () => {
      const ctx = new SnapshotIndex(longChain(5, true));
      expect(keys(ctx.chain(engagement(ctx, 'e0')))).toEqual(['e0', 'e1', 'e2', 'e3', 'e4', 'back']);
    });
  });

  it('leaves out engagements removed from their sub-processor list from the first day of the removal', () => {
    const removed: CreateEngagementDto[] = [
      { key: 'e-a', provider: 'a' },
      { key: 'e-b', provider: 'b', client: 'a', removedOn: '2026-06' },
    ];
    expect(keys(context(removed, { asOf: '2026-05-31' }).treatmentChain(healthTreatment()))).toEqual(['e-a', 'e-b']);
    const after = context(removed, { asOf: '2026-06-01' });
    expect(keys(after.treatmentChain(healthTreatment()))).toEqual(['e-a']);
    expect(keys(after.engagements)).toEqual(['e-a']);
    expect(after.engagement('e-b')).toBeUndefined();
  });

  it('gathers the HDS activities of an engagement and of its services that carry health data', () => {
    const ctx = context([
      {
        key: 'e-a',
        provider: 'a',
        hdsActivities: ['hardware'],
        serviceScopes: [
          { service: 'Cloud privé', hdsActivities: ['virtual-infrastructure', 'hardware'] },
          { service: 'SMS', hdsActivities: ['backup'], healthData: false },
        ],
      },
    ]);
    expect(ctx.hdsActivitiesOf(engagement(ctx, 'e-a'))).toEqual(['hardware', 'virtual-infrastructure']);
  });

  it("holds the organisation's own certificates apart, named after the organisation", () => {
    const own: CreateCertificateDto = { key: 'own', kind: 'hds', number: 'H-1', validFrom: '2025-01-01' };
    const ctx = context([{ key: 'e-a', provider: 'a' }], { certificates: [own] });
    expect(ctx.organisationCertificates().map((c) => c.key)).toEqual(['own']);
    expect(ctx.certificatesOf('a')).toEqual([]);
    expect(ctx.holderName(own)).toBe('Clinique Test');
    expect(ctx.subjectOfCertificate(own)).toEqual({ type: 'certificate', id: 'own', name: 'Clinique Test HDS H-1' });
    expect(ctx.certificate('own')?.number).toBe('H-1');
    expect(ctx.certificate('none')).toBeUndefined();
  });
});

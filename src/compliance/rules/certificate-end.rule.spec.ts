import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { certificateEditionWithdrawn } from './certificate-edition-withdrawn.rule';
import { certificateExpired } from './certificate-expired.rule';
import { certificateExpiring } from './certificate-expiring.rule';

/** The day a certificate ends, for every way it can end, through the three rules that speak of it. */
function all(certificates: CreateCertificateDto[], asOf: string) {
  const ctx = new SnapshotIndex(
    makeSnapshot({
      asOf,
      subcontractors: [{ key: 'host', name: 'Hébergeur' }],
      engagements: [{ key: 'e', provider: 'host' }],
      certificates,
      treatments: [healthTreatment({ uses: [{ engagement: 'e' }] })],
    }),
  );
  return [certificateExpiring, certificateExpired, certificateEditionWithdrawn].flatMap((r) => r.evaluate(ctx));
}
const ids = (certificates: CreateCertificateDto[], asOf: string) =>
  all(certificates, asOf).map(
    (f) => `${f.ruleId}${typeof f.evidence.daysLeft === 'number' ? `:${f.evidence.daysLeft}` : ''}`,
  );

const iso = (edition: string, validTo = '2026-12-31'): CreateCertificateDto => ({
  key: 'iso',
  subcontractor: 'host',
  kind: 'iso-27001',
  edition,
  validFrom: '2024-01-01',
  validTo,
});

describe('the end of a certificate, day by day', () => {
  it('is expiring on its last day (0 days left), expired the day after', () => {
    const c = iso('ISO/IEC 27001:2022', '2026-06-01');
    expect(ids([c], '2026-06-01')).toEqual(['certificate.expiring:0']);
    expect(ids([c], '2026-06-02')).toEqual(['certificate.expired']);
  });

  it.each(['ISO/IEC 27001:2013', 'EN ISO/IEC 27001:2017', 'ISO/IEC 27001:2005'])(
    'ends a "%s" certificate by withdrawal: expiring on 31 Oct 2025, ended after, never expiring in negative days',
    (edition) => {
      const c = iso(edition);
      expect(ids([c], '2025-10-31')).toEqual(['certificate.expiring:0']);
      expect(ids([c], '2025-11-01')).toEqual(['certificate.edition-withdrawn']);
      expect(ids([c], '2026-12-01')).toEqual(['certificate.edition-withdrawn']);
      // Past its printed end it is plainly expired, reported once.
      expect(ids([c], '2027-01-01')).toEqual(['certificate.expired']);
      for (const day of ['2025-11-01', '2026-06-01', '2027-01-01']) {
        expect(all([c], day).every((f) => ((f.evidence.daysLeft as number | undefined) ?? 0) >= 0)).toBe(true);
      }
    },
  );

  it("reports the organisation's own certificate, relied on by every treatment in use", () => {
    const own: CreateCertificateDto = {
      ...iso('ISO/IEC 27001:2022', '2026-06-01'),
      key: 'own',
      subcontractor: undefined,
    };
    const [f] = all([own], '2026-06-02');
    expect(f.ruleId).toBe('certificate.expired');
    expect(f.subject).toEqual({ type: 'certificate', id: 'own', name: 'Clinique Test ISO/IEC 27001' });
    expect(f.evidence).toMatchObject({ holder: 'Clinique Test', treatments: ['t'] });
    expect(f.message.fr).toContain('de Clinique Test a expiré le 2026-06-01');
  });
});

import { healthTreatment, makeSnapshot } from '../compliance/testing';
import { alertCandidates } from './candidates';

const chain = (validTo: string, asOf: string) =>
  makeSnapshot({
    asOf,
    subcontractors: [{ key: 'host', name: 'Hébergeur' }],
    certificates: [{ key: 'host-hds', subcontractor: 'host', kind: 'hds', validFrom: '2024-01-01', validTo }],
    engagements: [{ key: 'e', provider: 'host' }],
    treatments: [healthTreatment({ uses: [{ engagement: 'e' }] })],
  });

const certificateAlerts = (validTo: string, asOf: string, thresholds?: number[]) =>
  alertCandidates(chain(validTo, asOf), `${asOf}T00:00:00+02:00`, thresholds).filter(
    (c) => c.subjectType === 'certificate',
  );

describe('alertCandidates', () => {
  it('raises the threshold reached on the day it is reached, naming the treatments', () => {
    const [alert] = certificateAlerts('2026-07-01', '2026-05-02');
    expect(alert).toMatchObject({
      kind: 'certificate-expiring',
      threshold: '60',
      due: '2026-07-01',
      treatments: ['t'],
    });
    expect(alert.dedupeKey).toBe('certificate-expiring:certificate:host-hds:2026-07-01:60');
  });

  it('raises nothing the day before a threshold is reached', () => {
    expect(certificateAlerts('2026-07-01', '2026-04-01')).toEqual([]); // 91 days: beyond the 90-day threshold
  });

  it('raises only the nearest threshold after days without a scan (no flood)', () => {
    const alerts = certificateAlerts('2026-07-01', '2026-06-20'); // 11 days: 90, 60, 30 and 14 all passed
    expect(alerts.map((a) => a.threshold)).toEqual(['14']);
  });

  it('counts calendar days across the spring DST change (30 days from 29 March to 28 April)', () => {
    expect(certificateAlerts('2026-04-28', '2026-03-29').map((a) => a.threshold)).toEqual(['30']);
    expect(certificateAlerts('2026-04-28', '2026-03-28').map((a) => a.threshold)).toEqual(['60']);
  });

  it('uses the organisation thresholds when given', () => {
    expect(certificateAlerts('2026-07-01', '2026-06-20', [45, 10]).map((a) => a.threshold)).toEqual(['45']);
  });

  it('warns before an ISO/IEC 27001:2013 certificate ends with its edition, as the finding does', () => {
    const snapshot = makeSnapshot({
      asOf: '2025-10-01',
      subcontractors: [{ key: 'host', name: 'Hébergeur' }],
      certificates: [
        { key: 'iso', subcontractor: 'host', kind: 'iso-27001', edition: 'ISO/IEC 27001:2013', validTo: '2027-01-31' },
      ],
      engagements: [{ key: 'e', provider: 'host' }],
      treatments: [healthTreatment({ uses: [{ engagement: 'e' }] })],
    });
    const [alert] = alertCandidates(snapshot, '2025-10-01T00:00:00+02:00').filter(
      (c) => c.subjectType === 'certificate',
    );
    expect(alert).toMatchObject({ kind: 'certificate-expiring', threshold: '30', due: '2025-10-31' });
    expect(alert.message.fr).toContain('fin de l’édition ISO/IEC 27001:2013');
  });

  it('warns about an expired certificate still relied on, once per end date', () => {
    const [alert] = certificateAlerts('2026-05-31', '2026-06-01');
    expect(alert).toMatchObject({ kind: 'certificate-expired', threshold: 'expired' });
    expect(alert.message.fr).toContain('Le certificat HDS de Hébergeur a expiré le 2026-05-31');
  });

  it('warns about a breach step due within 24 hours, then about it overdue', () => {
    const snapshot = makeSnapshot({
      asOf: '2026-06-02',
      breaches: [{ key: 'b', title: 'Fuite', riskLevel: 'risk', organisationAwareAt: '2026-05-30T10:00:00+02:00' }],
    });
    const soon = alertCandidates(snapshot, '2026-06-01T12:00:00+02:00');
    expect(soon.map((c) => c.dedupeKey)).toEqual(['breach-step-due:breach:b:organisation>cnil']);
    const late = alertCandidates(snapshot, '2026-06-02T10:00:01+02:00');
    expect(late.map((c) => c.dedupeKey)).toEqual(['breach-step-overdue:breach:b:organisation>cnil']);
  });
});

import { alertCandidates } from '../alerts/candidates';
import { calendarEvents } from '../deadlines/calendar-feed';
import { evaluate } from './engine';
import { healthTreatment, makeSnapshot } from './testing';

/** Issue 11 defect 6: an 8 000-long sub-processing chain once made findings, the calendar and alerts fail. */
describe('an 8 000-long sub-processor chain', () => {
  const n = 8000;
  /** org → s0 → s1 → … → s7999, the last one certified; every link with the given notice hours. */
  const chain = (breachNoticeHours?: number) =>
    makeSnapshot({
      asOf: '2026-06-01',
      subcontractors: Array.from({ length: n }, (_, i) => ({ key: `s${i}`, name: `S${i}`, country: 'FR' })),
      engagements: Array.from({ length: n }, (_, i) => ({
        key: `e${i}`,
        provider: `s${i}`,
        client: i ? `s${i - 1}` : undefined,
        breachNoticeHours,
      })),
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
  const snapshot = chain();

  it('is evaluated: the certificate at its end is found expiring', () => {
    const { findings } = evaluate(snapshot);
    expect(findings.some((f) => f.ruleId === 'certificate.expiring' && f.subject.id === 'deep-iso')).toBe(true);
  });

  it('raises the alert for the certificate at its end', () => {
    const alerts = alertCandidates(snapshot, '2026-06-01T07:00:00+02:00');
    expect(alerts.map((a) => a.dedupeKey)).toContain('certificate-expiring:certificate:deep-iso:2026-06-20:30');
  });

  it('adds up the breach-notice hours of all 8 000 links, each computed once', () => {
    const found = evaluate(chain(1)).findings.filter((f) => f.ruleId === 'breach.processor-window-too-long');
    const deepest = found.find((f) => f.subject.id === `e${n - 1}`);
    expect(deepest?.evidence.breachNoticeHours).toBe(n);
  });

  it('gives its calendar', () => {
    expect(calendarEvents(snapshot, '2026-06-01T07:00:00+02:00').some((e) => e.uid.includes('deep-iso'))).toBe(true);
  });
});

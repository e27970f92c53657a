import type { CreateBreachDto } from '../../breaches/breach.dto';
import { healthTreatment, PROCESSOR_ORGANISATION, runRule } from '../testing';
import { breachNotificationLate } from './breach-notification-late.rule';

// Aware on 2026-05-01 at 10:00 Paris: the CNIL is due on 2026-05-04 at 10:00 (72 h, art. 33(1)).
const AWARE = '2026-05-01T10:00:00+02:00';
const CNIL_DUE = '2026-05-04T10:00:00+02:00';

const breach = (overrides: Partial<CreateBreachDto> = {}): CreateBreachDto => ({
  key: 'b',
  title: 'Fuite',
  riskLevel: 'risk',
  organisationAwareAt: AWARE,
  treatments: ['t'],
  ...overrides,
});
const toCnil = (at: string) => [{ from: 'organisation', to: 'cnil', at }];

function run(breaches: CreateBreachDto[], asOf = '2026-06-01', options: { processorHours?: number } = {}) {
  return runRule(breachNotificationLate, {
    asOf,
    organisation:
      options.processorHours === undefined
        ? undefined
        : { ...PROCESSOR_ORGANISATION, processorTerms: { breachNoticeHours: options.processorHours } },
    subcontractors: [{ key: 'host', name: 'Hébergeur' }],
    engagements: [{ key: 'e-host', provider: 'host', breachNoticeHours: 24 }],
    treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
    breaches,
  });
}

describe('breach.notification-late', () => {
  it('reports nothing for a notification to the CNIL made exactly at the due instant', () => {
    expect(run([breach({ notifications: toCnil(CNIL_DUE) })])).toEqual([]);
  });

  it('reports, as an error, a notification made one second late with no reasons', () => {
    const findings = run([breach({ notifications: toCnil('2026-05-04T10:00:01+02:00') })]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f).toMatchObject({
      ruleId: 'breach.notification-late',
      severity: 'error',
      subject: { type: 'breach', id: 'b', name: 'Fuite' },
      detail: 'organisation>cnil',
    });
    expect(f.evidence).toEqual({
      from: 'organisation',
      to: 'cnil',
      clockStartsAt: AWARE,
      period: '72 h',
      due: CNIL_DUE,
      notifiedAt: '2026-05-04T10:00:01+02:00',
      status: 'done-late',
      delayReasons: null,
    });
    expect(f.reference.en).toBe('GDPR Art. 33(1): 72 hours after becoming aware');
    expect(f.message.en).toBe(
      'Clinique Test → cnil: notified on 2026-05-04T10:00:01+02:00, due 2026-05-04T10:00:00+02:00; the reasons for the delay are missing.',
    );
    expect(f.message.fr).toBe(
      'Clinique Test → cnil : notifié le 2026-05-04T10:00:01+02:00, échéance 2026-05-04T10:00:00+02:00 ; les motifs du retard manquent.',
    );
    expect(f.remediation?.en).toBe('Complete the notification with the reasons for the delay (Art. 33(1)).');
    expect(f.remediation?.fr).toBe('Compléter la notification avec les motifs du retard (art. 33(1)).');
  });

  it('lowers a late notification to the CNIL that gives its reasons to a warning', () => {
    const [f] = run([breach({ notifications: toCnil('2026-05-05T10:00:00+02:00'), delayReasons: 'Enquête' })]);
    expect(f.severity).toBe('warning');
    expect(f.evidence.delayReasons).toBe('Enquête');
    expect(f.message.en).toBe(
      'Clinique Test → cnil: notified on 2026-05-05T10:00:00+02:00, due 2026-05-04T10:00:00+02:00.',
    );
    expect(f.remediation?.en).toBe('Find the cause of the delay and fix the procedure.');
    expect(f.remediation?.fr).toBe('Analyser la cause du retard et corriger la procédure.');
  });

  it('judges at the end of the day asked: not overdue on the due day, overdue the day after', () => {
    expect(run([breach()], '2026-05-03')).toEqual([]);
    // 2026-05-04 ends after the 10:00 due instant.
    const [f] = run([breach()], '2026-05-04');
    expect(f).toMatchObject({ severity: 'error', evidence: { status: 'overdue', notifiedAt: null } });
    expect(f.message.en).toBe('Clinique Test → cnil: not notified yet, due 2026-05-04T10:00:00+02:00.');
    expect(f.message.fr).toBe('Clinique Test → cnil : pas encore notifié, échéance 2026-05-04T10:00:00+02:00.');
    expect(f.remediation?.en).toBe('Notify at once, with the reasons for the delay.');
    expect(f.remediation?.fr).toBe('Notifier immédiatement, avec les motifs du retard.');
  });

  it('keeps an overdue notification an error even when reasons are recorded', () => {
    const [f] = run([breach({ delayReasons: 'Enquête' })]);
    expect(f).toMatchObject({ severity: 'error', evidence: { status: 'overdue' } });
  });

  it('reports a late step of the chain other than the CNIL as an error, reasons or not', () => {
    const late = breach({
      discoveredBy: 'host',
      providerAwareness: [{ subcontractor: 'host', at: AWARE }],
      notifications: [
        { from: 'host', to: 'organisation', at: '2026-05-02T11:00:00+02:00' },
        ...toCnil('2026-05-02T12:00:00+02:00'),
      ],
      delayReasons: 'Enquête',
    });
    const findings = run([late]);
    expect(findings.map((f) => [f.detail, f.severity])).toEqual([['host>organisation', 'error']]);
    const [f] = findings;
    expect(f.reference.en).toBe('Contract: e-host');
    expect(f.message.en).toBe(
      'Hébergeur → Clinique Test: notified on 2026-05-02T11:00:00+02:00, due 2026-05-02T10:00:00+02:00.',
    );
    expect(f.remediation?.en).toBe('Find the cause of the delay and fix the procedure.');
  });

  it('reports an overdue notification to the controller clients of a processor', () => {
    const processorBreach = breach({ treatments: ['p'] });
    const treatments = [healthTreatment({ key: 'p', role: 'processor', controllers: [{ name: 'Client' }] })];
    const findings = runRule(breachNotificationLate, {
      organisation: { ...PROCESSOR_ORGANISATION, processorTerms: { breachNoticeHours: 48 } },
      treatments,
      breaches: [processorBreach],
    });
    expect(findings.map((f) => f.detail)).toEqual(['organisation>controller']);
  });

  it('says nothing of pending, waiting, on-time or not-required steps', () => {
    expect(run([breach({ organisationAwareAt: undefined })])).toEqual([]);
    expect(run([breach({ riskLevel: 'unlikely' })])).toEqual([]);
    expect(run([breach({ notifications: toCnil('2026-05-02T09:00:00+02:00') })])).toEqual([]);
    expect(run([], '2026-06-01', { processorHours: 48 })).toEqual([]);
  });

  it('reports each breach and each late step', () => {
    const findings = run([breach(), breach({ key: 'b2', title: 'Perte', riskLevel: 'high' })]);
    expect(findings.map((f) => `${f.subject.id}:${f.detail}`)).toEqual(['b:organisation>cnil', 'b2:organisation>cnil']);
  });
});

describe('breach.notification-late: texts and edges', () => {
  it('describes the rule in French and English', () => {
    expect(breachNotificationLate).toMatchObject({
      id: 'breach.notification-late',
      severity: 'error',
      title: { fr: 'Notification de violation en retard', en: 'Breach notification late' },
      reference: { fr: 'RGPD art. 33(1), 33(2), 34', en: 'GDPR Art. 33(1), 33(2), 34' },
      description: {
        fr: "Une notification de la chaîne (sous-traitant → responsable → CNIL) a été faite après son échéance, ou ne l'est toujours pas alors que l'échéance est passée ; une notification tardive à la CNIL doit être accompagnée des motifs du retard.",
        en: 'A notification of the chain (processor → controller → CNIL) was made after it was due, or is still not made past its due time; a late notification to the CNIL must give the reasons for the delay.',
      },
    });
  });

  it('words a late notification to the CNIL with its reasons in French', () => {
    const [f] = run([breach({ notifications: toCnil('2026-05-05T10:00:00+02:00'), delayReasons: 'Enquête' })]);
    expect(f.message.fr).toBe(
      'Clinique Test → cnil : notifié le 2026-05-05T10:00:00+02:00, échéance 2026-05-04T10:00:00+02:00.',
    );
    expect(f.reference.fr).toMatch(/^RGPD art\. 33\(1\)/);
  });

  it('asks no reasons of a late step other than the CNIL, even without reasons recorded', () => {
    const late = breach({
      discoveredBy: 'host',
      providerAwareness: [{ subcontractor: 'host', at: AWARE }],
      notifications: [
        { from: 'host', to: 'organisation', at: '2026-05-02T11:00:00+02:00' },
        ...toCnil('2026-05-02T12:00:00+02:00'),
      ],
    });
    const [f] = run([late]);
    expect(f).toMatchObject({ detail: 'host>organisation', severity: 'error' });
    expect(f.message).toEqual({
      fr: 'Hébergeur → Clinique Test : notifié le 2026-05-02T11:00:00+02:00, échéance 2026-05-02T10:00:00+02:00.',
      en: 'Hébergeur → Clinique Test: notified on 2026-05-02T11:00:00+02:00, due 2026-05-02T10:00:00+02:00.',
    });
    expect(f.remediation).toEqual({
      fr: 'Analyser la cause du retard et corriger la procédure.',
      en: 'Find the cause of the delay and fix the procedure.',
    });
    expect(f.evidence).toMatchObject({ from: 'host', to: 'organisation', status: 'done-late', delayReasons: null });
  });
});

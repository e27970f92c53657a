import type { CreateBreachDto, NotificationDto } from '../breaches/breach.dto';
import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import { healthTreatment, makeSnapshot, PROCESSOR_ORGANISATION } from '../compliance/testing';
import { breachTimeline, endOfParisDay, TimelineStep } from './breach-timeline';

// The organisation became aware on Friday 1 May 2026 at 10:00 Paris (a public holiday: hours run on).
const AWARE = '2026-05-01T10:00:00+02:00';
const CNIL_DUE = '2026-05-04T10:00:00+02:00'; // 72 h later (GDPR art. 33(1), LEGAL.md §5)
const CLIENT_DUE = '2026-05-03T10:00:00+02:00'; // 48 h later (the organisation's processor terms)
const ONE_SECOND_AFTER = (instant: string) => new Date(Date.parse(instant) + 1000).toISOString();

const SUBCONTRACTORS = [
  { key: 'host', name: 'Hébergeur' },
  { key: 'backup', name: 'Sauvegarde' },
];

function breach(overrides: Partial<CreateBreachDto> = {}): CreateBreachDto {
  return { key: 'b', title: 'Fuite', riskLevel: 'risk', organisationAwareAt: AWARE, treatments: ['t'], ...overrides };
}

interface Scenario {
  engagements?: CreateEngagementDto[];
  processorHours?: number;
  treatments?: ReturnType<typeof healthTreatment>[];
}

function timeline(b: CreateBreachDto, at: string, s: Scenario = {}) {
  const snapshot = makeSnapshot({
    organisation: { ...PROCESSOR_ORGANISATION, processorTerms: { breachNoticeHours: s.processorHours } },
    subcontractors: SUBCONTRACTORS,
    engagements: s.engagements ?? [],
    treatments: s.treatments ?? [healthTreatment()],
    breaches: [b],
  });
  return breachTimeline(snapshot, snapshot.breaches[0], at);
}

const step = (steps: TimelineStep[], to: string) => {
  const found = steps.find((s) => s.to.key === to);
  if (!found) throw new Error(`no step to ${to} in ${steps.map((s) => s.to.key).join(', ')}`);
  return found;
};
const toCnil = (at: string): NotificationDto => ({ from: 'organisation', to: 'cnil', at });
const processorTreatment = healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }] });

describe('endOfParisDay', () => {
  it('is 24:00 Paris of the day, with the offset in force then', () => {
    expect(endOfParisDay('2026-06-01')).toBe('2026-06-02T00:00:00+02:00');
    expect(endOfParisDay('2026-01-15')).toBe('2026-01-16T00:00:00+01:00');
    expect(endOfParisDay('2026-12-31')).toBe('2027-01-01T00:00:00+01:00');
  });
});

describe('breach timeline: controller → CNIL, 72 h (art. 33(1))', () => {
  it('is due 72 h after the organisation became aware, hours running through the weekend and holiday', () => {
    const [cnil] = timeline(breach(), AWARE).steps;
    expect(cnil).toMatchObject({
      order: 1,
      from: { type: 'organisation', key: 'organisation', name: 'Clinique Test' },
      to: { type: 'cnil', key: 'cnil', name: 'cnil' },
      clockStartsAt: AWARE,
      clockSource: 'awareness',
      period: '72 h',
      due: CNIL_DUE,
      notifiedAt: null,
      status: 'pending',
    });
    expect(cnil.basis.en).toBe('GDPR Art. 33(1): 72 hours after becoming aware');
    expect(cnil.basis.fr).toBe('RGPD art. 33(1) : 72 heures après en avoir pris connaissance');
  });

  it('is on time when notified exactly at the due instant', () => {
    const t = timeline(breach({ notifications: [toCnil(CNIL_DUE)] }), endOfParisDay('2026-05-31'));
    expect(step(t.steps, 'cnil')).toMatchObject({ notifiedAt: CNIL_DUE, status: 'done-on-time' });
    expect(t.summary).toEqual({ overdue: 0, late: 0, pending: 0 });
  });

  it('is late when notified one second after the due instant', () => {
    const t = timeline(breach({ notifications: [toCnil(ONE_SECOND_AFTER(CNIL_DUE))] }), endOfParisDay('2026-05-31'));
    expect(step(t.steps, 'cnil')).toMatchObject({ notifiedAt: '2026-05-04T10:00:01+02:00', status: 'done-late' });
    expect(t.summary).toEqual({ overdue: 0, late: 1, pending: 0 });
  });

  it('is still pending at the due instant, and overdue one second after it', () => {
    expect(step(timeline(breach(), CNIL_DUE).steps, 'cnil').status).toBe('pending');
    const after = timeline(breach(), ONE_SECOND_AFTER(CNIL_DUE));
    expect(step(after.steps, 'cnil').status).toBe('overdue');
    expect(after.summary).toEqual({ overdue: 1, late: 0, pending: 0 });
    expect(after.at).toBe('2026-05-04T10:00:01+02:00');
  });

  it('counts 72 real hours across the autumn clock change', () => {
    const t = timeline(breach({ organisationAwareAt: '2026-10-24T10:00:00+02:00' }), '2026-10-24T12:00:00+02:00');
    expect(step(t.steps, 'cnil').due).toBe('2026-10-27T09:00:00+01:00');
  });

  it('takes the earliest notification to the CNIL', () => {
    const notifications = [toCnil('2026-05-05T09:00:00+02:00'), toCnil('2026-05-03T09:00:00+02:00')];
    const cnil = step(timeline(breach({ notifications }), endOfParisDay('2026-05-31')).steps, 'cnil');
    expect(cnil).toMatchObject({ notifiedAt: '2026-05-03T09:00:00+02:00', status: 'done-on-time' });
  });

  it('ignores a notification from or to another party', () => {
    const notifications = [
      { from: 'host', to: 'cnil', at: '2026-05-02T09:00:00+02:00' },
      { from: 'organisation', to: 'controller', at: '2026-05-02T09:00:00+02:00' },
    ];
    const cnil = step(timeline(breach({ notifications }), CNIL_DUE).steps, 'cnil');
    expect(cnil).toMatchObject({ notifiedAt: null, status: 'pending' });
  });

  it('judges at the instant asked: a later notification or awareness has not happened yet', () => {
    const at = '2026-05-03T12:00:00+02:00';
    const later = timeline(breach({ notifications: [toCnil('2026-05-03T12:00:01+02:00')] }), at);
    expect(step(later.steps, 'cnil')).toMatchObject({ notifiedAt: null, status: 'pending' });
    const same = timeline(breach({ notifications: [toCnil(at)] }), at);
    expect(step(same.steps, 'cnil')).toMatchObject({ notifiedAt: at, status: 'done-on-time' });
    const notYetAware = timeline(breach({ organisationAwareAt: '2026-05-03T12:00:01+02:00' }), at);
    expect(step(notYetAware.steps, 'cnil')).toMatchObject({
      clockStartsAt: null,
      clockSource: 'unknown',
      due: null,
      status: 'waiting',
    });
  });

  it('waits while the organisation is not known to be aware, and records a notification all the same', () => {
    const unknown = timeline(breach({ organisationAwareAt: undefined }), CNIL_DUE);
    expect(step(unknown.steps, 'cnil')).toMatchObject({ clockSource: 'unknown', due: null, status: 'waiting' });
    expect(unknown.summary).toEqual({ overdue: 0, late: 0, pending: 0 });
    const notified = timeline(breach({ organisationAwareAt: undefined, notifications: [toCnil(AWARE)] }), CNIL_DUE);
    expect(step(notified.steps, 'cnil')).toMatchObject({ due: null, status: 'done' });
  });

  it('requires no notification when the risk is unlikely, however late', () => {
    const t = timeline(breach({ riskLevel: 'unlikely' }), endOfParisDay('2026-12-31'));
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]).toMatchObject({ due: CNIL_DUE, status: 'not-required' });
    expect(t.steps[0].basis.en).toBe('GDPR Art. 33(1): no notification, risk unlikely (document it, Art. 33(5))');
    expect(t.breach).toEqual({ key: 'b', title: 'Fuite', riskLevel: 'unlikely' });
  });

  it('adds the data subjects, without a period, when the risk is high (art. 34)', () => {
    const t = timeline(breach({ riskLevel: 'high' }), endOfParisDay('2026-12-31'));
    expect(t.steps.map((s) => s.to.key)).toEqual(['cnil', 'data-subjects']);
    const subjects = step(t.steps, 'data-subjects');
    expect(subjects).toMatchObject({ order: 2, period: null, due: null, status: 'pending' });
    expect(subjects.to).toEqual({ type: 'data-subjects', key: 'data-subjects', name: 'data-subjects' });
    expect(subjects.basis.en).toBe('GDPR Art. 34(1): without undue delay, high risk');
    expect(t.summary).toEqual({ overdue: 1, late: 0, pending: 1 });
  });

  it('has no data-subjects step for an ordinary risk', () => {
    expect(timeline(breach(), AWARE).steps.map((s) => s.to.key)).toEqual(['cnil']);
  });
});

describe('breach timeline: processor → controller (the organisation as processor)', () => {
  // `null`: processor terms that set no hours.
  const asProcessor = (b: CreateBreachDto, at: string, hours: number | null = 48) =>
    timeline(b, at, { processorHours: hours ?? undefined, treatments: [processorTreatment] });

  it('is due at the hours of its processor terms, and leaves the CNIL to the controller', () => {
    const t = asProcessor(breach(), AWARE);
    expect(t.steps).toHaveLength(1);
    expect(t.steps[0]).toMatchObject({
      to: { type: 'controller', key: 'controller' },
      period: '48 h',
      due: CLIENT_DUE,
      status: 'pending',
    });
    expect(t.steps[0].basis.en).toBe('The organisation’s processor terms');
  });

  it('is on time when the controller is notified exactly at the due instant, late one second after', () => {
    const at = endOfParisDay('2026-05-31');
    const notify = (instant: string) =>
      breach({ notifications: [{ from: 'organisation', to: 'controller', at: instant }] });
    expect(asProcessor(notify(CLIENT_DUE), at).steps[0].status).toBe('done-on-time');
    expect(asProcessor(notify(ONE_SECOND_AFTER(CLIENT_DUE)), at).steps[0].status).toBe('done-late');
  });

  it('is pending at the due instant, overdue one second after', () => {
    expect(asProcessor(breach(), CLIENT_DUE).steps[0].status).toBe('pending');
    expect(asProcessor(breach(), ONE_SECOND_AFTER(CLIENT_DUE)).steps[0].status).toBe('overdue');
  });

  it('has no due instant when the terms set no hours ("without undue delay"): never overdue', () => {
    const t = asProcessor(breach(), endOfParisDay('2026-12-31'), null);
    expect(t.steps[0]).toMatchObject({ period: null, due: null, status: 'pending' });
    expect(t.steps[0].basis.en).toBe('GDPR Art. 33(2): without undue delay');
  });

  it('notifies both the controller and the CNIL when the breach touches a treatment of each role', () => {
    const t = timeline(breach({ treatments: ['t', 'p'] }), AWARE, {
      processorHours: 48,
      treatments: [healthTreatment(), { ...processorTreatment, key: 'p' }],
    });
    expect(t.steps.map((s) => [s.order, s.to.key, s.due])).toEqual([
      [1, 'controller', CLIENT_DUE],
      [2, 'cnil', CNIL_DUE],
    ]);
  });

  it('treats a breach with no known treatment as the controller’s', () => {
    const t = timeline(breach({ treatments: ['nowhere'] }), AWARE, { processorHours: 48 });
    expect(t.steps.map((s) => s.to.key)).toEqual(['cnil']);
    const none = timeline(breach({ treatments: undefined }), AWARE, { processorHours: 48 });
    expect(none.steps.map((s) => s.to.key)).toEqual(['cnil']);
  });
});

describe('breach timeline: up the sub-processor chain', () => {
  const engagements: CreateEngagementDto[] = [
    {
      key: 'e-host',
      provider: 'host',
      breachNoticeHours: 24,
      source: { document: 'Contrat hébergement', section: '§14.5' },
    },
    { key: 'e-backup', provider: 'backup', client: 'host', breachNoticeHours: 48 },
  ];
  const discovered = (overrides: Partial<CreateBreachDto> = {}) =>
    breach({
      discoveredBy: 'backup',
      providerAwareness: [{ subcontractor: 'backup', at: '2026-05-01T08:00:00+02:00' }],
      notifications: [{ from: 'backup', to: 'host', at: '2026-05-01T09:00:00+02:00' }],
      ...overrides,
    });

  it('runs from the discovering sub-processor to the organisation, each on its contract hours', () => {
    const t = timeline(discovered(), '2026-05-01T12:00:00+02:00', { engagements });
    expect(t.steps.map((s) => `${s.order}:${s.from.key}>${s.to.key}`)).toEqual([
      '1:backup>host',
      '2:host>organisation',
      '3:organisation>cnil',
    ]);
    const [backup, host] = t.steps;
    expect(backup).toMatchObject({
      from: { type: 'subcontractor', key: 'backup', name: 'Sauvegarde' },
      to: { type: 'subcontractor', key: 'host', name: 'Hébergeur' },
      clockStartsAt: '2026-05-01T08:00:00+02:00',
      clockSource: 'awareness',
      period: '48 h',
      due: '2026-05-03T08:00:00+02:00',
      notifiedAt: '2026-05-01T09:00:00+02:00',
      status: 'done-on-time',
    });
    expect(backup.basis.en).toBe('Contract: e-backup');
    // The host did not record its own awareness: its clock starts when it was told.
    expect(host).toMatchObject({
      to: { type: 'organisation', key: 'organisation', name: 'Clinique Test' },
      clockStartsAt: '2026-05-01T09:00:00+02:00',
      clockSource: 'notification-received',
      period: '24 h',
      due: '2026-05-02T09:00:00+02:00',
      status: 'pending',
    });
    expect(host.basis).toEqual({
      fr: 'Contrat : Contrat hébergement §14.5',
      en: 'Contract: Contrat hébergement §14.5',
    });
  });

  it('prefers a party’s own awareness to the notification it received', () => {
    const t = timeline(
      discovered({
        providerAwareness: [
          { subcontractor: 'backup', at: '2026-05-01T08:00:00+02:00' },
          { subcontractor: 'host', at: '2026-05-01T08:30:00+02:00' },
        ],
      }),
      '2026-05-01T12:00:00+02:00',
      { engagements },
    );
    expect(step(t.steps, 'organisation')).toMatchObject({
      clockStartsAt: '2026-05-01T08:30:00+02:00',
      clockSource: 'awareness',
      due: '2026-05-02T08:30:00+02:00',
    });
  });

  it('takes the earliest notification a party received as its clock start', () => {
    const t = timeline(
      discovered({
        notifications: [
          { from: 'backup', to: 'host', at: '2026-05-01T11:00:00+02:00' },
          { from: 'backup', to: 'host', at: '2026-05-01T09:00:00+02:00' },
        ],
      }),
      '2026-05-01T12:00:00+02:00',
      { engagements },
    );
    expect(step(t.steps, 'organisation').clockStartsAt).toBe('2026-05-01T09:00:00+02:00');
  });

  it('names the contract by its document alone when it gives no section', () => {
    const withoutSection = [{ ...engagements[0], source: { document: 'CGV' } }, engagements[1]];
    const t = timeline(discovered(), '2026-05-01T12:00:00+02:00', { engagements: withoutSection });
    expect(step(t.steps, 'organisation').basis.en).toBe('Contract: CGV');
  });

  it('falls back to "without undue delay" when the contract sets no hours', () => {
    const noHours = [engagements[0], { ...engagements[1], breachNoticeHours: undefined }];
    const [backup] = timeline(discovered(), endOfParisDay('2026-12-31'), { engagements: noHours }).steps;
    expect(backup).toMatchObject({ period: null, due: null, status: 'done' });
    expect(backup.basis.fr).toBe('RGPD art. 33(2) : sans délai injustifié');
  });

  it('follows the engagement towards the organisation when a provider has several', () => {
    const twoLinks: CreateEngagementDto[] = [
      { key: 'e-backup-for-host', provider: 'backup', client: 'host', breachNoticeHours: 48 },
      { key: 'e-backup-direct', provider: 'backup', breachNoticeHours: 12 },
      engagements[0],
    ];
    const t = timeline(discovered(), '2026-05-01T12:00:00+02:00', { engagements: twoLinks });
    expect(t.steps.map((s) => `${s.from.key}>${s.to.key}:${s.period}`)).toEqual([
      'backup>organisation:12 h',
      'organisation>cnil:72 h',
    ]);
  });

  it('stops at a provider with no engagement, and at a loop in the chain', () => {
    const none = timeline(discovered(), AWARE, { engagements: [] });
    expect(none.steps.map((s) => s.to.key)).toEqual(['cnil']);
    const loop: CreateEngagementDto[] = [
      { key: 'e-host', provider: 'host', client: 'backup' },
      { key: 'e-backup', provider: 'backup', client: 'host' },
    ];
    const looped = timeline(discovered(), AWARE, { engagements: loop });
    expect(looped.steps.map((s) => `${s.from.key}>${s.to.key}`)).toEqual([
      'backup>host',
      'host>backup',
      'organisation>cnil',
    ]);
  });

  it('ignores a sub-processor’s awareness recorded after the instant asked', () => {
    const t = timeline(discovered({ notifications: [] }), '2026-05-01T07:59:59+02:00', { engagements });
    expect(t.steps[0]).toMatchObject({ clockSource: 'unknown', clockStartsAt: null, status: 'waiting' });
  });
});

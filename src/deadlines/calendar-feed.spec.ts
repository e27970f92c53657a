import type { CreateEngagementDto } from '../subcontractors/engagement.dto';
import type { CreateSubprocessorChangeDto } from '../subcontractors/subprocessor-change.dto';
import { isoCertificate, makeSnapshot, SnapshotParts } from '../compliance/testing';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import { calendarEvents, contractEvents, objectionWindow, toIcs } from './calendar-feed';

const SUBCONTRACTORS = [
  { key: 'host', name: 'Hébergeur' },
  { key: 'new', name: 'Nouveau' },
];
const host = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  objectionWindowDays: 30,
  ...overrides,
});
// Notice received on Monday 4 May 2026: a 30-day window ends on Wednesday 3 June (the 4th is not counted).
const change = (overrides: Partial<CreateSubprocessorChangeDto> = {}): CreateSubprocessorChangeDto => ({
  key: 'c',
  engagement: 'e-host',
  subprocessor: 'new',
  kind: 'addition',
  noticeReceivedAt: '2026-05-04T09:00:00+02:00',
  ...overrides,
});
const snap = (parts: SnapshotParts) => makeSnapshot({ subcontractors: SUBCONTRACTORS, ...parts });
const windowOn = (asOf: string, c = change(), e = host()) => {
  const s = snap({ asOf, engagements: [e], subprocessorChanges: [c] });
  return objectionWindow(s, s.subprocessorChanges[0]);
};

describe('objection window', () => {
  it('is open on its last day, with 0 days left, and closed the day after', () => {
    expect(windowOn('2026-06-02')).toMatchObject({ status: 'open', windowEndsOn: '2026-06-03', daysLeft: 1 });
    const last = windowOn('2026-06-03');
    expect(last).toMatchObject({
      change: 'c',
      subprocessor: 'Nouveau',
      noticeReceivedAt: '2026-05-04T09:00:00+02:00',
      plannedEffectiveOn: null,
      windowDays: 30,
      windowEndsOn: '2026-06-03',
      due: '2026-06-04T00:00:00+02:00',
      status: 'open',
      daysLeft: 0,
    });
    expect(last.rule.length).toBeGreaterThan(0);
    expect(windowOn('2026-06-04')).toMatchObject({ status: 'closed', daysLeft: 0 });
  });

  it('runs to the next working day when the contract says so', () => {
    // 30 days from Friday 1 May 2026 end on Sunday 31 May; Monday 1 June is a working day.
    const c = change({ noticeReceivedAt: '2026-05-01T09:00:00+02:00' });
    expect(windowOn('2026-05-20', c).windowEndsOn).toBe('2026-05-31');
    const e = host({ deadlines: [{ kind: 'objection-window', nextWorkingDay: true, description: 'Opposition' }] });
    expect(windowOn('2026-05-20', c, e)).toMatchObject({
      windowEndsOn: '2026-06-01',
      due: '2026-06-02T00:00:00+02:00',
    });
  });

  it('says objected, no window or not applicable', () => {
    const objected = change({ objection: { at: '2026-05-10T10:00:00+02:00' }, plannedEffectiveOn: '2026-07-01' });
    expect(windowOn('2026-05-20', objected)).toMatchObject({ status: 'objected', plannedEffectiveOn: '2026-07-01' });
    expect(windowOn('2026-05-20', objected, host({ objectionWindowDays: undefined }))).toMatchObject({
      status: 'objected',
      windowDays: null,
    });
    expect(windowOn('2026-05-20', change(), host({ objectionWindowDays: undefined }))).toMatchObject({
      status: 'no-window',
      windowDays: null,
      windowEndsOn: null,
      due: null,
      daysLeft: null,
      rule: [],
    });
    expect(windowOn('2026-05-20', change({ kind: 'removal' }))).toMatchObject({
      status: 'not-applicable',
      windowDays: null,
    });
  });
});

describe('contract events', () => {
  const uid = (...parts: string[]) => parts.join('/');
  const events = (term: CreateEngagementDto['term'], asOf = '2026-06-01') => {
    const s = snap({ engagements: [host({ term })] });
    return contractEvents(new SnapshotIndex(s), s.engagements[0], asOf, uid);
  };

  it('has none without a term or an end', () => {
    expect(events(undefined)).toEqual([]);
    expect(events({ startsOn: '2025-01-01' })).toEqual([]);
  });

  it('dates the end from the start and the duration, in each unit', () => {
    const end = (unit: 'calendar-days' | 'weeks' | 'months' | 'years', value = 1) =>
      events({ startsOn: '2026-01-31', duration: { value, unit } })[0].date;
    expect(end('calendar-days', 30)).toBe('2026-03-02');
    expect(end('weeks', 2)).toBe('2026-02-14');
    expect(end('months')).toBe('2026-02-28');
    expect(end('years')).toBe('2027-01-31');
    expect(events({ startsOn: '2026-01-31', duration: { value: 3, unit: 'working-days' } })).toEqual([]);
  });

  it('gives the end and the last day to give notice', () => {
    const [end, notice] = events({
      endsOn: '2026-12-31',
      terminationNotice: { value: 3, unit: 'months' },
      details: 'Contrat cadre',
    });
    expect(end).toEqual({
      uid: 'contract-end/e-host',
      category: 'contract',
      date: '2026-12-31',
      summary: 'Fin du contrat : Hébergeur',
      title: { fr: 'Fin du contrat : Hébergeur', en: 'Contract ends: Hébergeur' },
      subject: { type: 'engagement', key: 'e-host' },
      description: 'Contrat cadre',
    });
    expect(notice).toMatchObject({
      uid: 'termination-notice/e-host',
      date: '2026-09-30',
      title: { fr: 'Dernier jour pour dénoncer : Hébergeur', en: 'Last day to give notice: Hébergeur' },
      description: "Préavis de 3 months avant l'échéance du 2026-12-31.",
    });
  });

  it('renews a tacitly renewed term until the next end on or after the day asked', () => {
    const term = { endsOn: '2024-06-01', tacitRenewal: true, renewalPeriod: { value: 1, unit: 'years' as const } };
    expect(events(term, '2026-06-01')[0]).toMatchObject({
      date: '2026-06-01',
      title: { fr: 'Échéance (reconduction tacite) : Hébergeur', en: 'Term ends (tacit renewal): Hébergeur' },
      description: 'Contrat e-host.',
    });
    expect(events(term, '2026-06-02')[0].date).toBe('2027-06-01');
    expect(events({ ...term, tacitRenewal: false }, '2026-06-02')[0].date).toBe('2024-06-01');
  });
});

describe('calendar events', () => {
  it('lists certificate ends, objection windows, breach deadlines and contract ends, by date', () => {
    const s = snap({
      asOf: '2026-05-20',
      engagements: [host({ term: { endsOn: '2026-12-31' } })],
      certificates: [isoCertificate({ validTo: '2026-11-30' })],
      subprocessorChanges: [change(), change({ key: 'gone', kind: 'removal' })],
      breaches: [
        { key: 'b', title: 'Fuite', riskLevel: 'risk', organisationAwareAt: '2026-05-19T10:00:00+02:00' },
        {
          key: 'done',
          title: 'Notifiée',
          riskLevel: 'risk',
          organisationAwareAt: '2026-05-19T10:00:00+02:00',
          notifications: [{ from: 'organisation', to: 'cnil', at: '2026-05-19T12:00:00+02:00' }],
        },
      ],
    });
    const events = calendarEvents(s, '2026-05-20T12:00:00+02:00');
    expect(events.map((e) => [e.uid, e.date ?? e.instant])).toEqual([
      ['breach-b-organisation-cnil@test.registre', '2026-05-22T10:00:00+02:00'],
      ['objection-window-c@test.registre', '2026-06-03'],
      ['certificate-expiry-iso@test.registre', '2026-11-30'],
      ['contract-end-e-host@test.registre', '2026-12-31'],
    ]);
    const [breach, window, certificate] = events;
    expect(breach).toMatchObject({
      category: 'breach',
      summary: 'Violation « Fuite » : notification Clinique Test → cnil',
      subject: { type: 'breach', key: 'b' },
      description:
        'Échéance 2026-05-22T10:00:00+02:00 (72 h, RGPD art. 33(1) : 72 heures après en avoir pris connaissance).',
    });
    expect(window).toMatchObject({
      category: 'objection-window',
      title: {
        fr: "Fin du délai d'opposition : Nouveau (Hébergeur)",
        en: 'Objection window ends: Nouveau (Hébergeur)',
      },
      description: "Délai de 30 jours à compter de la réception de l'avis (2026-05-04T09:00:00+02:00).",
    });
    expect(certificate).toMatchObject({
      category: 'certificate',
      subject: { type: 'certificate', key: 'iso' },
      title: {
        fr: 'Fin de validité : ISO/IEC 27001 Hébergeur n° N-1',
        en: 'End of validity: ISO/IEC 27001 Hébergeur no. N-1',
      },
    });
  });

  it('has no objection-window event without a window in the contract', () => {
    const s = snap({ engagements: [host({ objectionWindowDays: undefined })], subprocessorChanges: [change()] });
    expect(calendarEvents(s, '2026-06-01T12:00:00+02:00')).toEqual([]);
  });
});

describe('toIcs', () => {
  // Built inside each test, not when the file is collected: a mutation test activates its mutant per
  // test, so code that ran at collection would never meet the mutant.
  const build = () =>
    toIcs(
      [
        {
          uid: 'a@test.registre',
          summary: 'Fin; du, contrat\\ï',
          title: { fr: '', en: '' },
          subject: { type: 'engagement', key: 'e' },
          description: `ligne 1\nligne 2 ${'é'.repeat(60)}`,
          date: '2026-12-31',
          category: 'contract',
        },
        {
          uid: 'b@test.registre',
          summary: 'Violation',
          title: { fr: '', en: '' },
          subject: { type: 'breach', key: 'b' },
          description: 'Échéance',
          instant: '2026-05-22T10:00:00+02:00',
          category: 'breach',
        },
      ],
      { name: 'Registre — Clinique', now: '2026-05-20T12:00:00.123+02:00' },
    );
  let ics = '';
  let lines: string[] = [];
  beforeEach(() => {
    ics = build();
    lines = ics.split('\r\n');
  });

  it('writes each event whole, in order, and nothing else', () => {
    expect(lines.slice(lines.indexOf('BEGIN:VEVENT', 7))).toEqual([
      'BEGIN:VEVENT',
      'UID:b@test.registre',
      'DTSTAMP:20260520T100000Z',
      'DTSTART:20260522T080000Z',
      'SUMMARY:Violation',
      'DESCRIPTION:Échéance',
      'CATEGORIES:BREACH',
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ]);
    expect(lines.slice(6, 11)).toEqual([
      'BEGIN:VEVENT',
      'UID:a@test.registre',
      'DTSTAMP:20260520T100000Z',
      'DTSTART;VALUE=DATE:20261231',
      'DTEND;VALUE=DATE:20270101',
    ]);
    expect(lines.filter((l) => l === 'END:VEVENT')).toHaveLength(2);
  });

  it('escapes line breaks, CRLF as LF, as \\n', () => {
    const one = toIcs(
      [
        {
          uid: 'c',
          summary: 'a\r\nb\nc',
          title: { fr: '', en: '' },
          subject: { type: 'breach', key: 'c' },
          description: '',
          date: '2026-01-01',
          category: 'breach',
        },
      ],
      { name: 'n', now: '2026-01-01T00:00:00Z' },
    );
    expect(one.split('\r\n')).toContain('SUMMARY:a\\nb\\nc');
  });

  it('writes a calendar with CRLF line ends', () => {
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(lines.slice(0, 6)).toEqual([
      'BEGIN:VCALENDAR',
      'VERSION:2.0',
      'PRODID:-//Registre//Registre calendar//FR',
      'CALSCALE:GREGORIAN',
      'METHOD:PUBLISH',
      'X-WR-CALNAME:Registre — Clinique',
    ]);
    expect(ics).not.toMatch(/[^\r]\n/);
  });

  it('gives all-day events a date and the next day, timed ones a UTC instant', () => {
    expect(lines).toContain('DTSTART;VALUE=DATE:20261231');
    expect(lines).toContain('DTEND;VALUE=DATE:20270101');
    expect(lines).toContain('DTSTART:20260522T080000Z');
    expect(lines.filter((l) => l === 'DTSTAMP:20260520T100000Z')).toHaveLength(2);
    expect(lines).toContain('CATEGORIES:CONTRACT');
    expect(lines).toContain('CATEGORIES:BREACH');
  });

  it('escapes TEXT values', () => {
    expect(lines).toContain('SUMMARY:Fin\\; du\\, contrat\\\\ï');
  });

  it('folds lines at 75 octets without splitting a character', () => {
    const start = lines.findIndex((l) => l.startsWith('DESCRIPTION:ligne 1'));
    const folded = [lines[start]];
    for (let i = start + 1; lines[i].startsWith(' '); i++) folded.push(lines[i]);
    expect(folded.length).toBeGreaterThan(1);
    for (const line of folded) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    expect(Buffer.byteLength(folded[0])).toBeGreaterThanOrEqual(74);
    expect(folded.map((l, i) => (i === 0 ? l : l.slice(1))).join('')).toBe(
      `DESCRIPTION:ligne 1\\nligne 2 ${'é'.repeat(60)}`,
    );
  });
});

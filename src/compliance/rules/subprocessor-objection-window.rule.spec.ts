import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubprocessorChangeDto } from '../../subcontractors/subprocessor-change.dto';
import { evaluate } from '../engine';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { subprocessorObjectionWindow } from './subprocessor-objection-window.rule';

/** 23:30 in Paris on 2 March (UTC+1): received on 2026-03-02, a 30-day window ends on 2026-04-01. */
const PARIS_EVENING = '2026-03-02T23:30:00+01:00';
/** 23:30 UTC is 00:30 on 3 March in Paris: the window ends on 2026-04-02. */
const UTC_EVENING = '2026-03-02T23:30:00Z';

const ENGAGEMENT: CreateEngagementDto = {
  key: 'e-host',
  provider: 'host',
  objectionWindowDays: 30,
  source: { document: '004_a4724366316468b4.txt', section: '14.3' },
};

const change = (overrides: Partial<CreateSubprocessorChangeDto> = {}): CreateSubprocessorChangeDto => ({
  key: 'c1',
  engagement: 'e-host',
  subprocessor: 'new',
  kind: 'addition',
  noticeReceivedAt: PARIS_EVENING,
  ...overrides,
});

function snapshot(
  changes: CreateSubprocessorChangeDto[],
  options: { asOf?: string; engagement?: CreateEngagementDto } = {},
) {
  return makeSnapshot({
    asOf: options.asOf ?? '2026-03-15',
    subcontractors: [
      { key: 'host', name: 'Hébergeur' },
      { key: 'new', name: 'Nouveau' },
    ],
    engagements: [options.engagement ?? ENGAGEMENT],
    treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
    subprocessorChanges: changes,
  });
}

function run(
  changes: CreateSubprocessorChangeDto[],
  options: { asOf?: string; engagement?: CreateEngagementDto } = {},
) {
  return subprocessorObjectionWindow.evaluate(new SnapshotIndex(snapshot(changes, options)));
}

const SUBJECT = { type: 'subprocessor-change', id: 'c1', name: 'Hébergeur → Nouveau' };

describe('subprocessor.objection-window', () => {
  it('reports an open window as info, with the days left (notice day not counted)', () => {
    const findings = run([change()]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('subprocessor.objection-window');
    expect(f.severity).toBe('info');
    expect(f.subject).toEqual(SUBJECT);
    expect(f.detail).toBeUndefined();
    expect(f.evidence).toEqual({
      noticeReceivedAt: PARIS_EVENING,
      windowDays: 30,
      windowEndsOn: '2026-04-01',
      plannedEffectiveOn: null,
      asOf: '2026-03-15',
      contract: { document: '004_a4724366316468b4.txt', section: '14.3' },
      daysLeft: 17,
    });
    expect(f.message.en).toBe('Objection window for Nouveau open: 17 day(s) left, until 2026-04-01 inclusive.');
    expect(f.reference.en).toBe('GDPR Art. 28(2)');
    expect(f.remediation.en).toContain('decide before the window closes');
  });

  it('counts from the Paris day of receipt: 23:30 UTC on 2 March is 3 March in Paris', () => {
    const [f] = run([change({ noticeReceivedAt: UTC_EVENING })]);
    expect(f.severity).toBe('info');
    expect(f.evidence).toMatchObject({ noticeReceivedAt: UTC_EVENING, windowEndsOn: '2026-04-02', daysLeft: 18 });
  });

  it('keeps the window open on its last day, with 0 days left', () => {
    const findings = run([change()], { asOf: '2026-04-01' });
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('info');
    expect(findings[0].evidence).toMatchObject({ windowEndsOn: '2026-04-01', daysLeft: 0 });
    expect(findings[0].message.en).toBe(
      'Objection window for Nouveau open: 0 day(s) left, until 2026-04-01 inclusive.',
    );
  });

  it('reports nothing once the window has closed without a premature effective date', () => {
    expect(run([change()], { asOf: '2026-04-02' })).toEqual([]);
    expect(run([change({ plannedEffectiveOn: '2026-04-02' })], { asOf: '2026-04-02' })).toEqual([]);
  });

  it('reports a change effective on the last day of the window as an error', () => {
    const findings = run([change({ plannedEffectiveOn: '2026-04-01' })]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual(SUBJECT);
    expect(f.evidence).toEqual({
      noticeReceivedAt: PARIS_EVENING,
      windowDays: 30,
      windowEndsOn: '2026-04-01',
      plannedEffectiveOn: '2026-04-01',
      asOf: '2026-03-15',
      contract: { document: '004_a4724366316468b4.txt', section: '14.3' },
    });
    expect(f.message.en).toBe(
      'Nouveau is to start on 2026-04-01, before the objection window closes (30 days, until 2026-04-01 inclusive).',
    );
    expect(f.remediation.en).toBe('Ask Hébergeur to postpone the change until after 2026-04-01, or object.');
  });

  it('reports an effective date before the window ends as an error even after that date', () => {
    const [f] = run([change({ plannedEffectiveOn: '2026-03-10' })], { asOf: '2026-06-01' });
    expect(f.severity).toBe('error');
    expect(f.evidence).toMatchObject({ plannedEffectiveOn: '2026-03-10', asOf: '2026-06-01' });
  });

  it('accepts a change effective the day after the window, leaving the open window as info', () => {
    const findings = run([change({ plannedEffectiveOn: '2026-04-02' })]);
    expect(findings.map((f) => f.severity)).toEqual(['info']);
    expect(findings[0].evidence).toMatchObject({ plannedEffectiveOn: '2026-04-02', daysLeft: 17 });
  });

  it('moves the error edge with the Paris day of receipt', () => {
    const effective = { plannedEffectiveOn: '2026-04-02' };
    expect(run([change({ ...effective, noticeReceivedAt: PARIS_EVENING })]).map((f) => f.severity)).toEqual(['info']);
    expect(run([change({ ...effective, noticeReceivedAt: UTC_EVENING })]).map((f) => f.severity)).toEqual(['error']);
  });

  it('reports nothing once the organisation has objected', () => {
    const objected = change({ plannedEffectiveOn: '2026-03-10', objection: { at: '2026-03-05T10:00:00+01:00' } });
    expect(run([objected])).toEqual([]);
  });

  it('warns that no objection window is recorded when nothing of the contract is recorded', () => {
    const findings = run([change({ noticeReceivedAt: UTC_EVENING, plannedEffectiveOn: '2026-03-10' })], {
      engagement: { key: 'e-host', provider: 'host' },
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual(SUBJECT);
    expect(f.detail).toBe('no-window');
    expect(f.evidence).toEqual({ noticeReceivedOn: '2026-03-03', plannedEffectiveOn: '2026-03-10' });
    expect(f.message.en).toBe(
      'Change announced by Hébergeur (Nouveau): no objection window is recorded (no contract recorded).',
    );
  });

  it('says the recorded contract sets no objection window when the contract is recorded', () => {
    const [f] = run([change({ noticeReceivedAt: UTC_EVENING, plannedEffectiveOn: '2026-03-10' })], {
      engagement: { key: 'e-host', provider: 'host', dpaReference: 'DPA' },
    });
    expect(f.message.en).toBe(
      'Change announced by Hébergeur (Nouveau): the recorded contract sets no objection window.',
    );
    expect(f.message.fr).toBe(
      "Changement annoncé par Hébergeur (Nouveau) : le contrat enregistré ne fixe aucun délai d'opposition.",
    );
  });

  it('names the engagement by its key when it is not on file', () => {
    const [f] = run([change({ engagement: 'e-unknown' })]);
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'subprocessor-change', id: 'c1', name: 'e-unknown → Nouveau' });
  });

  it('reports each change on its own, sorted errors first by the engine', () => {
    const result = evaluate(
      snapshot([change({ key: 'a-open' }), change({ key: 'b-early', plannedEffectiveOn: '2026-03-20' })]),
      'en',
      [subprocessorObjectionWindow],
    );
    expect(result.findings.map((f) => [f.id, f.severity])).toEqual([
      ['subprocessor.objection-window:subprocessor-change:b-early', 'error'],
      ['subprocessor.objection-window:subprocessor-change:a-open', 'info'],
    ]);
    expect(result.summary).toEqual({ error: 1, warning: 0, info: 1, waived: 0 });
  });
});

describe('subprocessor.objection-window: texts and edges', () => {
  it('describes the rule in French and English', () => {
    expect(subprocessorObjectionWindow).toMatchObject({
      id: 'subprocessor.objection-window',
      severity: 'error',
      title: { fr: "Délai d'opposition à un sous-traitant ultérieur", en: 'Sub-processor objection window' },
      reference: { fr: 'RGPD art. 28(2)', en: 'GDPR Art. 28(2)' },
      description: {
        fr: "Un changement de sous-traitant ultérieur prend effet avant la fin du délai d'opposition (erreur), ou le délai est encore ouvert (information, jours restants).",
        en: 'A sub-processor change takes effect before the objection window closes (error), or the window is still open (info, days left).',
      },
    });
  });

  it('words an open window in French, with the reference and remediation in both languages', () => {
    const [f] = run([change()]);
    expect(f.message.fr).toBe(
      "Délai d'opposition à Nouveau ouvert : 17 jour(s) restant(s), jusqu'au 2026-04-01 inclus.",
    );
    expect(f.reference).toEqual({ fr: 'RGPD art. 28(2)', en: 'GDPR Art. 28(2)' });
    expect(f.remediation).toEqual({
      fr: 'Examiner le nouveau sous-traitant (garanties, localisation, certificats) et décider avant la fin du délai.',
      en: 'Review the new sub-processor (guarantees, location, certificates) and decide before the window closes.',
    });
  });

  it('words a premature change in French', () => {
    const [f] = run([change({ plannedEffectiveOn: '2026-03-20' })]);
    expect(f.message.fr).toBe(
      "Nouveau doit intervenir le 2026-03-20, avant la fin du délai d'opposition (30 jours, jusqu'au 2026-04-01 inclus).",
    );
    expect(f.reference.fr).toBe('RGPD art. 28(2)');
    expect(f.remediation.fr).toBe(
      "Demander à Hébergeur de reporter la mise en œuvre après le 2026-04-01, ou s'y opposer.",
    );
  });

  it('words a missing window in French, with the remediation in both languages and no effective date', () => {
    const [f] = run([change()], { engagement: { key: 'e-host', provider: 'host' } });
    expect(f.message.fr).toBe(
      "Changement annoncé par Hébergeur (Nouveau) : aucun délai d'opposition n'est enregistré (aucun contrat enregistré).",
    );
    expect(f.evidence).toEqual({ noticeReceivedOn: '2026-03-02', plannedEffectiveOn: null });
    expect(f.reference).toEqual({ fr: 'RGPD art. 28(2)', en: 'GDPR Art. 28(2)' });
    expect(f.remediation).toEqual({
      fr: "Fixer contractuellement un délai d'opposition raisonnable et l'enregistrer.",
      en: 'Agree a reasonable objection window in the contract and record it.',
    });
  });

  it('opens no window for a removal, and one for a replacement', () => {
    expect(run([change({ kind: 'removal' })])).toEqual([]);
    expect(run([change({ kind: 'replacement' })]).map((f) => f.severity)).toEqual(['info']);
  });

  it('moves a window ending on a weekend to the next working day only when its contract deadline says so', () => {
    // 33 days after 2 March: Saturday 4 April 2026; Easter Monday 6 April is a public holiday.
    const engagement = (deadlines?: CreateEngagementDto['deadlines']): CreateEngagementDto => ({
      ...ENGAGEMENT,
      objectionWindowDays: 33,
      deadlines,
    });
    const ends = (e: CreateEngagementDto) => run([change()], { engagement: e })[0].evidence.windowEndsOn;
    expect(ends(engagement())).toBe('2026-04-04');
    expect(ends(engagement([{ kind: 'objection-window', nextWorkingDay: true, description: 'jours ouvrés' }]))).toBe(
      '2026-04-07',
    );
    expect(ends(engagement([{ kind: 'objection-window', nextWorkingDay: false, description: 'calendaires' }]))).toBe(
      '2026-04-04',
    );
    expect(ends(engagement([{ kind: 'breach-notice', nextWorkingDay: true, description: 'autre délai' }]))).toBe(
      '2026-04-04',
    );
  });

  it('gives no contract evidence when the engagement records no source', () => {
    const [f] = run([change()], { engagement: { key: 'e-host', provider: 'host', objectionWindowDays: 30 } });
    expect(f.evidence).toMatchObject({ contract: null, windowEndsOn: '2026-04-01' });
  });
});

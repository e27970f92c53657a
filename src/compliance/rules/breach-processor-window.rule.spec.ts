import type { CreateOrganisationDto } from '../../organisations/organisation.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import { evaluate } from '../engine';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot, PROCESSOR_ORGANISATION } from '../testing';
import { breachProcessorWindowTooLong } from './breach-processor-window.rule';

const SUBCONTRACTORS = [
  { key: 'host', name: 'Hébergeur' },
  { key: 'backup', name: 'Sauvegarde' },
  { key: 'vault', name: 'Coffre' },
];

const host = (breachNoticeHours?: number, overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  breachNoticeHours,
  ...overrides,
});
const backup = (breachNoticeHours?: number): CreateEngagementDto => ({
  key: 'e-backup',
  provider: 'backup',
  client: 'host',
  breachNoticeHours,
});
const processorTreatment = (overrides: Record<string, unknown> = {}) =>
  healthTreatment({ key: 'p', role: 'processor', controllers: [{ name: 'Client' }], ...overrides });

type Options = { organisation?: CreateOrganisationDto; treatments?: ReturnType<typeof healthTreatment>[] };

function snapshot(engagements: CreateEngagementDto[], options: Options = {}) {
  return makeSnapshot({
    asOf: '2026-06-01',
    organisation: options.organisation,
    subcontractors: SUBCONTRACTORS,
    engagements,
    treatments: options.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
  });
}

function run(engagements: CreateEngagementDto[], options: Options = {}) {
  return breachProcessorWindowTooLong.evaluate(new SnapshotIndex(snapshot(engagements, options)));
}

describe('breach.processor-window-too-long', () => {
  it.each([0, 24, 48])('reports nothing for a processor notifying within %i h', (hours) => {
    expect(run([host(hours)])).toEqual([]);
  });

  it('warns from 49 h', () => {
    const findings = run([host(49)]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('breach.processor-window-too-long');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Hébergeur' });
    expect(f.detail).toBeUndefined();
    expect(f.evidence).toEqual({
      provider: 'Hébergeur',
      breachNoticeHours: 49,
      controllerHours: 72,
      treatments: ['t'],
    });
    expect(f.reference.en).toBe('GDPR Art. 33(2)');
    expect(f.message.en).toBe(
      'Hébergeur notifies a breach to the organisation within 49 h: only 23 h remain of the Art. 33(1) 72 h.',
    );
    expect(f.remediation.en).toBe('Negotiate notice without undue delay and within 48 h at most (24 h preferably).');
  });

  it('reports 72 h as an error: nothing is left of the controller’s 72 h', () => {
    const findings = run([host(72)]);
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('error');
    expect(findings[0].evidence).toMatchObject({ breachNoticeHours: 72 });
    expect(findings[0].message.en).toBe(
      'Hébergeur notifies a breach to the organisation within 72 h: only 0 h remain of the Art. 33(1) 72 h.',
    );
  });

  it('never shows negative hours left', () => {
    const [f] = run([host(96)]);
    expect(f.severity).toBe('error');
    expect(f.message.en).toContain('only 0 h remain');
  });

  it('warns that no period is recorded when nothing of the contract is recorded', () => {
    const findings = run([host(undefined)]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.evidence).toEqual({
      provider: 'Hébergeur',
      breachNoticeHours: null,
      controllerHours: 72,
      treatments: ['t'],
    });
    expect(f.message.en).toBe(
      'No breach-notification period to the organisation is recorded for Hébergeur (no contract recorded).',
    );
    expect(f.message.fr).toBe(
      "Aucun délai de notification des violations à l’organisation n'est enregistré pour Hébergeur (aucun contrat enregistré).",
    );
    expect(f.remediation.en).toMatch(/^Find the contract \(Art\. 28\) and record the period it sets/);
  });

  it.each([
    ['dpaSignedOn', '2024-01-15'],
    ['dpaReference', 'DPA §9'],
    ['dpaVersion', 'v3'],
    ['dpaVersionDate', '2025-08'],
  ])('says the recorded contract sets no period once its %s is recorded', (field, value) => {
    const [f] = run([{ ...host(undefined), [field]: value }]);
    expect(f.severity).toBe('warning');
    expect(f.message.en).toBe(
      'The recorded contract with Hébergeur sets no breach-notification period to the organisation.',
    );
    expect(f.remediation.en).toMatch(/^Negotiate notice without undue delay/);
  });

  it('cites the contract clause when the engagement has a source', () => {
    const [f] = run([host(72, { source: { document: '002_0a8e5bf02fe77ff1.txt', section: 'art. 19.9' } })]);
    expect(f.reference.en).toBe('GDPR Art. 33(2); contract: 002_0a8e5bf02fe77ff1.txt art. 19.9');
    expect(f.reference.fr).toBe('RGPD art. 33(2) ; contrat : 002_0a8e5bf02fe77ff1.txt art. 19.9');
    const [noSection] = run([host(72, { source: { document: 'CGV.pdf' } })]);
    expect(noSection.reference.en).toBe('GDPR Art. 33(2); contract: CGV.pdf');
  });

  it('ignores processors no treatment in use relies on', () => {
    expect(run([host(72)], { treatments: [healthTreatment()] })).toEqual([]);
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run([host(72)], { treatments: [retired] })).toEqual([]);
  });

  it('adds a sub-processor’s hours to its processor’s: 24 + 48 = 72 h is an error', () => {
    const findings = run([host(24), backup(48)]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-backup', name: 'Sauvegarde (Hébergeur →)' });
    expect(f.evidence).toEqual({
      provider: 'Sauvegarde',
      breachNoticeHours: 72,
      controllerHours: 72,
      treatments: ['t'],
    });
    expect(f.message.en).toBe(
      'Sauvegarde notifies a breach to the organisation via Hébergeur within 72 h: only 0 h remain of the Art. 33(1) 72 h.',
    );
  });

  it('accepts a chain adding up to 48 h and warns at 49 h', () => {
    expect(run([host(24), backup(24)])).toEqual([]);
    const findings = run([host(24), backup(25)]);
    expect(findings.map((f) => [f.subject.id, f.severity, f.evidence.breachNoticeHours])).toEqual([
      ['e-backup', 'warning', 49],
    ]);
  });

  it('adds up the hours of every link of a longer chain: 24 + 24 + 24 = 72 h is an error', () => {
    const vault: CreateEngagementDto = { key: 'e-vault', provider: 'vault', client: 'backup', breachNoticeHours: 24 };
    const findings = run([host(24), backup(24), vault]).filter((f) => f.subject.id === 'e-vault');
    expect(findings.map((f) => [f.severity, f.evidence.breachNoticeHours])).toEqual([['error', 72]]);
  });

  it('checks the terms a processor organisation gives its clients', () => {
    const organisation = { ...PROCESSOR_ORGANISATION, processorTerms: { breachNoticeHours: 72 } };
    const findings = run([], { organisation, treatments: [processorTreatment()] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'organisation', id: 'test', name: 'Clinique Test' });
    expect(f.detail).toBe('processor-terms');
    expect(f.evidence).toEqual({ breachNoticeHours: 72, controllerHours: 72, source: null });
    expect(f.reference.en).toBe('GDPR Art. 33(2)');
    expect(f.message.en).toBe(
      'Clinique Test notifies a breach to its controller clients within 72 h: only 0 h remain of the Art. 33(1) 72 h.',
    );
    expect(f.remediation.en).toBe('Commit in the contract to notify clients without undue delay, within 48 h at most.');
  });

  it('grades processor terms like a processor: 48 h nothing, 49 h warning, none warning', () => {
    const terms = (breachNoticeHours?: number) => ({
      ...PROCESSOR_ORGANISATION,
      processorTerms: { breachNoticeHours },
    });
    const treatments = [processorTreatment()];
    expect(run([], { organisation: terms(48), treatments })).toEqual([]);
    expect(run([], { organisation: terms(49), treatments }).map((f) => f.severity)).toEqual(['warning']);
    const [none] = run([], { organisation: { ...PROCESSOR_ORGANISATION, processorTerms: undefined }, treatments });
    expect(none.severity).toBe('warning');
    expect(none.evidence).toEqual({ breachNoticeHours: null, controllerHours: 72, source: null });
    expect(none.message.en).toBe(
      'No breach-notification period to its controller clients is recorded for Clinique Test (no contract recorded).',
    );
    const [silent] = run([], {
      organisation: { ...PROCESSOR_ORGANISATION, processorTerms: { dpaReference: 'CGU art. 14' } },
      treatments,
    });
    expect(silent.message.en).toBe(
      'The recorded contract with Clinique Test sets no breach-notification period to its controller clients.',
    );
  });

  it('checks processor terms only for a processor organisation with a processor treatment in use', () => {
    const controllerOnly = { ...PROCESSOR_ORGANISATION, roles: ['controller' as const] };
    expect(run([], { organisation: controllerOnly, treatments: [processorTreatment()] })).toEqual([]);
    expect(run([], { organisation: PROCESSOR_ORGANISATION, treatments: [healthTreatment()] })).toEqual([]);
    expect(
      run([], { organisation: PROCESSOR_ORGANISATION, treatments: [processorTreatment({ status: 'retired' })] }),
    ).toEqual([]);
  });

  it('sorts errors first and lets a waiver accept a finding until its last day', () => {
    const engagements = [host(49), { key: 'e-vault', provider: 'vault', breachNoticeHours: 72 }];
    const treatments = [healthTreatment({ uses: [{ engagement: 'e-host' }, { engagement: 'e-vault' }] })];
    const waived = (until: string) =>
      evaluate(
        makeSnapshot({
          asOf: '2026-06-01',
          subcontractors: SUBCONTRACTORS,
          engagements,
          treatments,
          waivers: [
            {
              key: 'w',
              findingId: 'breach.processor-window-too-long:engagement:e-vault',
              reason: 'renégociation en cours',
              until,
            },
          ],
        }),
        'en',
        [breachProcessorWindowTooLong],
      );
    const open = waived('2026-05-31');
    expect(open.findings.map((f) => [f.id, f.severity, f.status])).toEqual([
      ['breach.processor-window-too-long:engagement:e-vault', 'error', 'open'],
      ['breach.processor-window-too-long:engagement:e-host', 'warning', 'open'],
    ]);
    expect(open.summary).toEqual({ error: 1, warning: 1, info: 0, waived: 0 });
    const accepted = waived('2026-06-01');
    expect(accepted.findings[0].status).toBe('waived');
    expect(accepted.findings[0].waiver).toEqual({ key: 'w', reason: 'renégociation en cours', until: '2026-06-01' });
    expect(accepted.findings[0].message).toBe(
      'Coffre notifies a breach to the organisation within 72 h: only 0 h remain of the Art. 33(1) 72 h.',
    );
    expect(accepted.summary).toEqual({ error: 0, warning: 1, info: 0, waived: 1 });
  });
});

describe('breach.processor-window-too-long, more', () => {
  it('warns at 71 h, one hour short of the error', () => {
    const [f] = run([host(71)]);
    expect(f.severity).toBe('warning');
    expect(f.message.fr).toBe(
      "Hébergeur notifie une violation à l’organisation sous 71 h : il ne reste que 1 h des 72 h de l'article 33(1).",
    );
  });

  it('gives the French texts of a too-long window and of a recorded contract without one', () => {
    const [f] = run([host(72)]);
    expect(f.reference.fr).toBe('RGPD art. 33(2)');
    expect(f.remediation.fr).toBe(
      'Négocier une notification sans délai injustifié et au plus tard sous 48 h (24 h de préférence).',
    );
    const [g] = run([{ ...host(undefined), dpaReference: 'DPA-1' }]);
    expect(g.message.fr).toBe(
      'Le contrat enregistré avec Hébergeur ne fixe aucun délai de notification des violations à l’organisation.',
    );
    const [h] = run([host(undefined)]);
    expect(h.remediation).toEqual({
      fr: "Retrouver le contrat (art. 28) et enregistrer le délai qu'il fixe ; à défaut, négocier une notification sans délai injustifié, au plus tard sous 48 h.",
      en: 'Find the contract (Art. 28) and record the period it sets; failing one, negotiate notice without undue delay, within 48 h at most.',
    });
  });

  it('names the processor a sub-processor notifies through, in French too', () => {
    const [f] = run([host(24), backup(48)]);
    expect(f.message.fr).toBe(
      "Sauvegarde notifie une violation à l’organisation via Hébergeur sous 72 h : il ne reste que 0 h des 72 h de l'article 33(1).",
    );
  });

  it('says nothing of a sub-processor when a link of its way up sets no period', () => {
    // The processor's own gap is reported; the chain's sum cannot be known.
    expect(run([host(undefined), backup(60)]).map((f) => f.subject.id)).toEqual(['e-host']);
    expect(run([host(24), backup(undefined)])).toEqual([]);
  });

  it('takes the slowest way up when the processor is engaged more than once', () => {
    const second = host(40, { key: 'e-host-2' });
    const treatments = [healthTreatment({ uses: [{ engagement: 'e-host' }, { engagement: 'e-host-2' }] })];
    const findings = run([host(24), second, backup(10)], { treatments });
    expect(findings.map((f) => [f.subject.id, f.severity, f.evidence.breachNoticeHours])).toEqual([
      ['e-backup', 'warning', 50],
    ]);
  });

  it('reuses the sum of a link for the links below it', () => {
    const vault: CreateEngagementDto = { key: 'e-vault', provider: 'vault', client: 'backup', breachNoticeHours: 1 };
    // e-vault is walked before e-backup is met on its own: both sums stay right.
    const findings = run([host(24), vault, backup(25)]);
    expect(findings.map((f) => [f.subject.id, f.evidence.breachNoticeHours])).toEqual([
      ['e-vault', 50],
      ['e-backup', 49],
    ]);
  });

  it('ends on a chain that loops, counting no sum through the loop', () => {
    const loop: CreateEngagementDto = { key: 'e-loop', provider: 'host', client: 'backup', breachNoticeHours: 30 };
    const findings = run([host(24), backup(30), loop]);
    expect(findings.map((f) => [f.subject.id, f.evidence.breachNoticeHours])).toEqual([['e-backup', 54]]);
  });

  it('reads a recorded source of the processor terms as a recorded contract, and shows it', () => {
    const source = { document: 'CGU.pdf', section: 'art. 14' };
    const organisation = { ...PROCESSOR_ORGANISATION, processorTerms: { source } };
    const [f] = run([], { organisation, treatments: [processorTreatment()] });
    expect(f.evidence).toEqual({ breachNoticeHours: null, controllerHours: 72, source });
    expect(f.message.fr).toBe(
      'Le contrat enregistré avec Clinique Test ne fixe aucun délai de notification des violations à ses clients responsables de traitement.',
    );
    expect(f.remediation.fr).toBe(
      "S'engager contractuellement à notifier ses clients sans délai injustifié, au plus tard sous 48 h.",
    );
    expect(f.reference.fr).toBe('RGPD art. 33(2)');
  });

  it('reports an error for processor terms from 72 h, and nothing when no processor treatment is in use', () => {
    const organisation = { ...PROCESSOR_ORGANISATION, processorTerms: { breachNoticeHours: 96 } };
    expect(run([], { organisation, treatments: [processorTreatment()] }).map((f) => f.severity)).toEqual(['error']);
    expect(run([], { organisation, treatments: [processorTreatment(), healthTreatment()] })).toHaveLength(1);
  });
});

import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { dpaMissing } from './dpa-missing.rule';

const SUBCONTRACTORS: CreateSubcontractorDto[] = [
  { key: 'host', name: 'Hébergeur' },
  { key: 'backup', name: 'Sauvegarde' },
];

function run(
  engagements: CreateEngagementDto[],
  options: { subcontractors?: CreateSubcontractorDto[]; treatments?: ReturnType<typeof healthTreatment>[] } = {},
) {
  return dpaMissing.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        subcontractors: options.subcontractors ?? SUBCONTRACTORS,
        engagements,
        treatments: options.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('dpa.missing', () => {
  it('reports nothing when the DPA signing date is recorded', () => {
    expect(run([{ key: 'e-host', provider: 'host', dpaSignedOn: '2024-01-15' }])).toEqual([]);
  });

  it('reports nothing when the DPA reference is recorded', () => {
    expect(run([{ key: 'e-host', provider: 'host', dpaReference: 'CGV annexe 2 §7' }])).toEqual([]);
  });

  it('accepts a contract guarantee recorded on the provider', () => {
    const subcontractors: CreateSubcontractorDto[] = [
      { key: 'host', name: 'Hébergeur', guarantees: [{ kind: 'contract', text: 'Contrat de sous-traitance art. 28' }] },
    ];
    expect(run([{ key: 'e-host', provider: 'host' }], { subcontractors })).toEqual([]);
  });

  it('does not take another guarantee for a DPA', () => {
    const subcontractors: CreateSubcontractorDto[] = [
      { key: 'host', name: 'Hébergeur', guarantees: [{ kind: 'hds', text: 'Certifié HDS' }] },
    ];
    expect(run([{ key: 'e-host', provider: 'host' }], { subcontractors })).toHaveLength(1);
  });

  it('reports a processor with no DPA recorded', () => {
    const findings = run([{ key: 'e-host', provider: 'host' }]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('dpa.missing');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Hébergeur' });
    expect(f.detail).toBeUndefined();
    expect(f.evidence).toEqual({ provider: 'Hébergeur', client: null, dutyOf: 'Clinique Test', treatments: ['t'] });
    expect(f.reference.en).toBe('GDPR Art. 28(3)');
    expect(f.message.en).toBe('No data-processing agreement (Art. 28) is recorded with Hébergeur.');
    expect(f.remediation.en).toBe('Sign (or find) the Art. 28 agreement and record its reference and date.');
  });

  it("asks for evidence of a sub-processor's DPA, the processor's duty (Art. 28(4)): a warning", () => {
    const findings = run([
      { key: 'e-host', provider: 'host', dpaSignedOn: '2024-01-15' },
      { key: 'e-backup', provider: 'backup', client: 'host' },
    ]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-backup', name: 'Sauvegarde (Hébergeur →)' });
    expect(f.evidence).toEqual({ provider: 'Sauvegarde', client: 'Hébergeur', dutyOf: 'Hébergeur', treatments: ['t'] });
    expect(f.reference.en).toBe('GDPR Art. 28(4)');
    expect(f.message.en).toBe(
      "No data-processing agreement is known between Hébergeur and its sub-processor Sauvegarde: it is first Hébergeur's duty, to be asked for evidence.",
    );
    expect(f.remediation.en).toMatch(/^Ask Hébergeur for evidence of the contract/);
  });

  it("keeps the organisation's own sub-processor contract an error when it acts as processor (Art. 28(4))", () => {
    const treatments = [
      healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }], uses: [{ engagement: 'e-host' }] }),
    ];
    const [f] = run([{ key: 'e-host', provider: 'host' }], { treatments });
    expect(f.severity).toBe('error');
    expect(f.reference.en).toBe('GDPR Art. 28(4)');
    expect(f.message.en).toBe('No sub-processing agreement (Art. 28(4)) is recorded with Hébergeur.');
  });

  it.each([
    ['dpaVersion', 'v2.1'],
    ['dpaVersionDate', '2025-08'],
  ])('counts a recorded %s as a recorded DPA', (field, value) => {
    expect(run([{ key: 'e-host', provider: 'host', [field]: value }])).toEqual([]);
  });

  it('does not report an engagement removed from the sub-processor list before the date asked', () => {
    expect(run([{ key: 'e-host', provider: 'host', removedOn: '2026-05' }])).toEqual([]);
    expect(run([{ key: 'e-host', provider: 'host', removedOn: '2026-07' }])).toHaveLength(1);
  });

  it('lists only treatments in use in the evidence', () => {
    const treatments = [
      healthTreatment({ key: 'a', uses: [{ engagement: 'e-host' }] }),
      healthTreatment({ key: 'old', status: 'retired', uses: [{ engagement: 'e-host' }] }),
    ];
    const [f] = run([{ key: 'e-host', provider: 'host' }], { treatments });
    expect(f.evidence).toMatchObject({ treatments: ['a'] });
  });

  it('names an unknown provider by its key', () => {
    const [f] = run([{ key: 'e-host', provider: 'ghost' }]);
    expect(f.evidence).toMatchObject({ provider: 'ghost' });
    expect(f.message.en).toBe('No data-processing agreement (Art. 28) is recorded with ghost.');
  });
});

describe('dpa.missing, more', () => {
  const processorTreatment = (key: string) =>
    healthTreatment({ key, role: 'processor', controllers: [{ name: 'Client' }], uses: [{ engagement: 'e-host' }] });

  it('gives the French texts of a missing DPA of its own processor', () => {
    const [f] = run([{ key: 'e-host', provider: 'host' }]);
    expect(f.message.fr).toBe("Aucun contrat de sous-traitance (art. 28) n'est enregistré avec Hébergeur.");
    expect(f.reference.fr).toBe('RGPD art. 28(3)');
    expect(f.remediation.fr).toBe('Signer (ou retrouver) le contrat art. 28 et enregistrer sa référence et sa date.');
  });

  it('gives the French texts and both remediations of a sub-processor finding', () => {
    const [f] = run([
      { key: 'e-host', provider: 'host', dpaSignedOn: '2024-01-15' },
      { key: 'e-backup', provider: 'backup', client: 'host' },
    ]);
    expect(f.message.fr).toBe(
      "Aucun contrat de sous-traitance n'est connu entre Hébergeur et son sous-traitant ultérieur Sauvegarde : cette obligation incombe d'abord à Hébergeur, à qui en demander la preuve.",
    );
    expect(f.reference.fr).toBe('RGPD art. 28(4)');
    expect(f.remediation).toEqual({
      fr: "Demander à Hébergeur la preuve du contrat qui lui impose, envers Sauvegarde, les obligations de l'article 28(3) (référence et date), et l'enregistrer.",
      en: 'Ask Hébergeur for evidence of the contract binding Sauvegarde to the Art. 28(3) obligations (reference and date), and record it.',
    });
  });

  it("gives the French texts of the organisation's own sub-processor", () => {
    const [f] = run([{ key: 'e-host', provider: 'host' }], { treatments: [processorTreatment('p')] });
    expect(f.message.fr).toBe(
      "Aucun contrat de sous-traitance ultérieure (art. 28(4)) n'est enregistré avec Hébergeur.",
    );
    expect(f.reference.fr).toBe('RGPD art. 28(4)');
    expect(f.evidence).toEqual({ provider: 'Hébergeur', client: null, dutyOf: 'Clinique Test', treatments: ['p'] });
    expect(f.remediation.en).toBe('Sign (or find) the Art. 28 agreement and record its reference and date.');
  });

  it('keeps Art. 28(3) for a provider serving its own treatments too, or none at all', () => {
    const mixed = [processorTreatment('p'), healthTreatment({ key: 'own', uses: [{ engagement: 'e-host' }] })];
    const [f] = run([{ key: 'e-host', provider: 'host' }], { treatments: mixed });
    expect(f.reference.en).toBe('GDPR Art. 28(3)');
    expect(f.message.en).toBe('No data-processing agreement (Art. 28) is recorded with Hébergeur.');
    expect(f.evidence.treatments).toEqual(['p', 'own']);
    const [idle] = run([{ key: 'e-host', provider: 'host' }], { treatments: [] });
    expect(idle.severity).toBe('error');
    expect(idle.reference.en).toBe('GDPR Art. 28(3)');
    expect(idle.evidence.treatments).toEqual([]);
  });

  it('reports every engagement without a contract, each on its own', () => {
    const findings = run([
      { key: 'e-host', provider: 'host' },
      { key: 'e-backup', provider: 'backup', client: 'host' },
    ]);
    expect(findings.map((f) => [f.subject.id, f.severity])).toEqual([
      ['e-host', 'error'],
      ['e-backup', 'warning'],
    ]);
  });
});

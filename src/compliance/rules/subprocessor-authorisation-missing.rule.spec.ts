import type { CreateOrganisationDto } from '../../organisations/organisation.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import { healthTreatment, organisationWith, runRule, treatmentUsing } from '../testing';
import { subprocessorAuthorisationMissing } from './subprocessor-authorisation-missing.rule';

const PROCESSOR_ORG = organisationWith({ roles: ['processor'] });

const host = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  ...overrides,
});
const backup = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-backup',
  provider: 'backup',
  client: 'host',
  ...overrides,
});
const processorTreatment = (overrides: Record<string, unknown> = {}) =>
  healthTreatment({
    role: 'processor',
    controllers: [{ name: 'Client' }],
    uses: [{ engagement: 'e-host' }],
    ...overrides,
  });

function run(
  engagements: CreateEngagementDto[],
  options: { organisation?: CreateOrganisationDto; treatments?: ReturnType<typeof healthTreatment>[] } = {},
) {
  return runRule(subprocessorAuthorisationMissing, {
    organisation: options.organisation,
    subcontractors: [
      { key: 'host', name: 'Hébergeur' },
      { key: 'backup', name: 'Sauvegarde' },
    ],
    engagements,
    treatments: options.treatments ?? [treatmentUsing('e-host')],
  });
}

describe('subprocessor.authorisation-missing', () => {
  it('does not ask a controller for an authorisation of its own processors', () => {
    expect(run([host()])).toEqual([]);
  });

  it('reports a sub-processor with no authorisation recorded anywhere', () => {
    const findings = run([host(), backup()]);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('subprocessor.authorisation-missing');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-backup', name: 'Sauvegarde (Hébergeur →)' });
    expect(f.detail).toBeUndefined();
    expect(f.evidence).toEqual({
      provider: 'Sauvegarde',
      engagedBy: 'Hébergeur',
      authorisation: null,
      treatments: ['t'],
    });
    expect(f.reference.en).toBe('GDPR Art. 28(2), 28(4)');
    expect(f.message.en).toBe('Sauvegarde is a sub-processor with no recorded authorisation of the controller.');
    expect(f.remediation.en).toContain("Obtain the controller's written authorisation");
  });

  it.each(['general', 'specific'] as const)('accepts a %s authorisation on the sub-processor engagement', (kind) => {
    expect(run([host(), backup({ authorisation: kind })])).toEqual([]);
  });

  it.each(['general', 'specific'] as const)(
    "accepts a %s authorisation given on the processor's engagement",
    (kind) => {
      expect(run([host({ authorisation: kind }), backup()])).toEqual([]);
    },
  );

  it('reports a sub-processor whose processor was refused authorisation', () => {
    const findings = run([host({ authorisation: 'none' }), backup()]);
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ authorisation: 'none' });
    expect(findings[0].message.en).toBe(
      'Sauvegarde is a sub-processor with no (refused or absent) authorisation of the controller.',
    );
  });

  it("lets the sub-processor's own refusal prevail over the processor's general authorisation", () => {
    const findings = run([host({ authorisation: 'general' }), backup({ authorisation: 'none' })]);
    expect(findings.map((f) => [f.subject.id, f.evidence.authorisation])).toEqual([['e-backup', 'none']]);
  });

  it("treats the organisation's own providers as sub-processors when it acts as processor", () => {
    const findings = run([host()], { organisation: PROCESSOR_ORG, treatments: [processorTreatment()] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Hébergeur' });
    expect(f.evidence).toEqual({
      provider: 'Hébergeur',
      engagedBy: 'Clinique Test',
      authorisation: null,
      treatments: ['t'],
    });
  });

  it("accepts the authorisation the organisation's processor terms give", () => {
    const organisation = { ...PROCESSOR_ORG, processorTerms: { subprocessorAuthorisation: 'general' as const } };
    expect(run([host()], { organisation, treatments: [processorTreatment()] })).toEqual([]);
  });

  it('reports processor terms that refuse sub-processors', () => {
    const organisation = { ...PROCESSOR_ORG, processorTerms: { subprocessorAuthorisation: 'none' as const } };
    const findings = run([host()], { organisation, treatments: [processorTreatment()] });
    expect(findings.map((f) => f.evidence.authorisation)).toEqual(['none']);
  });

  it('accepts an authorisation recorded on the engagement of a processor treatment', () => {
    expect(
      run([host({ authorisation: 'specific' })], { organisation: PROCESSOR_ORG, treatments: [processorTreatment()] }),
    ).toEqual([]);
  });

  it('ignores a retired processor treatment', () => {
    const treatments = [processorTreatment({ status: 'retired' })];
    expect(run([host()], { organisation: PROCESSOR_ORG, treatments })).toEqual([]);
  });
});

describe('subprocessor.authorisation-missing: catalog entry and texts', () => {
  it('describes the rule in French and English', () => {
    expect(subprocessorAuthorisationMissing).toMatchObject({
      id: 'subprocessor.authorisation-missing',
      severity: 'error',
      title: { fr: 'Sous-traitant ultérieur non autorisé', en: 'Sub-processor without authorisation' },
      reference: { fr: 'RGPD art. 28(2), 28(4)', en: 'GDPR Art. 28(2), 28(4)' },
      description: {
        fr: 'Un sous-traitant ultérieur intervient sans autorisation écrite, générale ou spécifique, du responsable de traitement enregistrée.',
        en: 'A sub-processor is engaged with no recorded general or specific written authorisation of the controller.',
      },
    });
  });

  it('words a missing authorisation in French, with the reference and the remediation in both languages', () => {
    const [f] = run([host(), backup()]);
    expect(f.message.fr).toBe(
      'Sauvegarde est un sous-traitant ultérieur sans autorisation enregistrée du responsable de traitement.',
    );
    expect(f.reference).toEqual({ fr: 'RGPD art. 28(2), 28(4)', en: 'GDPR Art. 28(2), 28(4)' });
    expect(f.remediation).toEqual({
      fr: "Obtenir l'autorisation écrite du responsable (liste nominative acceptée = autorisation spécifique ; clause générale avec information préalable et droit d'opposition = autorisation générale) et l'enregistrer.",
      en: "Obtain the controller's written authorisation (an accepted named list = specific; a general clause with prior notice and a right to object = general) and record it.",
    });
  });

  it('words a refused authorisation in French', () => {
    const [f] = run([host(), backup({ authorisation: 'none' })]);
    expect(f.message.fr).toBe(
      'Sauvegarde est un sous-traitant ultérieur sans autorisation (refusée ou absente) du responsable de traitement.',
    );
  });
});

describe('subprocessor.authorisation-missing: where the authorisation comes from', () => {
  it("finds a general or specific authorisation on any of the processor's engagements, even after a refusal", () => {
    const second = host({ key: 'e-host-2', authorisation: 'general' });
    expect(run([host({ authorisation: 'none' }), second, backup()])).toEqual([]);
    const specific = host({ key: 'e-host-2', authorisation: 'specific' });
    expect(run([host({ authorisation: 'none' }), specific, backup()])).toEqual([]);
  });

  it('takes a refusal from a later engagement of the processor when the first records nothing', () => {
    const findings = run([host(), host({ key: 'e-host-2', authorisation: 'none' }), backup()]);
    expect(findings.map((f) => [f.subject.id, f.evidence.authorisation])).toEqual([['e-backup', 'none']]);
  });

  it('reports a sub-processor whose processor is engaged nowhere', () => {
    const findings = run([backup()], { treatments: [] });
    expect(findings.map((f) => [f.subject.id, f.evidence.authorisation, f.evidence.treatments])).toEqual([
      ['e-backup', null, []],
    ]);
  });

  it('treats a provider as a sub-processor when any treatment using it is a processor treatment', () => {
    const treatments = [
      healthTreatment({ key: 'own', uses: [{ engagement: 'e-host' }] }),
      processorTreatment({ key: 'client' }),
    ];
    const findings = run([host()], { organisation: PROCESSOR_ORG, treatments });
    expect(findings.map((f) => [f.subject.id, f.evidence.treatments])).toEqual([['e-host', ['own', 'client']]]);
  });

  it('does not ask a processor organisation for an authorisation of the providers of its own treatments', () => {
    expect(run([host()], { organisation: PROCESSOR_ORG, treatments: [treatmentUsing('e-host')] })).toEqual([]);
  });

  it("accepts a specific authorisation in the organisation's processor terms, and needs one without terms", () => {
    const organisation = { ...PROCESSOR_ORG, processorTerms: { subprocessorAuthorisation: 'specific' as const } };
    expect(run([host()], { organisation, treatments: [processorTreatment()] })).toEqual([]);
    const [f] = run([host()], {
      organisation: { ...PROCESSOR_ORG, processorTerms: {} },
      treatments: [processorTreatment()],
    });
    expect(f.evidence.authorisation).toBeNull();
    expect(f.message.en).toBe('Hébergeur is a sub-processor with no recorded authorisation of the controller.');
  });
});

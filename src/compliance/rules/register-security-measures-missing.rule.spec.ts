import type { CreateOrganisationDto } from '../../organisations/organisation.dto';
import { healthTreatment, organisationWith, runRule } from '../testing';
import { registerSecurityMeasuresMissing } from './register-security-measures-missing.rule';

const ORG_WITHOUT_MEASURES = organisationWith({ securityMeasures: [] });

function run(treatments: ReturnType<typeof healthTreatment>[], organisation?: CreateOrganisationDto) {
  return runRule(registerSecurityMeasuresMissing, { organisation, treatments });
}

describe('register.security-measures-missing', () => {
  it('reports nothing when the organisation describes general measures', () => {
    expect(run([healthTreatment()])).toEqual([]);
  });

  it('reports a treatment when neither it nor the organisation describes a measure', () => {
    const findings = run([healthTreatment()], ORG_WITHOUT_MEASURES);
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('register.security-measures-missing');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.evidence).toEqual({ organisationMeasures: 0, treatmentMeasures: 0 });
    expect(f.reference.en).toBe('GDPR Art. 30(1)(g)');
    expect(f.message.en).toBe('No security measure is described for treatment "Dossier patient".');
    expect(f.remediation.en).toContain('technical and organisational measures');
  });

  it('treats an absent list of organisation measures like an empty one', () => {
    const findings = run([healthTreatment()], { ...ORG_WITHOUT_MEASURES, securityMeasures: undefined });
    expect(findings.map((f) => f.subject.id)).toEqual(['t']);
  });

  it('accepts measures described on the treatment itself', () => {
    const treatment = healthTreatment({ securityMeasures: [{ title: 'Tracer les accès' }] });
    expect(run([treatment], ORG_WITHOUT_MEASURES)).toEqual([]);
  });

  it('cites Art. 30(2)(d) for a processor treatment', () => {
    const [f] = run([healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }] })], ORG_WITHOUT_MEASURES);
    expect(f.ruleId).toBe('register.security-measures-missing');
    expect(f.reference.en).toBe('GDPR Art. 30(2)(d)');
  });

  it('reports only the treatments without measures, and ignores retired ones', () => {
    const findings = run(
      [
        healthTreatment({ key: 'a' }),
        healthTreatment({ key: 'b', securityMeasures: [{ title: 'Chiffrement' }] }),
        healthTreatment({ key: 'old', status: 'retired' }),
      ],
      ORG_WITHOUT_MEASURES,
    );
    expect(findings.map((f) => f.subject.id)).toEqual(['a']);
  });
});

describe('register.security-measures-missing: texts in French and English', () => {
  it('describes the rule in both languages', () => {
    expect(registerSecurityMeasuresMissing).toMatchObject({
      id: 'register.security-measures-missing',
      severity: 'warning',
      title: { fr: 'Mesures de sécurité non décrites', en: 'Security measures not described' },
      reference: { fr: 'RGPD art. 30(1)(g), 30(2)(d), 32(1)', en: 'GDPR Art. 30(1)(g), 30(2)(d), 32(1)' },
      description: {
        fr: "Ni l'organisation ni le traitement ne décrivent de mesure de sécurité.",
        en: 'Neither the organisation nor the treatment describes any security measure.',
      },
    });
  });

  it('words the finding in French, with the reference and remediation in both languages', () => {
    const [f] = run([healthTreatment()], ORG_WITHOUT_MEASURES);
    expect(f.message.fr).toBe("Aucune mesure de sécurité n'est décrite pour le traitement « Dossier patient ».");
    expect(f.reference).toEqual({ fr: 'RGPD art. 30(1)(g)', en: 'GDPR Art. 30(1)(g)' });
    expect(f.remediation).toEqual({
      fr: "Décrire les mesures techniques et organisationnelles (au niveau de l'organisation ou du traitement).",
      en: 'Describe the technical and organisational measures (for the organisation or the treatment).',
    });
    const [processor] = run(
      [healthTreatment({ role: 'processor', controllers: [{ name: 'Client' }] })],
      ORG_WITHOUT_MEASURES,
    );
    expect(processor.reference).toEqual({ fr: 'RGPD art. 30(2)(d)', en: 'GDPR Art. 30(2)(d)' });
  });

  it('treats an absent list of treatment measures like an empty one', () => {
    const [f] = run([healthTreatment({ securityMeasures: undefined })], ORG_WITHOUT_MEASURES);
    expect(f.subject.id).toBe('t');
  });
});

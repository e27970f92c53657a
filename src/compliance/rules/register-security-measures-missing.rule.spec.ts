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

import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { hdsScopeUnknown } from './hds-scope-unknown.rule';

const HOST: CreateSubcontractorDto = { key: 'host', name: 'Hébergeur', country: 'FR' };
const SUB: CreateSubcontractorDto = { key: 'sub', name: 'Sauvegardes SA', country: 'FR' };
const HOST_ENGAGEMENT: CreateEngagementDto = {
  key: 'e-host',
  provider: 'host',
  services: ['Hébergement du DPI'],
  hdsActivities: ['virtual-infrastructure'],
};
const HOST_CERT: CreateCertificateDto = {
  key: 'hds-host',
  subcontractor: 'host',
  kind: 'hds',
  number: 'HDS-1',
  hdsActivities: ['virtual-infrastructure'],
  validFrom: '2025-01-01',
  validTo: '2027-12-31',
};

interface Scenario {
  subcontractors?: CreateSubcontractorDto[];
  engagements?: CreateEngagementDto[];
  certificates?: CreateCertificateDto[];
  treatments?: ReturnType<typeof healthTreatment>[];
}

function run(s: Scenario = {}) {
  return hdsScopeUnknown.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: '2026-06-01',
        subcontractors: s.subcontractors ?? [HOST, SUB],
        engagements: s.engagements ?? [HOST_ENGAGEMENT],
        certificates: s.certificates ?? [HOST_CERT],
        treatments: s.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

const noActivities = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  services: ['Hébergement du DPI'],
  ...overrides,
});

describe('hds.scope-unknown', () => {
  it('reports nothing when the activities and the certificate scope are recorded', () => {
    expect(run()).toEqual([]);
  });

  it('reports a valid HDS certificate whose scope is not recorded', () => {
    const findings = run({ certificates: [{ ...HOST_CERT, hdsActivities: undefined }] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.scope-unknown');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'certificate', id: 'hds-host', name: 'Hébergeur HDS HDS-1' });
    expect(f.evidence).toEqual({ holder: 'Hébergeur', certificate: 'hds-host', treatments: ['t'] });
    expect(f.message.fr).toContain('certificat HDS de Hébergeur');
  });

  it('does not ask for the scope of an expired certificate', () => {
    expect(run({ certificates: [{ ...HOST_CERT, hdsActivities: undefined, validTo: '2026-05-31' }] })).toEqual([]);
  });

  it('reports an engagement carrying health data with no recorded HDS activity', () => {
    const findings = run({ engagements: [noActivities({ healthData: true })], certificates: [] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Hébergeur' });
    expect(f.evidence).toEqual({ provider: 'Hébergeur', services: ['Hébergement du DPI'], treatments: ['t'] });
    expect(f.message.fr).toContain("Hébergeur reçoit des données de santé mais les activités d'hébergement");
  });

  it('reports an engagement with an empty list of HDS activities', () => {
    expect(
      run({ engagements: [noActivities({ healthData: true, hdsActivities: [] })], certificates: [] }).map(
        (f) => f.subject.id,
      ),
    ).toEqual(['e-host']);
  });

  it('reports an engagement of a provider holding an HDS certificate, whose activities are not recorded', () => {
    const findings = run({ engagements: [noActivities()] });
    expect(findings.map((f) => [f.subject.type, f.subject.id])).toEqual([['engagement', 'e-host']]);
  });

  it('reports an engagement of a provider claiming HDS, whose activities are not recorded', () => {
    const claimed = { ...HOST, guarantees: [{ kind: 'hds' as const, text: 'Certifié HDS' }] };
    expect(
      run({ subcontractors: [claimed], engagements: [noActivities()], certificates: [] }).map((f) => f.subject.id),
    ).toEqual(['e-host']);
  });

  it('reports both the engagement and the certificate when neither is known', () => {
    const findings = run({ engagements: [noActivities()], certificates: [{ ...HOST_CERT, hdsActivities: undefined }] });
    expect(findings.map((f) => f.subject.type).sort()).toEqual(['certificate', 'engagement']);
  });

  it('says nothing of a provider with no sign of hosting health data', () => {
    expect(run({ engagements: [noActivities()], certificates: [] })).toEqual([]);
  });

  it('excludes an engagement whose contract says it carries no health data', () => {
    expect(
      run({
        engagements: [noActivities({ healthData: false })],
        certificates: [{ ...HOST_CERT, hdsActivities: undefined }],
      }),
    ).toEqual([]);
  });

  it('follows the chain to a sub-processor', () => {
    const findings = run({
      engagements: [HOST_ENGAGEMENT, { key: 'e-sub', provider: 'sub', client: 'host', healthData: true }],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'engagement', id: 'e-sub', name: 'Sauvegardes SA (Hébergeur →)' });
  });

  it('reports one finding per engagement, listing every treatment', () => {
    const findings = run({
      engagements: [noActivities({ healthData: true })],
      certificates: [],
      treatments: [
        healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 't2', uses: [{ engagement: 'e-host' }] }),
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence.treatments).toEqual(['t1', 't2']);
  });

  it('ignores treatments without health data', () => {
    const payroll = healthTreatment({
      dataCategories: [{ category: 'identity', label: 'Identité', retention: '5 ans' }],
      uses: [{ engagement: 'e-host' }],
    });
    expect(run({ engagements: [noActivities({ healthData: true })], treatments: [payroll] })).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run({ engagements: [noActivities({ healthData: true })], treatments: [retired] })).toEqual([]);
  });

  it('words both findings in French and English, with the rule’s reference and the remediation', () => {
    const findings = run({
      engagements: [{ key: 'e-host', provider: 'host' }],
      certificates: [{ ...HOST_CERT, hdsActivities: undefined }],
    });
    expect(findings.map((f) => [f.subject.type, f.severity, f.ruleId])).toEqual([
      ['certificate', 'warning', 'hds.scope-unknown'],
      ['engagement', 'warning', 'hds.scope-unknown'],
    ]);
    const [certificate, engagement] = findings;
    expect(certificate.message).toEqual({
      fr: "Le périmètre (activités 1 à 6) du certificat HDS de Hébergeur n'est pas enregistré.",
      en: "The scope (activities 1 to 6) of Hébergeur's HDS certificate is not recorded.",
    });
    expect(certificate.reference).toEqual({ fr: 'CSP R.1111-9', en: 'CSP R.1111-9' });
    expect(certificate.remediation).toEqual({
      fr: 'Relever sur le certificat les activités couvertes et les enregistrer.',
      en: 'Read the covered activities on the certificate and record them.',
    });
    expect(engagement.message).toEqual({
      fr: "Hébergeur reçoit des données de santé mais les activités d'hébergement (HDS, n° 1 à 6) qu'il exerce, le cas échéant, ne sont pas enregistrées.",
      en: 'Hébergeur receives health data but the hosting activities (HDS, no. 1 to 6) it performs, if any, are not recorded.',
    });
    expect(engagement.reference).toEqual({ fr: 'CSP R.1111-9', en: 'CSP R.1111-9' });
    expect(engagement.remediation).toEqual({
      fr: 'Indiquer, d’après le contrat, les activités HDS (1 à 6) exercées par ce prestataire.',
      en: 'Record, from the contract, the HDS activities (1 to 6) this provider performs.',
    });
    expect(engagement.evidence).toEqual({ provider: 'Hébergeur', services: [], treatments: ['t'] });
  });

  it('reports a certificate once, listing every treatment relying on its holder', () => {
    const findings = run({
      certificates: [{ ...HOST_CERT, hdsActivities: undefined }],
      treatments: [
        healthTreatment({ key: 't1', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 't2', uses: [{ engagement: 'e-host' }] }),
      ],
    });
    expect(findings.map((f) => [f.subject.id, f.evidence.treatments])).toEqual([['hds-host', ['t1', 't2']]]);
  });

  it('asks for the scope of the organisation’s own certificate when it performs HDS activities for clients', () => {
    const own: CreateCertificateDto = {
      ...HOST_CERT,
      key: 'hds-own',
      subcontractor: undefined,
      hdsActivities: undefined,
    };
    const forClients = (role: 'processor' | 'controller') =>
      healthTreatment({
        role,
        controllers: [{ name: 'Cabinets' }],
        hdsActivitiesInHouse: ['administration-operation'],
        uses: [{ engagement: 'e-host' }],
      });
    const findings = run({ certificates: [HOST_CERT, own], treatments: [forClients('processor')] });
    expect(findings.map((f) => [f.subject, f.evidence])).toEqual([
      [
        { type: 'certificate', id: 'hds-own', name: 'Clinique Test HDS HDS-1' },
        { holder: 'Clinique Test', certificate: 'hds-own', treatments: ['t'] },
      ],
    ]);
    // A controller's own operations need no HDS certificate, so its scope is not asked for.
    expect(run({ certificates: [HOST_CERT, own], treatments: [forClients('controller')] })).toEqual([]);
    // Nor is it asked for when the organisation performs nothing in-house.
    const none = healthTreatment({
      role: 'processor',
      controllers: [{ name: 'Cabinets' }],
      uses: [{ engagement: 'e-host' }],
    });
    expect(run({ certificates: [HOST_CERT, own], treatments: [none] })).toEqual([]);
  });
});

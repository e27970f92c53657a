import type { CreateCertificateDto } from '../../subcontractors/certificate.dto';
import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { hdsDataLocation } from './hds-data-location.rule';

const SUBCONTRACTORS: CreateSubcontractorDto[] = [
  { key: 'host', name: 'Hébergeur', country: 'FR' },
  { key: 'sub', name: 'Sauvegardes SA', country: 'FR' },
];

const host = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  hdsActivities: ['virtual-infrastructure', 'backup'],
  processingCountries: ['FR'],
  ...overrides,
});

interface Scenario {
  engagements: CreateEngagementDto[];
  certificates?: CreateCertificateDto[];
  treatments?: ReturnType<typeof healthTreatment>[];
}

function run(s: Scenario) {
  return hdsDataLocation.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: '2026-06-01',
        subcontractors: SUBCONTRACTORS,
        engagements: s.engagements,
        certificates: s.certificates ?? [],
        treatments: s.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('hds.data-location', () => {
  it('accepts storage in EU countries and in the EEA outside the EU', () => {
    expect(run({ engagements: [host({ processingCountries: ['FR', 'DE', 'NO', 'IS', 'LI'] })] })).toEqual([]);
  });

  it('reports health data stored outside the EEA', () => {
    const findings = run({ engagements: [host({ processingCountries: ['FR', 'US'] })] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.data-location');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Hébergeur' });
    expect(f.detail).toBe('US');
    expect(f.evidence).toEqual({
      provider: 'Hébergeur',
      country: 'US',
      hdsActivities: ['virtual-infrastructure', 'backup'],
      treatments: ['t'],
    });
    expect(f.message.fr).toContain("(US), hors de l'EEE");
    expect(f.message.en).toContain('United States of America (US), outside the EEA');
  });

  it('reports a country with an adequacy decision: storage must stay inside the EEA', () => {
    expect(run({ engagements: [host({ processingCountries: ['CH'] })] }).map((f) => f.detail)).toEqual(['CH']);
  });

  it('reports each country outside the EEA separately', () => {
    expect(run({ engagements: [host({ processingCountries: ['US', 'FR', 'CN'] })] }).map((f) => f.detail)).toEqual([
      'US',
      'CN',
    ]);
  });

  it('ignores a provider that only administers, without storing', () => {
    expect(
      run({ engagements: [host({ hdsActivities: ['administration-operation'], processingCountries: ['US'] })] }),
    ).toEqual([]);
  });

  it('reports a provider with storage and administration activities', () => {
    expect(
      run({
        engagements: [host({ hdsActivities: ['administration-operation', 'backup'], processingCountries: ['US'] })],
      }),
    ).toHaveLength(1);
  });

  it('reports a provider receiving health data whose activities are not recorded', () => {
    expect(
      run({ engagements: [host({ hdsActivities: undefined, healthData: true, processingCountries: ['US'] })] }),
    ).toHaveLength(1);
  });

  it('reports a provider holding an HDS certificate whose activities are not recorded', () => {
    const certificate: CreateCertificateDto = { key: 'c', subcontractor: 'host', kind: 'hds', validTo: '2027-12-31' };
    expect(
      run({
        engagements: [host({ hdsActivities: undefined, processingCountries: ['US'] })],
        certificates: [certificate],
      }),
    ).toHaveLength(1);
  });

  it('ignores a provider with no sign of hosting health data', () => {
    expect(run({ engagements: [host({ hdsActivities: undefined, processingCountries: ['US'] })] })).toEqual([]);
  });

  it('excludes an engagement whose contract says it carries no health data', () => {
    expect(run({ engagements: [host({ healthData: false, processingCountries: ['US'] })] })).toEqual([]);
  });

  it('follows the chain to a sub-processor', () => {
    const findings = run({
      engagements: [
        host(),
        { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'], processingCountries: ['US'] },
      ],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'engagement', id: 'e-sub', name: 'Sauvegardes SA (Hébergeur →)' });
    expect(findings[0].evidence).toMatchObject({ provider: 'Sauvegardes SA', country: 'US' });
  });

  it('reports one finding per engagement and country, listing every treatment', () => {
    const findings = run({
      engagements: [host({ processingCountries: ['US'] })],
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
    expect(run({ engagements: [host({ processingCountries: ['US'] })], treatments: [payroll] })).toEqual([]);
  });

  it('ignores retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] });
    expect(run({ engagements: [host({ processingCountries: ['US'] })], treatments: [retired] })).toEqual([]);
  });

  it('words the finding in French and English, with its reference and remediation', () => {
    const [f] = run({ engagements: [host({ processingCountries: ['IN'] })] });
    expect(f.message).toEqual({
      fr: "Hébergeur stocke des données de santé en/au Inde (IN), hors de l'EEE.",
      en: 'Hébergeur stores health data in India (IN), outside the EEA.',
    });
    expect(f.reference).toEqual({ fr: 'Référentiel HDS v2, exigence 28', en: 'HDS référentiel v2, requirement 28' });
    expect(f.remediation).toEqual({
      fr: "Exiger un stockage dans l'EEE (localisation contractuelle) ou changer d'hébergeur.",
      en: 'Require storage inside the EEA (contractual location) or change host.',
    });
  });

  it('reports nothing for a storing host with no processing country recorded', () => {
    expect(run({ engagements: [host({ processingCountries: undefined })] })).toEqual([]);
  });

  it('reports each engagement storing in one country, under its own subject', () => {
    const findings = run({
      engagements: [
        host({ processingCountries: ['US'] }),
        { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'], processingCountries: ['US'] },
      ],
    });
    expect(findings.map((f) => [f.subject.id, f.detail, f.evidence.hdsActivities])).toEqual([
      ['e-host', 'US', ['virtual-infrastructure', 'backup']],
      ['e-sub', 'US', ['backup']],
    ]);
  });

  it('names a provider missing from the register by its key', () => {
    const findings = run({
      engagements: [{ key: 'e-host', provider: 'ghost', hdsActivities: ['backup'], processingCountries: ['US'] }],
    });
    expect(findings.map((f) => [f.subject.name, f.evidence.provider])).toEqual([['ghost', 'ghost']]);
    expect(findings[0].message.en).toBe('ghost stores health data in United States of America (US), outside the EEA.');
  });
});

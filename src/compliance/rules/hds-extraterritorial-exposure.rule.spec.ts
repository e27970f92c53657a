import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { hdsExtraterritorialExposure } from './hds-extraterritorial-exposure.rule';

const FR_HOST: CreateSubcontractorDto = { key: 'host', name: 'Hébergeur', country: 'FR' };
const US_GROUP_HOST: CreateSubcontractorDto = {
  key: 'host',
  name: 'Cloud France',
  country: 'FR',
  parentGroup: 'Cloud Inc.',
  parentCountry: 'US',
};
const SUB: CreateSubcontractorDto = { key: 'sub', name: 'Sauvegardes SA', country: 'FR', parentCountry: 'US' };

const HOST_ENGAGEMENT: CreateEngagementDto = {
  key: 'e-host',
  provider: 'host',
  hdsActivities: ['virtual-infrastructure'],
  processingCountries: ['FR'],
};

interface Scenario {
  host?: CreateSubcontractorDto;
  others?: CreateSubcontractorDto[];
  engagements?: CreateEngagementDto[];
  treatments?: ReturnType<typeof healthTreatment>[];
}

function run(s: Scenario = {}) {
  return hdsExtraterritorialExposure.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: '2026-06-01',
        subcontractors: [s.host ?? US_GROUP_HOST, ...(s.others ?? [])],
        engagements: s.engagements ?? [HOST_ENGAGEMENT],
        treatments: s.treatments ?? [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
      }),
    ),
  );
}

describe('hds.extraterritorial-exposure', () => {
  it('reports nothing for a host established in the EEA with no foreign group', () => {
    expect(run({ host: FR_HOST })).toEqual([]);
  });

  it('reports a French subsidiary of a US group with no foreign-law assessment', () => {
    const findings = run();
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('hds.extraterritorial-exposure');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Cloud France' });
    expect(f.evidence).toEqual({
      provider: 'Cloud France',
      country: 'FR',
      parentGroup: 'Cloud Inc.',
      parentCountry: 'US',
      exposures: [{ fact: 'parent', country: 'US' }],
      treatments: ['t'],
    });
    expect(f.message.fr).toBe(
      "Cloud France relève d'un droit extra-européen : États-Unis d'Amérique (groupe) ; le contrat ne liste ni les lois pouvant imposer un accès aux données ni les mesures d'atténuation.",
    );
    expect(f.message.en).toContain('subject to a non-EU law: United States of America (group);');
  });

  it('reports a host established in the United States (DPF adequacy is not full adequacy)', () => {
    const findings = run({ host: { key: 'host', name: 'US Cloud', country: 'US', parentCountry: 'US' } });
    expect(findings).toHaveLength(1);
    expect(findings[0].message.en).toContain('United States of America (established, group);');
    expect(findings[0].evidence.exposures).toEqual([
      { fact: 'country', country: 'US' },
      { fact: 'parent', country: 'US' },
    ]);
  });

  it('reads the countries data is accessed from, not only where the host is', () => {
    const access = { ...HOST_ENGAGEMENT, accessCountries: ['IN', 'GB', 'DE'] };
    const [f] = run({ host: FR_HOST, engagements: [access] });
    expect(f.evidence.exposures).toEqual([{ fact: 'access', country: 'IN' }]);
    expect(f.message.en).toContain('India (access from there)');
    expect(run({ host: FR_HOST, engagements: [{ ...HOST_ENGAGEMENT, accessCountries: ['GB', 'CH'] }] })).toEqual([]);
  });

  it('reads reliance on the DPF as exposure to US law, however it is recorded', () => {
    const viaSafeguard = { ...HOST_ENGAGEMENT, transferSafeguards: [{ kind: 'dpf' as const }] };
    expect(run({ host: FR_HOST, engagements: [viaSafeguard] })[0].evidence.exposures).toEqual([
      { fact: 'dpf', country: 'US' },
    ]);
    expect(run({ host: { ...FR_HOST, dpfCertified: true } })[0].message.en).toContain(
      'United States of America (relies on the DPF)',
    );
    const claimed = { ...FR_HOST, guarantees: [{ kind: 'dpf' as const, text: 'Data Privacy Framework' }] };
    expect(run({ host: claimed }).map((f) => f.subject.id)).toEqual(['e-host']);
    expect(run({ host: { ...FR_HOST, dpfCertified: false } })).toEqual([]);
  });

  it('reads access from any country as exposure', () => {
    const [f] = run({ host: FR_HOST, engagements: [{ ...HOST_ENGAGEMENT, accessWorldwide: true }] });
    expect(f.evidence.exposures).toEqual([{ fact: 'worldwide' }]);
    expect(f.message.fr).toContain("relève d'un droit extra-européen : accès depuis n'importe quel pays ;");
  });

  it('reports a country with only a partial adequacy decision', () => {
    expect(run({ host: { key: 'host', name: 'Maple Cloud', country: 'CA' } }).map((f) => f.subject.id)).toEqual([
      'e-host',
    ]);
  });

  it('accepts a group in a country with a full adequacy decision', () => {
    expect(run({ host: { ...FR_HOST, parentGroup: 'Swiss Holding', parentCountry: 'CH' } })).toEqual([]);
    expect(run({ host: { ...FR_HOST, parentGroup: 'UK Holding', parentCountry: 'GB' } })).toEqual([]);
  });

  it('is silenced by a recorded foreign-law assessment', () => {
    expect(
      run({ engagements: [{ ...HOST_ENGAGEMENT, foreignLawAssessment: 'CLOUD Act, FISA 702 ; chiffrement BYOK' }] }),
    ).toEqual([]);
  });

  it('ignores a provider with no sign of hosting health data', () => {
    expect(run({ engagements: [{ key: 'e-host', provider: 'host' }] })).toEqual([]);
  });

  it('reports a provider receiving health data whose activities are not recorded', () => {
    expect(run({ engagements: [{ key: 'e-host', provider: 'host', healthData: true }] })).toHaveLength(1);
  });

  it('excludes an engagement whose contract says it carries no health data', () => {
    expect(run({ engagements: [{ ...HOST_ENGAGEMENT, healthData: false }] })).toEqual([]);
  });

  it('follows the chain to a sub-processor', () => {
    const findings = run({
      host: FR_HOST,
      others: [SUB],
      engagements: [HOST_ENGAGEMENT, { key: 'e-sub', provider: 'sub', client: 'host', hdsActivities: ['backup'] }],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'engagement', id: 'e-sub', name: 'Sauvegardes SA (Hébergeur →)' });
    expect(findings[0].evidence).toMatchObject({ provider: 'Sauvegardes SA', parentCountry: 'US' });
  });

  it('reports one finding per engagement, listing every treatment', () => {
    const findings = run({
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
    expect(run({ treatments: [payroll] })).toEqual([]);
  });

  it('ignores retired treatments', () => {
    expect(run({ treatments: [healthTreatment({ status: 'retired', uses: [{ engagement: 'e-host' }] })] })).toEqual([]);
  });

  it('words every exposure by country in French and English, once per fact, with its reference and remediation', () => {
    const findings = run({
      host: {
        key: 'host',
        name: 'US Cloud',
        country: 'US',
        parentGroup: 'Cloud Inc.',
        parentCountry: 'US',
        dpfCertified: true,
      },
      engagements: [{ ...HOST_ENGAGEMENT, accessCountries: ['IN', 'IN'], accessWorldwide: true }],
    });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.evidence).toEqual({
      provider: 'US Cloud',
      country: 'US',
      parentGroup: 'Cloud Inc.',
      parentCountry: 'US',
      exposures: [
        { fact: 'country', country: 'US' },
        { fact: 'parent', country: 'US' },
        { fact: 'access', country: 'IN' },
        { fact: 'access', country: 'IN' },
        { fact: 'dpf', country: 'US' },
        { fact: 'worldwide' },
      ],
      treatments: ['t'],
    });
    expect(f.message).toEqual({
      fr: "US Cloud relève d'un droit extra-européen : États-Unis d'Amérique (établi, groupe, certification DPF invoquée) ; Inde (accès depuis ce pays) ; accès depuis n'importe quel pays ; le contrat ne liste ni les lois pouvant imposer un accès aux données ni les mesures d'atténuation.",
      en: 'US Cloud is subject to a non-EU law: United States of America (established, group, relies on the DPF); India (access from there); access from any country; the contract lists neither the laws that could compel access to the data nor the mitigations.',
    });
    expect(f.reference).toEqual({ fr: 'Référentiel HDS v2, exigence 30', en: 'HDS référentiel v2, requirement 30' });
    expect(f.remediation).toEqual({
      fr: 'Obtenir de l’hébergeur la liste des lois extra-européennes, les mesures d’atténuation et les risques résiduels, et les enregistrer (foreignLawAssessment).',
      en: 'Obtain from the host the list of non-EU laws, the mitigations and residual risks, and record them (foreignLawAssessment).',
    });
  });

  it('reads no exposure from a country or group not recorded, and names a provider missing from the register by its key', () => {
    expect(run({ host: { key: 'host', name: 'Sans pays' } })).toEqual([]);
    const findings = run({
      host: FR_HOST,
      engagements: [{ key: 'e-host', provider: 'ghost', healthData: true, accessCountries: ['CN'] }],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'engagement', id: 'e-host', name: 'ghost' });
    expect(findings[0].evidence).toEqual({
      provider: 'ghost',
      country: null,
      parentGroup: null,
      parentCountry: null,
      exposures: [{ fact: 'access', country: 'CN' }],
      treatments: ['t'],
    });
    expect(findings[0].message.en).toContain(
      "ghost is subject to a non-EU law: People's Republic of China (access from there);",
    );
  });

  it('reads a DPF safeguard among others, and a DPF claim among other guarantees', () => {
    const safeguards = {
      ...HOST_ENGAGEMENT,
      transferSafeguards: [{ kind: 'scc-2021' as const }, { kind: 'dpf' as const }],
    };
    expect(run({ host: FR_HOST, engagements: [safeguards] }).map((f) => f.evidence.exposures)).toEqual([
      [{ fact: 'dpf', country: 'US' }],
    ]);
    const guarantees = {
      ...FR_HOST,
      guarantees: [
        { kind: 'iso-27001' as const, text: 'ISO 27001' },
        { kind: 'dpf' as const, text: 'DPF' },
      ],
    };
    expect(run({ host: guarantees }).map((f) => f.evidence.exposures)).toEqual([[{ fact: 'dpf', country: 'US' }]]);
    const none = { ...HOST_ENGAGEMENT, transferSafeguards: [{ kind: 'scc-2021' as const }] };
    expect(
      run({ host: { ...FR_HOST, guarantees: [{ kind: 'iso-27001', text: 'ISO 27001' }] }, engagements: [none] }),
    ).toEqual([]);
  });
});

import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import type { SafeguardDto } from '../../transfers/safeguard.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { transferSafeguardMissing } from './transfer-safeguard-missing.rule';

const host = (overrides: Partial<CreateSubcontractorDto> = {}): CreateSubcontractorDto => ({
  key: 'host',
  name: 'Cloud Host',
  ...overrides,
});
const hosting = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  processingCountries: ['US'],
  ...overrides,
});

function run(
  engagement: CreateEngagementDto,
  options: {
    asOf?: string;
    subcontractor?: CreateSubcontractorDto;
    treatments?: ReturnType<typeof healthTreatment>[];
  } = {},
) {
  return transferSafeguardMissing.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: options.asOf ?? '2026-06-01',
        subcontractors: [options.subcontractor ?? host(), { key: 'proc', name: 'Infogérant' }],
        engagements: [engagement],
        treatments: options.treatments ?? [healthTreatment({ uses: [{ engagement: engagement.key }] })],
      }),
    ),
  );
}

const transferIn = (country: string, safeguard?: SafeguardDto) =>
  healthTreatment({ transfers: [{ country, recipient: 'Laboratoire partenaire', safeguard }] });

describe('transfer.safeguard-missing', () => {
  it('reports nothing for processing inside the EEA (EU states, Norway, Iceland, Liechtenstein)', () => {
    expect(run(hosting({ processingCountries: ['FR', 'DE', 'NO', 'IS', 'LI'] }))).toEqual([]);
  });

  it('reports a US provider neither DPF-certified nor covered by a safeguard', () => {
    const findings = run(hosting());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('transfer.safeguard-missing');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Cloud Host' });
    expect(f.detail).toBe('US');
    expect(f.evidence).toEqual({
      provider: 'Cloud Host',
      country: 'US',
      countryName: "États-Unis d'Amérique",
      via: 'processing',
      safeguards: [],
      dpfCertified: null,
      treatments: ['t'],
      source: null,
    });
    expect(f.message.en).toBe(
      'Cloud Host: data processed in United States of America (US) with no transfer safeguard valid on 2026-06-01.',
    );
    expect(f.reference.en).toBe('GDPR Art. 44, 45, 46(2)(c), 49');
    expect(f.remediation.en).toContain('SCC 2021/914');
  });

  it('covers a US provider certified under the Data Privacy Framework', () => {
    expect(run(hosting(), { subcontractor: host({ dpfCertified: true }) })).toEqual([]);
  });

  it('covers a US transfer whose safeguard is the DPF', () => {
    expect(run(hosting({ transferSafeguards: [{ kind: 'dpf' }] }))).toEqual([]);
  });

  it('does not cover a US provider recorded as not DPF-certified on an "adequacy" claim', () => {
    const findings = run(hosting({ transferSafeguards: [{ kind: 'adequacy' }] }), {
      subcontractor: host({ dpfCertified: false }),
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ dpfCertified: false, safeguards: [{ kind: 'adequacy' }] });
  });

  it('does not accept the DPF before the decision of 10 July 2023', () => {
    const provider = host({ dpfCertified: true });
    expect(run(hosting(), { asOf: '2023-07-09', subcontractor: provider })).toHaveLength(1);
    expect(run(hosting(), { asOf: '2023-07-10', subcontractor: provider })).toEqual([]);
  });

  it('does not accept a DPF claim for a country other than the US', () => {
    const findings = run(hosting({ processingCountries: ['IN'], transferSafeguards: [{ kind: 'dpf' }] }), {
      subcontractor: host({ dpfCertified: true }),
    });
    expect(findings.map((f) => f.detail)).toEqual(['IN']);
  });

  it.each(['scc-2021', 'bcr'] as const)('accepts %s as an Art. 46 safeguard', (kind) => {
    expect(run(hosting({ processingCountries: ['IN'], transferSafeguards: [{ kind }] }))).toEqual([]);
  });

  it('accepts an Art. 49 derogation only when it is documented', () => {
    expect(
      run(hosting({ transferSafeguards: [{ kind: 'derogation', details: 'art. 49(1)(b) : exécution du contrat' }] })),
    ).toEqual([]);
    const findings = run(hosting({ transferSafeguards: [{ kind: 'derogation' }] }));
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ safeguards: [{ kind: 'derogation' }] });
  });

  it('reports a safeguard recorded as none', () => {
    const findings = run(
      hosting({ transferSafeguards: [{ kind: 'none', source: { document: 'DPA', section: '9' } }] }),
    );
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({
      safeguards: [{ kind: 'none', source: { document: 'DPA', section: '9' } }],
      source: { document: 'DPA', section: '9' },
    });
  });

  it('keeps the United Kingdom adequate up to 27 Dec 2031 inclusive, not the day after', () => {
    const gb = hosting({ processingCountries: ['GB'] });
    expect(run(gb, { asOf: '2031-12-27' })).toEqual([]);
    const findings = run(gb, { asOf: '2031-12-28' });
    expect(findings).toHaveLength(1);
    expect(findings[0].detail).toBe('GB');
    expect(findings[0].message.en).toBe(
      'Cloud Host: data processed in United Kingdom (GB) with no transfer safeguard valid on 2031-12-28.',
    );
  });

  it('treats Brazil as adequate from 26 Jan 2026, not before', () => {
    const br = hosting({ processingCountries: ['BR'] });
    expect(run(br, { asOf: '2026-01-25' }).map((f) => f.detail)).toEqual(['BR']);
    expect(run(br, { asOf: '2026-01-26' })).toEqual([]);
  });

  it('covers a country with a full adequacy decision (Switzerland)', () => {
    expect(run(hosting({ processingCountries: ['CH'] }))).toEqual([]);
  });

  it('reports remote access from a third country as access', () => {
    const findings = run(hosting({ processingCountries: ['FR'], accessCountries: ['IN'] }));
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ country: 'IN', countryName: 'Inde', via: 'access' });
    expect(findings[0].message.en).toBe(
      'Cloud Host: data accessed from India (IN) with no transfer safeguard valid on 2026-06-01.',
    );
    expect(findings[0].message.fr).toContain('consultées depuis Inde (IN)');
  });

  it('reports a country both processed in and accessed from once, as processing', () => {
    const findings = run(hosting({ processingCountries: ['IN'], accessCountries: ['IN'] }));
    expect(findings.map((f) => [f.detail, f.evidence.via])).toEqual([['IN', 'processing']]);
  });

  it('gives one finding per country', () => {
    const findings = run(hosting({ processingCountries: ['US', 'FR'], accessCountries: ['IN', 'CH'] }));
    expect(findings.map((f) => f.detail)).toEqual(['US', 'IN']);
  });

  it('names a sub-processor with its processor', () => {
    const findings = run(hosting({ client: 'proc' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Cloud Host (Infogérant →)' });
  });

  it('reports a transfer a treatment declares without a safeguard', () => {
    const findings = run(hosting({ processingCountries: ['FR'] }), { treatments: [transferIn('US')] });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.subject).toEqual({ type: 'treatment', id: 't', name: 'Dossier patient' });
    expect(f.detail).toBe('US');
    expect(f.evidence).toEqual({
      recipient: 'Laboratoire partenaire',
      country: 'US',
      countryName: "États-Unis d'Amérique",
      safeguard: null,
    });
    expect(f.message.en).toBe(
      'Laboratoire partenaire: data processed in United States of America (US) with no transfer safeguard valid on 2026-06-01.',
    );
  });

  it('accepts a declared US transfer under the DPF, and a declared transfer inside the EEA', () => {
    const treatments = [
      transferIn('US', { kind: 'dpf' }),
      healthTreatment({ key: 'b', transfers: [{ country: 'DE', recipient: 'Labo' }] }),
    ];
    expect(run(hosting({ processingCountries: ['FR'] }), { treatments })).toEqual([]);
  });

  it('ignores transfers declared by retired treatments', () => {
    const retired = healthTreatment({ status: 'retired', transfers: [{ country: 'US', recipient: 'Labo' }] });
    expect(run(hosting({ processingCountries: ['FR'] }), { treatments: [retired] })).toEqual([]);
  });

  it('leaves unversioned and repealed SCC to their own rules', () => {
    expect(run(hosting({ transferSafeguards: [{ kind: 'scc-unspecified' }] }))).toEqual([]);
    expect(run(hosting({ transferSafeguards: [{ kind: 'scc-2010', signedOn: '2020-01-01' }] }))).toEqual([]);
  });
});

describe('transfer.safeguard-missing — several safeguards, and access from anywhere', () => {
  it('takes the best of several safeguards that apply to a country', () => {
    expect(run(hosting({ transferSafeguards: [{ kind: 'none' }, { kind: 'scc-2021', sccModule: 'C2P' }] }))).toEqual(
      [],
    );
    expect(run(hosting({ transferSafeguards: [{ kind: 'dpf' }, { kind: 'scc-unspecified' }] }))).toEqual([]);
  });

  it('applies a safeguard naming countries only to those countries', () => {
    const perCountry = hosting({
      processingCountries: ['US', 'IN'],
      transferSafeguards: [
        { kind: 'dpf', countries: ['US'] },
        { kind: 'scc-2021', sccModule: 'C2P', countries: ['CN'] },
      ],
    });
    expect(run(perCountry).map((f) => f.detail)).toEqual(['IN']);
    const covered = hosting({
      processingCountries: ['US', 'IN'],
      transferSafeguards: [
        { kind: 'dpf', countries: ['US'] },
        { kind: 'scc-2021', countries: ['IN'] },
      ],
    });
    expect(run(covered)).toEqual([]);
  });

  it('reports access from any country that no safeguard covers everywhere', () => {
    const worldwide = (transferSafeguards?: SafeguardDto[]) =>
      hosting({
        processingCountries: ['FR'],
        accessWorldwide: true,
        accessExceptCountries: ['CN'],
        transferSafeguards,
      });
    const [f] = run(worldwide());
    expect(f.detail).toBe('worldwide');
    expect(f.evidence).toMatchObject({
      country: 'worldwide',
      countryName: null,
      via: 'access',
      exceptCountries: ['CN'],
    });
    expect(f.message.fr).toBe(
      "Cloud Host : données consultées depuis n'importe quel pays sans garantie de transfert valable au 2026-06-01 (une garantie limitée à certains pays ne couvre pas un accès depuis partout).",
    );
    // The DPF covers only the US; clauses limited to some countries cover only those.
    expect(run(worldwide([{ kind: 'dpf' }])).map((f) => f.detail)).toEqual(['worldwide']);
    expect(run(worldwide([{ kind: 'scc-2021', countries: ['US', 'IN'] }])).map((f) => f.detail)).toEqual(['worldwide']);
    expect(run(worldwide([{ kind: 'scc-2021', sccModule: 'P2P' }]))).toEqual([]);
    expect(run(worldwide([{ kind: 'bcr' }]))).toEqual([]);
  });

  it('does not report an engagement removed from its sub-processor list before the date asked', () => {
    expect(run(hosting({ removedOn: '2026-05-31' }))).toEqual([]);
    expect(run(hosting({ removedOn: '2026-06-02' })).map((f) => f.detail)).toEqual(['US']);
  });
});

describe('transfer.safeguard-missing — wording', () => {
  it('words processing in a country in French and English, with its reference and remediation', () => {
    const [f] = run(hosting({ processingCountries: ['IN'] }));
    expect(f.message).toEqual({
      fr: 'Cloud Host : données traitées en/au Inde (IN) sans garantie de transfert valable au 2026-06-01.',
      en: 'Cloud Host: data processed in India (IN) with no transfer safeguard valid on 2026-06-01.',
    });
    expect(f.reference).toEqual({ fr: 'RGPD art. 44, 45, 46(2)(c), 49', en: 'GDPR Art. 44, 45, 46(2)(c), 49' });
    expect(f.remediation).toEqual({
      fr: "Conclure les CCT 2021/914 (module adapté) ou vérifier la certification DPF du destinataire, ou documenter une dérogation de l'article 49 ; sinon cesser le transfert.",
      en: 'Sign SCC 2021/914 (right module) or verify the recipient’s DPF certification, or document an Art. 49 derogation; otherwise stop the transfer.',
    });
  });

  it('words access from any country in English', () => {
    const [f] = run(hosting({ processingCountries: ['FR'], accessWorldwide: true }));
    expect(f.message.en).toBe(
      'Cloud Host: data accessed from any country with no transfer safeguard valid on 2026-06-01 (a safeguard limited to some countries does not cover access from anywhere).',
    );
  });

  it('words a transfer a treatment declares as processing, in French', () => {
    const [f] = run(hosting({ processingCountries: ['FR'] }), { treatments: [transferIn('IN')] });
    expect(f.message.fr).toBe(
      'Laboratoire partenaire : données traitées en/au Inde (IN) sans garantie de transfert valable au 2026-06-01.',
    );
  });
});

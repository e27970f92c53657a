import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { transferSccVersionUnknown } from './transfer-scc-version-unknown.rule';

const UNSPECIFIED = {
  kind: 'scc-unspecified' as const,
  details: 'Clauses contractuelles types',
  source: { document: '001.txt', section: 'Annexe 3' },
};

const hosting = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-mail',
  provider: 'mailer',
  processingCountries: ['US'],
  transferSafeguards: [UNSPECIFIED],
  ...overrides,
});

function run(
  engagement: CreateEngagementDto,
  options: { dpfCertified?: boolean; treatments?: ReturnType<typeof healthTreatment>[] } = {},
) {
  return transferSccVersionUnknown.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: '2026-06-01',
        subcontractors: [{ key: 'mailer', name: 'Mailer Inc', dpfCertified: options.dpfCertified }],
        engagements: [engagement],
        treatments: options.treatments ?? [healthTreatment({ uses: [{ engagement: engagement.key }] })],
      }),
    ),
  );
}

describe('transfer.scc-version-unknown', () => {
  it('reports "standard contractual clauses" without version as evidence to complete', () => {
    const findings = run(hosting());
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('transfer.scc-version-unknown');
    expect(f.severity).toBe('warning');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-mail', name: 'Mailer Inc' });
    expect(f.detail).toBe('US');
    expect(f.evidence).toEqual({
      provider: 'Mailer Inc',
      country: 'US',
      countryName: "États-Unis d'Amérique",
      via: 'processing',
      safeguards: [UNSPECIFIED],
      dpfCertified: null,
      treatments: ['t'],
      source: { document: '001.txt', section: 'Annexe 3' },
    });
    expect(f.message.en).toBe(
      'Mailer Inc (US): "standard contractual clauses" with no version or date; cannot tell whether they are SCC 2021/914.',
    );
    expect(f.reference.en).toBe('GDPR Art. 46(2)(c); Decision (EU) 2021/914');
    expect(f.remediation.en).toContain('record their version (2021/914)');
  });

  it('reports nothing once the version is recorded', () => {
    expect(run(hosting({ transferSafeguards: [{ kind: 'scc-2021', sccModule: 'C2P' }] }))).toEqual([]);
  });

  it('judges the clauses on their own when the DPF covers the transfer: evidence still to complete', () => {
    const findings = run(hosting(), { dpfCertified: true });
    expect(findings.map((f) => f.detail)).toEqual(['scc-unspecified']);
    expect(findings[0].evidence).toMatchObject({ countries: ['US'], transfersCoveredOtherwise: ['US'] });
    expect(findings[0].message.en).toBe(
      'Mailer Inc: "standard contractual clauses" stated with no version or date; the recorded transfers (US) stand on another ground, but these clauses remain to be specified.',
    );
  });

  it('judges the clauses on their own for an adequate country, and when no third country is recorded', () => {
    expect(
      run(hosting({ processingCountries: ['GB'] })).map((f) => [f.detail, f.evidence.transfersCoveredOtherwise]),
    ).toEqual([['scc-unspecified', ['GB']]]);
    const [inside] = run(hosting({ processingCountries: ['FR'] }));
    expect(inside).toMatchObject({ severity: 'warning', detail: 'scc-unspecified' });
    expect(inside.subject).toEqual({ type: 'engagement', id: 'e-mail', name: 'Mailer Inc' });
    expect(inside.evidence).toEqual({
      provider: 'Mailer Inc',
      safeguard: UNSPECIFIED,
      countries: ['FR'],
      transfersCoveredOtherwise: [],
      treatments: ['t'],
      source: { document: '001.txt', section: 'Annexe 3' },
    });
    expect(inside.message.en).toBe(
      'Mailer Inc: "standard contractual clauses" stated with no version or date, and no third country recorded: check which countries the data goes to and under which clauses.',
    );
    expect(run(hosting({ processingCountries: undefined })).map((f) => f.detail)).toEqual(['scc-unspecified']);
  });

  it('reports the clauses once: per country when a country stands on them, not again on their own', () => {
    const findings = run(
      hosting({ processingCountries: ['US', 'IN'], transferSafeguards: [UNSPECIFIED, UNSPECIFIED] }),
    );
    expect(findings.map((f) => f.detail)).toEqual(['US', 'IN']);
  });

  it('reads "clauses contractuelles types" claimed in a guarantee when no engagement records a safeguard', () => {
    const snapshot = (guarantees: { kind: 'scc'; text: string }[], transferSafeguards?: { kind: 'scc-2021' }[]) =>
      transferSccVersionUnknown.evaluate(
        new SnapshotIndex(
          makeSnapshot({
            subcontractors: [{ key: 'mailer', name: 'Mailer Inc', guarantees }],
            engagements: [{ key: 'e-mail', provider: 'mailer', processingCountries: ['FR'], transferSafeguards }],
            treatments: [healthTreatment({ uses: [{ engagement: 'e-mail' }] })],
          }),
        ),
      );
    const [f] = snapshot([{ kind: 'scc', text: 'Clauses Contractuelles Type' }]);
    expect(f.subject).toEqual({ type: 'subcontractor', id: 'mailer', name: 'Mailer Inc' });
    expect(f.detail).toBe('scc-unspecified');
    expect(f.evidence).toMatchObject({
      claim: 'Clauses Contractuelles Type',
      readAs: 'scc-unspecified',
      treatments: ['t'],
    });
    // A version in the words is a version: "2021" names the clauses of Decision 2021/914.
    expect(snapshot([{ kind: 'scc', text: 'Clauses contractuelles type 2021' }])).toEqual([]);
    expect(snapshot([{ kind: 'scc', text: 'SCC (Decision 2021/914)' }])).toEqual([]);
    // Once an engagement records the clauses as a safeguard, that safeguard is what is judged.
    expect(snapshot([{ kind: 'scc', text: 'Clauses Contractuelles Type' }], [{ kind: 'scc-2021' }])).toEqual([]);
  });

  it('reports a worldwide access standing on unversioned clauses with "any country"', () => {
    const [f] = run(hosting({ processingCountries: ['FR'], accessWorldwide: true }));
    expect(f.detail).toBe('worldwide');
    expect(f.message.en).toBe(
      'Mailer Inc (any country): "standard contractual clauses" with no version or date; cannot tell whether they are SCC 2021/914.',
    );
  });

  it('reports remote access on unversioned clauses', () => {
    const findings = run(hosting({ processingCountries: ['FR'], accessCountries: ['IN'] }));
    expect(findings.map((f) => [f.detail, f.evidence.via])).toEqual([['IN', 'access']]);
  });

  it('reports a declared transfer of a treatment in use, not of a retired one', () => {
    const declared = (key: string, status: 'active' | 'retired') =>
      healthTreatment({ key, status, transfers: [{ country: 'IN', recipient: 'Labo', safeguard: UNSPECIFIED }] });
    const findings = run(hosting({ processingCountries: ['FR'] }), {
      treatments: [declared('a', 'active'), declared('old', 'retired')],
    });
    const declaredOnes = findings.filter((f) => f.subject.type === 'treatment');
    expect(declaredOnes).toHaveLength(1);
    expect(declaredOnes[0].subject).toEqual({ type: 'treatment', id: 'a', name: 'Dossier patient' });
    expect(declaredOnes[0].evidence).toEqual({
      recipient: 'Labo',
      country: 'IN',
      countryName: 'Inde',
      safeguard: UNSPECIFIED,
    });
    expect(declaredOnes[0].message.en).toContain('Labo (IN): "standard contractual clauses"');
  });
});

describe('transfer.scc-version-unknown — wording', () => {
  const REMEDIATION = {
    fr: 'Obtenir les clauses signées et enregistrer leur version (2021/914), leur module, leur date et les pays qu’elles couvrent.',
    en: 'Obtain the signed clauses and record their version (2021/914), module, date and the countries they cover.',
  };

  it('words a transfer standing on the clauses in French, with its reference and remediation', () => {
    const [f] = run(hosting({ processingCountries: ['IN'] }));
    expect(f.message.fr).toBe(
      'Mailer Inc (IN) : « clauses contractuelles types » sans version ni date ; impossible de savoir si ce sont les CCT 2021/914.',
    );
    expect(f.reference).toEqual({
      fr: 'RGPD art. 46(2)(c) ; décision (UE) 2021/914',
      en: 'GDPR Art. 46(2)(c); Decision (EU) 2021/914',
    });
    expect(f.remediation).toEqual(REMEDIATION);
  });

  it('words the clauses stated on their own in French, with or without transfers covered otherwise', () => {
    const [covered] = run(hosting({ processingCountries: ['JP', 'GB'] }));
    expect(covered.message.fr).toBe(
      'Mailer Inc : « clauses contractuelles types » invoquées sans version ni date ; les transferts enregistrés (JP, GB) reposent sur une autre base, mais ces clauses restent à préciser.',
    );
    expect(covered.message.en).toBe(
      'Mailer Inc: "standard contractual clauses" stated with no version or date; the recorded transfers (JP, GB) stand on another ground, but these clauses remain to be specified.',
    );
    expect(covered.remediation).toEqual(REMEDIATION);
    const [inside] = run(hosting({ processingCountries: ['FR'] }));
    expect(inside.message.fr).toBe(
      'Mailer Inc : « clauses contractuelles types » invoquées sans version ni date, et aucun pays tiers enregistré : vérifier vers quels pays vont les données et sous quelles clauses.',
    );
  });

  it('words clauses a guarantee claims as stated with no third country', () => {
    const [f] = transferSccVersionUnknown.evaluate(
      new SnapshotIndex(
        makeSnapshot({
          subcontractors: [{ key: 'mailer', name: 'Mailer Inc', guarantees: [{ kind: 'scc', text: 'CCT' }] }],
          engagements: [{ key: 'e-mail', provider: 'mailer', processingCountries: ['FR'] }],
        }),
      ),
    );
    expect(f.message.en).toBe(
      'Mailer Inc: "standard contractual clauses" stated with no version or date, and no third country recorded: check which countries the data goes to and under which clauses.',
    );
    expect(f.evidence).toEqual({
      provider: 'Mailer Inc',
      claim: 'CCT',
      readAs: 'scc-unspecified',
      treatments: [],
      source: null,
    });
  });
});

import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { SafeguardDto } from '../../transfers/safeguard.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { healthTreatment, makeSnapshot } from '../testing';
import { transferSccOutdated } from './transfer-scc-outdated.rule';

const hosting = (safeguard: SafeguardDto, overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  processingCountries: ['US'],
  transferSafeguards: [safeguard],
  ...overrides,
});

function run(
  engagement: CreateEngagementDto,
  options: { asOf?: string; dpfCertified?: boolean; treatments?: ReturnType<typeof healthTreatment>[] } = {},
) {
  return transferSccOutdated.evaluate(
    new SnapshotIndex(
      makeSnapshot({
        asOf: options.asOf ?? '2026-06-01',
        subcontractors: [{ key: 'host', name: 'Cloud Host', dpfCertified: options.dpfCertified }],
        engagements: [engagement],
        treatments: options.treatments ?? [healthTreatment({ uses: [{ engagement: engagement.key }] })],
      }),
    ),
  );
}

const OLD: SafeguardDto = { kind: 'scc-2010', signedOn: '2020-05-01' };

describe('transfer.scc-outdated', () => {
  it('keeps SCC 2010/87 signed before the cut-off valid on the last day of the transition, 2022-12-27', () => {
    expect(run(hosting(OLD), { asOf: '2022-12-27' })).toEqual([]);
  });

  it('reports SCC 2010/87 the day after the transition, 2022-12-28', () => {
    const findings = run(hosting(OLD), { asOf: '2022-12-28' });
    expect(findings).toHaveLength(1);
    const [f] = findings;
    expect(f.ruleId).toBe('transfer.scc-outdated');
    expect(f.severity).toBe('error');
    expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Cloud Host' });
    expect(f.detail).toBe('US');
    expect(f.evidence).toEqual({
      provider: 'Cloud Host',
      country: 'US',
      countryName: "États-Unis d'Amérique",
      via: 'processing',
      safeguards: [{ kind: 'scc-2010', signedOn: '2020-05-01' }],
      dpfCertified: null,
      treatments: ['t'],
      source: null,
      decision: '2010/87/EU',
      contractsBefore: '2021-09-27',
      invalidAfter: '2022-12-27',
    });
    expect(f.message.en).toBe(
      'Cloud Host (US): the transfer relies on repealed SCC (decision 2010/87/EU), no longer valid on 2022-12-28.',
    );
    expect(f.reference.en).toBe('Decision (EU) 2021/914, Art. 4(3) and 4(4)');
    expect(f.remediation.en).toContain('SCC 2021/914');
  });

  it('reports repealed SCC signed after 27 Sept 2021 even during the transition', () => {
    const findings = run(hosting({ kind: 'scc-2010', signedOn: '2021-09-28' }), { asOf: '2022-06-01' });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ safeguards: [{ signedOn: '2021-09-28' }] });
  });

  it('reports repealed SCC concluded on 27 Sept 2021 itself: only contracts concluded before it counted', () => {
    expect(run(hosting({ kind: 'scc-2010', signedOn: '2021-09-27' }), { asOf: '2022-06-01' })).toHaveLength(1);
  });

  it('accepts repealed SCC signed before 27 Sept 2021 during the transition', () => {
    expect(run(hosting({ kind: 'scc-2010', signedOn: '2021-09-26' }), { asOf: '2022-06-01' })).toEqual([]);
  });

  it('accepts repealed SCC without a signing date during the transition, not after it', () => {
    expect(run(hosting({ kind: 'scc-2010' }), { asOf: '2022-06-01' })).toEqual([]);
    expect(run(hosting({ kind: 'scc-2010' }), { asOf: '2026-06-01' })).toHaveLength(1);
  });

  it.each([
    ['scc-2001', '2001/497/EC'],
    ['scc-2004', '2004/915/EC'],
    ['scc-2010', '2010/87/EU'],
  ] as const)('reports %s in 2026, naming decision %s', (kind, decision) => {
    const findings = run(hosting({ kind, signedOn: '2015-01-01' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message.en).toContain(`repealed SCC (decision ${decision})`);
  });

  it('reports nothing for SCC 2021/914 or a transfer with no safeguard', () => {
    expect(run(hosting({ kind: 'scc-2021', sccModule: 'C2P', signedOn: '2022-01-10' }))).toEqual([]);
    expect(run({ key: 'e-host', provider: 'host', processingCountries: ['US'] })).toEqual([]);
  });

  it('reports the repealed clauses a contract names even when an adequacy decision or the DPF covers the country', () => {
    for (const findings of [
      run(hosting(OLD, { processingCountries: ['JP'] })),
      run(hosting(OLD), { dpfCertified: true }),
    ]) {
      expect(findings.map((f) => [f.severity, f.detail])).toEqual([['error', 'scc-2010']]);
    }
  });

  it('reports the repealed clauses a contract names when no third country is recorded (LEGAL.md §2)', () => {
    for (const engagement of [
      hosting(OLD, { processingCountries: ['FR'] }),
      hosting(OLD, { processingCountries: undefined }),
    ]) {
      const findings = run(engagement);
      expect(findings).toHaveLength(1);
      const [f] = findings;
      expect(f).toMatchObject({ severity: 'error', detail: 'scc-2010' });
      expect(f.subject).toEqual({ type: 'engagement', id: 'e-host', name: 'Cloud Host' });
      expect(f.evidence).toMatchObject({ safeguard: OLD, decision: '2010/87/EU', treatments: ['t'] });
      expect(f.message.en).toBe(
        'Cloud Host: the contract names repealed SCC (decision 2010/87/EU), no safeguard on 2026-06-01, even though no third country is recorded yet.',
      );
    }
    // Still a safeguard for an old contract during the transition, whether or not a country is recorded.
    expect(run(hosting(OLD, { processingCountries: ['FR'] }), { asOf: '2022-12-27' })).toEqual([]);
  });

  it('reports repealed clauses next to SCC 2021/914: naming them is a finding, though the transfer is covered', () => {
    const findings = run(hosting(OLD, { transferSafeguards: [{ kind: 'scc-2021', sccModule: 'C2P' }, OLD] }));
    expect(findings.map((f) => f.detail)).toEqual(['scc-2010']);
  });

  it('reads repealed clauses claimed in a guarantee from their words', () => {
    const evaluate = (text: string) =>
      transferSccOutdated.evaluate(
        new SnapshotIndex(
          makeSnapshot({
            subcontractors: [{ key: 'host', name: 'Cloud Host', guarantees: [{ kind: 'scc', text }] }],
            engagements: [{ key: 'e-host', provider: 'host' }],
            treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
          }),
        ),
      );
    expect(
      evaluate('Clauses contractuelles types (décision 2010/87/UE)').map((f) => [f.subject.type, f.detail]),
    ).toEqual([['subcontractor', 'scc-2010']]);
    expect(evaluate('SCC 2004/915').map((f) => f.detail)).toEqual(['scc-2004']);
    expect(evaluate('Standard contractual clauses 2021/914')).toEqual([]);
  });

  it('reports a declared transfer of a treatment in use, not of a retired one', () => {
    const declared = (key: string, status: 'active' | 'retired') =>
      healthTreatment({ key, status, transfers: [{ country: 'IN', recipient: 'Labo', safeguard: OLD }] });
    const findings = run(hosting({ kind: 'scc-2021' }), {
      treatments: [declared('a', 'active'), declared('old', 'retired')],
    });
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'treatment', id: 'a', name: 'Dossier patient' });
    expect(findings[0].detail).toBe('IN');
    expect(findings[0].message.en).toBe(
      'Labo (IN): the transfer relies on repealed SCC (decision 2010/87/EU), no longer valid on 2026-06-01.',
    );
  });
});

describe('transfer.scc-outdated — wording', () => {
  const REMEDIATION = {
    fr: 'Remplacer par les CCT 2021/914 (module adapté) et une analyse d’impact du transfert ; vérifier les pays où les données vont.',
    en: 'Replace them with SCC 2021/914 (right module) and a transfer impact assessment; check where the data goes.',
  };

  it('words a transfer on repealed clauses in French, with its reference and remediation', () => {
    const [f] = run(hosting(OLD, { processingCountries: ['IN'] }));
    expect(f.message.fr).toBe(
      'Cloud Host (IN) : le transfert repose sur des CCT abrogées (décision 2010/87/EU), plus valables au 2026-06-01.',
    );
    expect(f.reference).toEqual({
      fr: 'Décision (UE) 2021/914, art. 4(3) et 4(4)',
      en: 'Decision (EU) 2021/914, Art. 4(3) and 4(4)',
    });
    expect(f.remediation).toEqual(REMEDIATION);
  });

  it('words repealed clauses named with no third country in French', () => {
    const [f] = run(hosting(OLD, { processingCountries: ['FR'] }));
    expect(f.message.fr).toBe(
      "Cloud Host : le contrat invoque des CCT abrogées (décision 2010/87/EU), qui ne sont plus une garantie au 2026-06-01, même si aucun pays tiers n'est encore enregistré.",
    );
    expect(f.remediation).toEqual(REMEDIATION);
  });

  it('names the decision of clauses a guarantee claims, read from the words', () => {
    const [f] = transferSccOutdated.evaluate(
      new SnapshotIndex(
        makeSnapshot({
          subcontractors: [{ key: 'host', name: 'Cloud Host', guarantees: [{ kind: 'scc', text: 'SCC de 2001' }] }],
          engagements: [{ key: 'e-host', provider: 'host' }],
        }),
      ),
    );
    expect(f.message.en).toBe(
      'Cloud Host: the contract names repealed SCC (decision 2001/497/EC), no safeguard on 2026-06-01, even though no third country is recorded yet.',
    );
    expect(f.evidence).toEqual({
      provider: 'Cloud Host',
      claim: 'SCC de 2001',
      readAs: 'scc-2001',
      treatments: [],
      source: null,
      decision: '2001/497/EC',
      contractsBefore: '2021-09-27',
      invalidAfter: '2022-12-27',
    });
  });
});

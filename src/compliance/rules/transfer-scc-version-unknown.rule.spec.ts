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
      safeguard: UNSPECIFIED,
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

  it('reports nothing when the recipient is DPF-certified (the DPF covers the transfer)', () => {
    expect(run(hosting(), { dpfCertified: true })).toEqual([]);
  });

  it('reports nothing for an adequate country or processing inside the EEA', () => {
    expect(run(hosting({ processingCountries: ['GB'] }))).toEqual([]);
    expect(run(hosting({ processingCountries: ['FR'] }))).toEqual([]);
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
    expect(findings).toHaveLength(1);
    expect(findings[0].subject).toEqual({ type: 'treatment', id: 'a', name: 'Dossier patient' });
    expect(findings[0].evidence).toEqual({
      recipient: 'Labo',
      country: 'IN',
      countryName: 'Inde',
      safeguard: UNSPECIFIED,
    });
    expect(findings[0].message.en).toContain('Labo (IN): "standard contractual clauses"');
  });
});

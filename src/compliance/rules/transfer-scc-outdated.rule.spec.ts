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
      safeguard: { kind: 'scc-2010', signedOn: '2020-05-01' },
      dpfCertified: null,
      treatments: ['t'],
      source: null,
      contractsBefore: '2021-09-27',
      invalidAfter: '2022-12-27',
    });
    expect(f.message.en).toBe(
      'Cloud Host (US): the transfer relies on repealed SCC (scc-2010), no longer valid on 2022-12-28.',
    );
    expect(f.reference.en).toBe('Decision (EU) 2021/914, Art. 4(3) and 4(4)');
    expect(f.remediation.en).toContain('SCC 2021/914');
  });

  it('reports repealed SCC signed after 27 Sept 2021 even during the transition', () => {
    const findings = run(hosting({ kind: 'scc-2010', signedOn: '2021-09-28' }), { asOf: '2022-06-01' });
    expect(findings).toHaveLength(1);
    expect(findings[0].evidence).toMatchObject({ safeguard: { signedOn: '2021-09-28' } });
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

  it.each(['scc-2001', 'scc-2004', 'scc-2010'] as const)('reports %s in 2026', (kind) => {
    const findings = run(hosting({ kind, signedOn: '2015-01-01' }));
    expect(findings).toHaveLength(1);
    expect(findings[0].message.en).toContain(`repealed SCC (${kind})`);
  });

  it('reports nothing for SCC 2021/914 or a transfer with no safeguard', () => {
    expect(run(hosting({ kind: 'scc-2021', sccModule: 'C2P', signedOn: '2022-01-10' }))).toEqual([]);
    expect(run({ key: 'e-host', provider: 'host', processingCountries: ['US'] })).toEqual([]);
  });

  it('reports nothing when an adequacy decision covers the country anyway', () => {
    expect(run(hosting(OLD, { processingCountries: ['JP'] }))).toEqual([]);
    expect(run(hosting(OLD), { dpfCertified: true })).toEqual([]);
  });

  it('reports nothing for processing inside the EEA', () => {
    expect(run(hosting(OLD, { processingCountries: ['FR'] }))).toEqual([]);
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
      'Labo (IN): the transfer relies on repealed SCC (scc-2010), no longer valid on 2026-06-01.',
    );
  });
});

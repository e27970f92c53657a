import type { CreateEngagementDto } from '../../subcontractors/engagement.dto';
import type { CreateSubcontractorDto } from '../../subcontractors/subcontractor.dto';
import type { SafeguardDto } from '../../transfers/safeguard.dto';
import { SnapshotIndex } from '../../snapshot/snapshot-index';
import { l } from '../finding';
import { healthTreatment, makeSnapshot, SnapshotParts } from '../testing';
import type { Rule } from './rule';
import {
  destination,
  destinationCode,
  repealedSccInvalid,
  TransferCase,
  transferCases,
  transferFindings,
  WORLDWIDE,
} from './transfers';

const HOST: CreateSubcontractorDto = { key: 'host', name: 'Cloud Host' };
const ENGAGEMENT_SUBJECT = { type: 'engagement', id: 'e-host', name: 'Cloud Host' };
const DPF_DECISION = '(EU) 2023/1795 (EU–US Data Privacy Framework)';

const engagement = (overrides: Partial<CreateEngagementDto> = {}): CreateEngagementDto => ({
  key: 'e-host',
  provider: 'host',
  ...overrides,
});

/** The cases of one engagement of HOST (or the subcontractor given) that the health treatment relies on. */
function casesOf(
  e: CreateEngagementDto,
  options: { asOf?: string; subcontractor?: CreateSubcontractorDto; parts?: SnapshotParts } = {},
): readonly TransferCase[] {
  return cases({
    asOf: options.asOf,
    subcontractors: [options.subcontractor ?? HOST],
    engagements: [e],
    treatments: [healthTreatment({ uses: [{ engagement: e.key }] })],
    ...options.parts,
  });
}

function cases(parts: SnapshotParts): readonly TransferCase[] {
  return transferCases(new SnapshotIndex(makeSnapshot({ asOf: '2026-06-01', ...parts })));
}

/** The evidence of an engagement case with nothing but the country changed. */
const engagementEvidence = (country: string, countryName: string | null, extra: Record<string, unknown> = {}) => ({
  provider: 'Cloud Host',
  country,
  countryName,
  via: 'processing',
  safeguards: [],
  dpfCertified: null,
  treatments: ['t'],
  source: null,
  ...extra,
});

describe('transferCases — countries an engagement processes in or accesses from', () => {
  it('makes one case per country outside the EEA, processing first, a country in both lists once as processing', () => {
    const found = casesOf(engagement({ processingCountries: ['IN', 'FR'], accessCountries: ['US', 'IN', 'DE'] }));
    expect(found).toEqual([
      {
        subject: ENGAGEMENT_SUBJECT,
        country: 'IN',
        detail: 'IN',
        via: 'processing',
        recipient: 'Cloud Host',
        verdict: 'missing',
        safeguard: undefined,
        dpfCountry: false,
        evidence: engagementEvidence('IN', 'Inde'),
      },
      {
        subject: ENGAGEMENT_SUBJECT,
        country: 'US',
        detail: 'US',
        via: 'access',
        recipient: 'Cloud Host',
        verdict: 'missing',
        safeguard: undefined,
        dpfCountry: true,
        evidence: engagementEvidence('US', "États-Unis d'Amérique", { via: 'access' }),
      },
    ]);
    expect(Object.keys(found[0])).not.toContain('ground');
  });

  it('makes no case for an engagement inside the EEA, or one with no country at all', () => {
    expect(casesOf(engagement({ processingCountries: ['FR', 'NO'], accessCountries: ['DE'] }))).toEqual([]);
    expect(casesOf(engagement())).toEqual([]);
  });

  it('reports access from a third country alone, with no processing country recorded', () => {
    const found = casesOf(engagement({ accessCountries: ['IN'] }));
    expect(found.map((c) => [c.country, c.via, c.verdict])).toEqual([['IN', 'access', 'missing']]);
  });

  it('adds access from anywhere, with its exceptions (none when not recorded)', () => {
    const [worldwide] = casesOf(
      engagement({ processingCountries: ['FR'], accessWorldwide: true, accessExceptCountries: ['CN'] }),
    );
    expect(worldwide).toEqual({
      subject: ENGAGEMENT_SUBJECT,
      country: WORLDWIDE,
      detail: 'worldwide',
      via: 'access',
      recipient: 'Cloud Host',
      verdict: 'missing',
      safeguard: undefined,
      dpfCountry: false,
      evidence: engagementEvidence('worldwide', null, { via: 'access', exceptCountries: ['CN'] }),
    });
    const [plain] = casesOf(engagement({ accessWorldwide: true }));
    expect(plain.evidence).toEqual(engagementEvidence('worldwide', null, { via: 'access', exceptCountries: [] }));
    expect(casesOf(engagement({ processingCountries: ['FR'], accessWorldwide: false }))).toEqual([]);
  });

  it('has no exceptCountries in the evidence of a named country', () => {
    const [c] = casesOf(engagement({ processingCountries: ['IN'], accessExceptCountries: ['CN'] }));
    expect(c.evidence).not.toHaveProperty('exceptCountries');
  });

  it('names a provider missing from the register by its key', () => {
    const found = cases({
      engagements: [engagement({ provider: 'ghost', processingCountries: ['US'] })],
      treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ recipient: 'ghost', verdict: 'missing', dpfCountry: true });
    expect(found[0].evidence).toMatchObject({ provider: 'ghost', dpfCertified: null });
  });

  it('lists the treatments relying on the engagement, none when no treatment does', () => {
    const found = cases({
      subcontractors: [HOST],
      engagements: [engagement({ processingCountries: ['IN'] })],
    });
    expect(found.map((c) => c.evidence.treatments)).toEqual([[]]);
  });

  it('computes the cases once per evaluation', () => {
    const ctx = new SnapshotIndex(
      makeSnapshot({ subcontractors: [HOST], engagements: [engagement({ processingCountries: ['IN'] })] }),
    );
    const first = transferCases(ctx);
    expect(first).toHaveLength(1);
    expect(transferCases(ctx)).toBe(first);
  });
});

describe('transferCases — the verdict on one destination', () => {
  it('covers a fully adequate country on its decision, standing on no safeguard', () => {
    const [jp] = casesOf(engagement({ processingCountries: ['JP'], transferSafeguards: [{ kind: 'none' }] }));
    expect(jp).toMatchObject({ verdict: 'covered', ground: 'adequacy (EU) 2019/419', dpfCountry: false });
    expect(jp.safeguard).toBeUndefined();
  });

  it('does not treat Canada (partial adequacy) as a DPF country', () => {
    const [ca] = casesOf(engagement({ processingCountries: ['CA'] }));
    expect(ca).toMatchObject({ verdict: 'covered', ground: 'adequacy 2002/2/EC', dpfCountry: false });
  });

  it('covers the US for a DPF-certified provider, with no safeguard', () => {
    const [us] = casesOf(engagement({ processingCountries: ['US'] }), {
      subcontractor: { ...HOST, dpfCertified: true },
    });
    expect(us).toMatchObject({ verdict: 'covered', ground: `DPF ${DPF_DECISION}`, dpfCountry: false });
    expect(us.safeguard).toBeUndefined();
    expect(us.evidence.dpfCertified).toBe(true);
  });

  it('covers the US on a DPF safeguard, which the case stands on, whatever else applies', () => {
    const dpf: SafeguardDto = { kind: 'dpf', source: { document: 'DPA', section: '12' } };
    const [us] = casesOf(engagement({ processingCountries: ['US'], transferSafeguards: [{ kind: 'none' }, dpf] }), {
      subcontractor: { ...HOST, dpfCertified: false },
    });
    expect(us).toMatchObject({ verdict: 'covered', ground: `DPF ${DPF_DECISION}`, safeguard: dpf });
    expect(us.dpfCountry).toBe(false);
    expect(us.evidence).toMatchObject({ dpfCertified: false, source: { document: 'DPA', section: '12' } });
  });

  it('does not cover the US before the DPF decision, and then the US is no DPF country', () => {
    const [us] = casesOf(engagement({ processingCountries: ['US'] }), {
      asOf: '2023-07-09',
      subcontractor: { ...HOST, dpfCertified: true },
    });
    expect(us).toMatchObject({ verdict: 'missing', dpfCountry: false });
  });

  it('does not cover a country without adequacy on a DPF claim or certification', () => {
    const [india] = casesOf(engagement({ processingCountries: ['IN'], transferSafeguards: [{ kind: 'dpf' }] }), {
      subcontractor: { ...HOST, dpfCertified: true },
    });
    expect(india).toMatchObject({ verdict: 'missing', safeguard: { kind: 'dpf' }, dpfCountry: false });
  });

  it.each([
    [{ kind: 'scc-2021', sccModule: 'C2P' }, 'scc-2021'],
    [{ kind: 'bcr' }, 'bcr'],
    [{ kind: 'derogation', details: 'art. 49(1)(b)' }, 'art. 49'],
    [{ kind: 'scc-2010', signedOn: '2020-01-01' }, 'scc-2010 (transition)'],
    [{ kind: 'scc-2004' }, 'scc-2004 (transition)'],
    [{ kind: 'scc-2001', signedOn: '2021-09-26' }, 'scc-2001 (transition)'],
  ] as [SafeguardDto, string][])('covers a transfer standing on %j, on the ground %s', (safeguard, ground) => {
    const [c] = casesOf(engagement({ processingCountries: ['IN'], transferSafeguards: [safeguard] }), {
      asOf: '2022-06-01',
    });
    expect(c).toMatchObject({ verdict: 'covered', ground, safeguard, dpfCountry: false });
  });

  it('reports an undocumented derogation, a recorded "none" and an unsupported adequacy claim as missing', () => {
    for (const kind of ['derogation', 'none', 'adequacy'] as const) {
      const [c] = casesOf(engagement({ processingCountries: ['IN'], transferSafeguards: [{ kind }] }));
      expect(c).toMatchObject({ verdict: 'missing', safeguard: { kind } });
      expect(c.ground).toBeUndefined();
    }
  });

  it('gives unversioned SCC the version-unknown verdict, and repealed SCC past the transition outdated', () => {
    const [unknown] = casesOf(
      engagement({ processingCountries: ['IN'], transferSafeguards: [{ kind: 'scc-unspecified' }] }),
    );
    expect(unknown).toMatchObject({ verdict: 'version-unknown', safeguard: { kind: 'scc-unspecified' } });
    expect(unknown.ground).toBeUndefined();
    const [outdated] = casesOf(
      engagement({ processingCountries: ['IN'], transferSafeguards: [{ kind: 'scc-2010', signedOn: '2020-01-01' }] }),
    );
    expect(outdated).toMatchObject({ verdict: 'outdated', safeguard: { kind: 'scc-2010' } });
    expect(outdated.ground).toBeUndefined();
  });

  it('stands on the first of the safeguards that are equally good, the first applicable one when none is', () => {
    const first: SafeguardDto = { kind: 'scc-2021', details: 'first' };
    const second: SafeguardDto = { kind: 'bcr', details: 'second' };
    const [covered] = casesOf(engagement({ processingCountries: ['IN'], transferSafeguards: [first, second] }));
    expect(covered).toMatchObject({ verdict: 'covered', ground: 'scc-2021', safeguard: first });
    const none: SafeguardDto = { kind: 'none', details: 'a' };
    const derogation: SafeguardDto = { kind: 'derogation' };
    const [missing] = casesOf(
      engagement({
        processingCountries: ['IN'],
        transferSafeguards: [{ kind: 'none', countries: ['CN'] }, none, derogation],
      }),
    );
    expect(missing).toMatchObject({ verdict: 'missing', safeguard: none });
  });

  it('ranks covered over version-unknown over outdated over missing, whatever the order', () => {
    const verdictOf = (transferSafeguards: SafeguardDto[]) =>
      casesOf(engagement({ processingCountries: ['IN'], transferSafeguards }))[0];
    const outdated: SafeguardDto = { kind: 'scc-2010', signedOn: '2019-01-01' };
    const unknown: SafeguardDto = { kind: 'scc-unspecified' };
    expect(verdictOf([{ kind: 'none' }, outdated])).toMatchObject({ verdict: 'outdated', safeguard: outdated });
    expect(verdictOf([outdated, unknown])).toMatchObject({ verdict: 'version-unknown', safeguard: unknown });
    expect(verdictOf([unknown, outdated])).toMatchObject({ verdict: 'version-unknown', safeguard: unknown });
    expect(verdictOf([unknown, { kind: 'bcr' }])).toMatchObject({ verdict: 'covered', ground: 'bcr' });
  });

  it('applies a safeguard naming countries only to them, one naming none (or an empty list) to every country', () => {
    const scc: SafeguardDto = { kind: 'scc-2021', countries: ['IN'] };
    const found = casesOf(
      engagement({ processingCountries: ['IN', 'CN'], accessWorldwide: true, transferSafeguards: [scc] }),
    );
    expect(found.map((c) => [c.country, c.verdict, c.safeguard])).toEqual([
      ['IN', 'covered', scc],
      ['CN', 'missing', undefined],
      ['worldwide', 'missing', undefined],
    ]);
    const everywhere: SafeguardDto = { kind: 'bcr', countries: [] };
    const all = casesOf(
      engagement({ processingCountries: ['IN', 'CN'], accessWorldwide: true, transferSafeguards: [everywhere] }),
    );
    expect(all.map((c) => [c.country, c.verdict])).toEqual([
      ['IN', 'covered'],
      ['CN', 'covered'],
      ['worldwide', 'covered'],
    ]);
  });

  it('takes the source of the safeguard stood on, else the engagement’s, else none', () => {
    const safeguardSource = { document: 'DPA', section: '9' };
    const engagementSource = { document: 'Contrat', section: '2' };
    const sourceOf = (e: Partial<CreateEngagementDto>) =>
      casesOf(engagement({ processingCountries: ['IN'], ...e }))[0].evidence.source;
    expect(
      sourceOf({ source: engagementSource, transferSafeguards: [{ kind: 'bcr', source: safeguardSource }] }),
    ).toEqual(safeguardSource);
    expect(sourceOf({ source: engagementSource, transferSafeguards: [{ kind: 'bcr' }] })).toEqual(engagementSource);
    expect(sourceOf({ source: engagementSource })).toEqual(engagementSource);
    expect(sourceOf({ transferSafeguards: [{ kind: 'bcr' }] })).toBeNull();
  });
});

describe('transferCases — safeguards stated on their own', () => {
  const UNSPECIFIED: SafeguardDto = { kind: 'scc-unspecified', details: 'Clauses contractuelles types' };
  const OLD: SafeguardDto = { kind: 'scc-2010', signedOn: '2020-01-01' };

  it('states unversioned SCC with no third country recorded', () => {
    const found = casesOf(
      engagement({ processingCountries: ['FR'], accessCountries: ['FR', 'DE'], transferSafeguards: [UNSPECIFIED] }),
    );
    expect(found).toEqual([
      {
        subject: ENGAGEMENT_SUBJECT,
        country: '',
        detail: 'scc-unspecified',
        via: 'stated',
        recipient: 'Cloud Host',
        safeguard: UNSPECIFIED,
        verdict: 'version-unknown',
        dpfCountry: false,
        evidence: {
          provider: 'Cloud Host',
          safeguard: UNSPECIFIED,
          countries: ['FR', 'DE'],
          transfersCoveredOtherwise: [],
          treatments: ['t'],
          source: null,
        },
      },
    ]);
  });

  it('states them with no country at all, and takes the source of the safeguard, else the engagement’s', () => {
    const own = { document: 'DPA', section: 'Annexe 3' };
    const contract = { document: 'Contrat' };
    const [a] = casesOf(engagement({ source: contract, transferSafeguards: [{ ...UNSPECIFIED, source: own }] }));
    expect(a.evidence).toMatchObject({ countries: [], source: own });
    const [b] = casesOf(engagement({ source: contract, transferSafeguards: [UNSPECIFIED] }));
    expect(b.evidence.source).toEqual(contract);
  });

  it('states repealed SCC past the transition as outdated, not during it, and never SCC 2021/914', () => {
    const [old] = casesOf(engagement({ transferSafeguards: [OLD] }));
    expect(old).toMatchObject({ country: '', detail: 'scc-2010', via: 'stated', verdict: 'outdated', safeguard: OLD });
    expect(casesOf(engagement({ transferSafeguards: [OLD] }), { asOf: '2022-12-27' })).toEqual([]);
    expect(
      casesOf(engagement({ transferSafeguards: [{ kind: 'scc-2010', signedOn: '2021-09-27' }] }), {
        asOf: '2022-06-01',
      }).map((c) => [c.detail, c.verdict]),
    ).toEqual([['scc-2010', 'outdated']]);
    expect(
      casesOf(engagement({ transferSafeguards: [{ kind: 'scc-2021' }, { kind: 'bcr' }, { kind: 'none' }] })),
    ).toEqual([]);
  });

  it('does not state a safeguard a transfer already stands on with the same verdict', () => {
    expect(
      casesOf(engagement({ processingCountries: ['IN'], transferSafeguards: [UNSPECIFIED] })).map((c) => c.via),
    ).toEqual(['processing']);
    const found = casesOf(engagement({ processingCountries: ['IN'], transferSafeguards: [UNSPECIFIED, OLD] }));
    expect(found.map((c) => [c.detail, c.verdict])).toEqual([
      ['IN', 'version-unknown'],
      ['scc-2010', 'outdated'],
    ]);
  });

  it('states each of several kinds an engagement names with no third country', () => {
    const found = casesOf(engagement({ processingCountries: ['FR'], transferSafeguards: [UNSPECIFIED, OLD] }));
    expect(found.map((c) => [c.detail, c.verdict, c.safeguard])).toEqual([
      ['scc-unspecified', 'version-unknown', UNSPECIFIED],
      ['scc-2010', 'outdated', OLD],
    ]);
  });

  it('states each kind once, and lists only the transfers covered otherwise', () => {
    const found = casesOf(
      engagement({
        processingCountries: ['JP', 'IN'],
        transferSafeguards: [
          { ...UNSPECIFIED, countries: ['CN'] },
          { ...UNSPECIFIED, details: 'again' },
          { ...OLD, countries: ['CN'] },
        ],
      }),
    );
    expect(found.map((c) => [c.detail, c.verdict])).toEqual([
      ['JP', 'covered'],
      ['IN', 'version-unknown'],
      ['scc-2010', 'outdated'],
    ]);
    const alone = casesOf(
      engagement({
        processingCountries: ['JP', 'IN'],
        transferSafeguards: [
          { ...UNSPECIFIED, countries: ['CN'] },
          { ...UNSPECIFIED, details: 'again', countries: ['CN'] },
        ],
      }),
    );
    expect(alone.map((c) => [c.detail, c.verdict])).toEqual([
      ['JP', 'covered'],
      ['IN', 'missing'],
      ['scc-unspecified', 'version-unknown'],
    ]);
    expect(alone[2].safeguard).toEqual({ ...UNSPECIFIED, countries: ['CN'] });
    expect(alone[2].evidence).toMatchObject({ countries: ['JP', 'IN'], transfersCoveredOtherwise: ['JP'] });
  });

  it('states them per engagement, after that engagement’s own transfers', () => {
    const found = cases({
      subcontractors: [HOST, { key: 'mail', name: 'Mailer' }],
      engagements: [
        engagement({ processingCountries: ['FR'], transferSafeguards: [UNSPECIFIED] }),
        { key: 'e-mail', provider: 'mail', processingCountries: ['IN'] },
      ],
    });
    expect(found.map((c) => [c.subject.id, c.detail])).toEqual([
      ['e-host', 'scc-unspecified'],
      ['e-mail', 'IN'],
    ]);
  });
});

describe('transferCases — clauses a subcontractor’s guarantees claim', () => {
  const claim = (
    guarantees: CreateSubcontractorDto['guarantees'],
    engagements: CreateEngagementDto[] = [engagement({ processingCountries: ['FR'] })],
    extra: Partial<CreateSubcontractorDto> = {},
  ) =>
    cases({
      subcontractors: [{ ...HOST, guarantees, ...extra }],
      engagements,
      treatments: [healthTreatment({ uses: [{ engagement: 'e-host' }] })],
    });

  it('reads unversioned clauses from the words, on the subcontractor', () => {
    expect(claim([{ kind: 'scc', text: 'Clauses contractuelles types' }])).toEqual([
      {
        subject: { type: 'subcontractor', id: 'host', name: 'Cloud Host' },
        country: '',
        detail: 'scc-unspecified',
        via: 'stated',
        recipient: 'Cloud Host',
        verdict: 'version-unknown',
        dpfCountry: false,
        evidence: {
          provider: 'Cloud Host',
          claim: 'Clauses contractuelles types',
          readAs: 'scc-unspecified',
          treatments: ['t'],
          source: null,
        },
      },
    ]);
  });

  it('reads repealed clauses, each kind once, and takes the source of the guarantee, else the subcontractor’s', () => {
    const own = { document: 'Annexe', section: '4' };
    const found = claim(
      [
        { kind: 'scc', text: 'SCC 2010/87', source: own },
        { kind: 'scc', text: 'Clauses de 2010' },
        { kind: 'scc', text: 'Clauses contractuelles types' },
        { kind: 'dpf', text: 'Clauses contractuelles types' },
      ],
      undefined,
      { source: { document: 'Fiche' } },
    );
    expect(found.map((c) => [c.detail, c.verdict, c.evidence.claim, c.evidence.source])).toEqual([
      ['scc-2010', 'outdated', 'SCC 2010/87', own],
      ['scc-unspecified', 'version-unknown', 'Clauses contractuelles types', { document: 'Fiche' }],
    ]);
  });

  it('keeps repealed clauses claimed with no date during the transition, and SCC 2021/914', () => {
    expect(
      cases({
        asOf: '2022-06-01',
        subcontractors: [{ ...HOST, guarantees: [{ kind: 'scc', text: 'SCC 2010/87' }] }],
        engagements: [engagement()],
      }),
    ).toEqual([]);
    expect(claim([{ kind: 'scc', text: 'SCC 2021/914' }])).toEqual([]);
  });

  it('reads only guarantees of the scc kind', () => {
    expect(claim([{ kind: 'dpf', text: 'Clauses contractuelles types' }])).toEqual([]);
  });

  it('ignores a subcontractor with no engagement', () => {
    expect(claim([{ kind: 'scc', text: 'Clauses contractuelles types' }], [])).toEqual([]);
  });

  it('leaves the claim to the safeguard an engagement of the subcontractor records as SCC', () => {
    const text = 'Clauses contractuelles types';
    const withSafeguards = (transferSafeguards: SafeguardDto[]) =>
      claim([{ kind: 'scc', text }], [engagement({ transferSafeguards }), { key: 'e-2', provider: 'host' }]);
    expect(withSafeguards([{ kind: 'bcr' }, { kind: 'scc-2021' }])).toEqual([]);
    expect(withSafeguards([{ kind: 'bcr' }, { kind: 'dpf' }]).map((c) => [c.subject.type, c.detail])).toEqual([
      ['subcontractor', 'scc-unspecified'],
    ]);
  });

  it('lists the treatments relying on any engagement of the subcontractor', () => {
    const found = cases({
      subcontractors: [{ ...HOST, guarantees: [{ kind: 'scc', text: 'Clauses contractuelles types' }] }],
      engagements: [engagement(), { key: 'e-2', provider: 'host' }],
      treatments: [
        healthTreatment({ key: 'a', uses: [{ engagement: 'e-host' }] }),
        healthTreatment({ key: 'b', uses: [{ engagement: 'e-2' }] }),
      ],
    });
    expect(found.map((c) => c.evidence.treatments)).toEqual([['a', 'b']]);
  });
});

describe('transferCases — transfers a treatment declares', () => {
  const declaring = (transfers: unknown[], extra: Record<string, unknown> = {}) =>
    cases({ treatments: [healthTreatment({ transfers, ...extra })] });

  it('makes a case per declared transfer outside the EEA, judged with no DPF certification', () => {
    const scc: SafeguardDto = { kind: 'scc-2021', sccModule: 'C2C' };
    const found = declaring([
      { country: 'US', recipient: 'Laboratoire' },
      { country: 'DE', recipient: 'Labo allemand' },
      { country: 'IN', recipient: 'Labo indien', safeguard: scc },
    ]);
    expect(found).toEqual([
      {
        subject: { type: 'treatment', id: 't', name: 'Dossier patient' },
        country: 'US',
        detail: 'US',
        via: 'declared',
        recipient: 'Laboratoire',
        verdict: 'missing',
        safeguard: undefined,
        dpfCountry: true,
        evidence: { recipient: 'Laboratoire', country: 'US', countryName: "États-Unis d'Amérique", safeguard: null },
      },
      {
        subject: { type: 'treatment', id: 't', name: 'Dossier patient' },
        country: 'IN',
        detail: 'IN',
        via: 'declared',
        recipient: 'Labo indien',
        verdict: 'covered',
        ground: 'scc-2021',
        safeguard: scc,
        dpfCountry: false,
        evidence: { recipient: 'Labo indien', country: 'IN', countryName: 'Inde', safeguard: scc },
      },
    ]);
  });

  it('ignores a treatment with no transfers and a retired treatment', () => {
    expect(cases({ treatments: [healthTreatment()] })).toEqual([]);
    expect(declaring([{ country: 'US', recipient: 'Labo' }], { status: 'retired' })).toEqual([]);
  });

  it('comes after the engagements’ cases and the claimed clauses', () => {
    const found = cases({
      subcontractors: [{ ...HOST, guarantees: [{ kind: 'scc', text: 'Clauses contractuelles types' }] }],
      engagements: [engagement({ processingCountries: ['IN'] })],
      treatments: [healthTreatment({ transfers: [{ country: 'CN', recipient: 'Labo' }] })],
    });
    expect(found.map((c) => [c.via, c.detail])).toEqual([
      ['processing', 'IN'],
      ['stated', 'scc-unspecified'],
      ['declared', 'CN'],
    ]);
  });
});

describe('repealedSccInvalid', () => {
  it('holds repealed SCC invalid after 27 Dec 2022, whenever signed', () => {
    expect(repealedSccInvalid('2022-12-27', undefined)).toBe(false);
    expect(repealedSccInvalid('2022-12-27', '2020-01-01')).toBe(false);
    expect(repealedSccInvalid('2022-12-28', undefined)).toBe(true);
    expect(repealedSccInvalid('2022-12-28', '2020-01-01')).toBe(true);
  });

  it('holds them invalid during the transition when signed on or after 27 Sept 2021', () => {
    expect(repealedSccInvalid('2022-06-01', '2021-09-26')).toBe(false);
    expect(repealedSccInvalid('2022-06-01', '2021-09-27')).toBe(true);
    expect(repealedSccInvalid('2022-06-01', '2021-09-28')).toBe(true);
  });
});

describe('destination and destinationCode', () => {
  const at = (country: string) => ({ country }) as TransferCase;

  it('names access from anywhere in words', () => {
    expect(destinationCode(at(WORLDWIDE), 'fr')).toBe("n'importe quel pays");
    expect(destinationCode(at(WORLDWIDE), 'en')).toBe('any country');
    expect(destination(at(WORLDWIDE), 'fr')).toBe("n'importe quel pays");
    expect(destination(at(WORLDWIDE), 'en')).toBe('any country');
  });

  it('gives a country its code, or its name in the language and its code', () => {
    expect(destinationCode(at('IN'), 'fr')).toBe('IN');
    expect(destinationCode(at('IN'), 'en')).toBe('IN');
    expect(destination(at('IN'), 'fr')).toBe('Inde (IN)');
    expect(destination(at('IN'), 'en')).toBe('India (IN)');
  });
});

describe('transferFindings', () => {
  const RULE: Rule = {
    id: 'transfer.test',
    severity: 'warning',
    title: l('Titre', 'Title'),
    reference: l('Référence de la règle', 'Rule reference'),
    description: l('Description', 'Description'),
    evaluate: () => [],
  };
  const ctx = () =>
    new SnapshotIndex(
      makeSnapshot({
        subcontractors: [HOST],
        engagements: [
          engagement({
            processingCountries: ['IN', 'JP', 'CN'],
            transferSafeguards: [{ kind: 'bcr', countries: ['CN'] }],
          }),
        ],
      }),
    );

  it('makes one finding per case of the verdict, with the rule’s reference and the case’s evidence by default', () => {
    const findings = transferFindings(ctx(), RULE, 'missing', (c) => ({
      message: l(`fr ${c.country}`, `en ${c.country}`),
      remediation: l('Corriger', 'Fix'),
    }));
    expect(findings).toEqual([
      {
        ruleId: 'transfer.test',
        severity: 'warning',
        subject: ENGAGEMENT_SUBJECT,
        detail: 'IN',
        message: { fr: 'fr IN', en: 'en IN' },
        reference: { fr: 'Référence de la règle', en: 'Rule reference' },
        evidence: {
          provider: 'Cloud Host',
          country: 'IN',
          countryName: 'Inde',
          via: 'processing',
          safeguards: [{ kind: 'bcr', countries: ['CN'] }],
          dpfCertified: null,
          treatments: [],
          source: null,
        },
        remediation: { fr: 'Corriger', en: 'Fix' },
      },
    ]);
  });

  it('takes the reference and evidence the text gives', () => {
    const findings = transferFindings(ctx(), RULE, 'covered', (c) => ({
      message: l('m', 'm'),
      remediation: l('r', 'r'),
      reference: l('Autre', 'Other'),
      evidence: { only: c.country },
    }));
    expect(findings.map((f) => [f.detail, f.reference.en, f.evidence])).toEqual([
      ['JP', 'Other', { only: 'JP' }],
      ['CN', 'Other', { only: 'CN' }],
    ]);
  });
});

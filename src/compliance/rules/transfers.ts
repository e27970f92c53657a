import { countryName, isEea } from '../../reference/countries';
import { adequacyOn, isRepealedScc, REFERENCE, sccKindFromText } from '../../reference/reference-data';
import type { SafeguardKind } from '../../reference/vocabulary';
import type { SafeguardDto } from '../../transfers/safeguard.dto';
import type { FindingSubject, Localized, RuleFinding } from '../finding';
import type { Rule } from './rule';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { DeepReadonly, Engagement } from '../../snapshot/snapshot';

export type TransferVerdict = 'covered' | 'missing' | 'outdated' | 'version-unknown';
export type Safeguard = DeepReadonly<SafeguardDto>;

/** The destination of a provider that may access the data from any country. */
export const WORLDWIDE = 'worldwide';

/** One flow of data to a country outside the EEA, and what the register says covers it. */
export interface TransferCase {
  subject: FindingSubject;
  /** ISO code, WORLDWIDE, or '' for a safeguard judged on its own (no third country recorded). */
  country: string;
  /** What distinguishes the finding on its subject: the country, or the safeguard's kind when stated alone. */
  detail: string;
  via: 'processing' | 'access' | 'declared' | 'stated';
  recipient: string;
  /** The safeguard the verdict stands on (the best of those that apply). */
  safeguard?: Safeguard;
  verdict: TransferVerdict;
  ground?: string;
  /** The destination's only adequacy is the DPF, which this recipient does not use (the US). */
  dpfCountry: boolean;
  evidence: Record<string, unknown>;
}

const VERDICT_RANK: Record<TransferVerdict, number> = { covered: 0, 'version-unknown': 1, outdated: 2, missing: 3 };

/**
 * Every transfer outside the EEA the register shows — countries where an engagement's provider processes
 * or accesses data (an allow-list, or "from anywhere" with exceptions), and transfers a treatment declares
 * — and every safeguard a contract or a claim states that is no safeguard on its own (repealed SCC, SCC
 * with no version), whether or not a third country is recorded (LEGAL.md §2). Computed once per
 * evaluation and shared by the transfer rules.
 */
export function transferCases(ctx: SnapshotIndex): readonly TransferCase[] {
  return ctx.memo('transfers', () => {
    const cases: TransferCase[] = [];
    for (const e of ctx.engagements) {
      const processing = new Set(e.processingCountries ?? []);
      const countries = new Set([...processing, ...(e.accessCountries ?? [])]);
      const own: TransferCase[] = [];
      for (const country of countries) {
        if (isEea(country)) continue;
        own.push(engagementCase(ctx, e, country, processing.has(country) ? 'processing' : 'access'));
      }
      if (e.accessWorldwide) own.push(engagementCase(ctx, e, WORLDWIDE, 'access'));
      cases.push(...own, ...statedCases(ctx, e, own));
    }
    cases.push(...claimedCases(ctx));
    for (const t of ctx.inUse) {
      for (const transfer of t.transfers ?? []) {
        if (isEea(transfer.country)) continue;
        const safeguards = transfer.safeguard ? [transfer.safeguard] : [];
        const judged = judge(ctx, transfer.country, safeguards, false);
        cases.push({
          subject: ctx.subjectOfTreatment(t),
          country: transfer.country,
          detail: transfer.country,
          via: 'declared',
          recipient: transfer.recipient,
          ...judged,
          evidence: {
            recipient: transfer.recipient,
            country: transfer.country,
            countryName: countryName(transfer.country),
            safeguard: transfer.safeguard ?? null,
          },
        });
      }
    }
    return cases;
  });
}

function engagementCase(
  ctx: SnapshotIndex,
  e: Engagement,
  country: string,
  via: 'processing' | 'access',
): TransferCase {
  const provider = ctx.subcontractor(e.provider);
  const safeguards = e.transferSafeguards ?? [];
  const judged = judge(ctx, country, safeguards, provider?.dpfCertified === true);
  return {
    subject: ctx.subjectOfEngagement(e),
    country,
    detail: country,
    via,
    recipient: provider?.name ?? e.provider,
    ...judged,
    evidence: {
      provider: provider?.name ?? e.provider,
      country,
      countryName: country === WORLDWIDE ? null : countryName(country),
      via,
      ...(country === WORLDWIDE ? { exceptCountries: e.accessExceptCountries ?? [] } : {}),
      safeguards,
      dpfCertified: provider?.dpfCertified ?? null,
      treatments: treatmentKeys(ctx.treatmentsRelyingOn(e.key)),
      source: judged.safeguard?.source ?? e.source ?? null,
    },
  };
}

/** A repealed or unversioned SCC an engagement states, when no transfer of it is already judged on it. */
function statedCases(ctx: SnapshotIndex, e: Engagement, judged: readonly TransferCase[]): TransferCase[] {
  const out: TransferCase[] = [];
  for (const s of e.transferSafeguards ?? []) {
    const verdict = statedVerdict(ctx, s.kind, s.signedOn);
    if (!verdict || judged.some((c) => c.verdict === verdict) || out.some((c) => c.detail === s.kind)) continue;
    const provider = ctx.subcontractorName(e.provider);
    out.push({
      subject: ctx.subjectOfEngagement(e),
      country: '',
      detail: s.kind,
      via: 'stated',
      recipient: provider,
      safeguard: s,
      verdict,
      dpfCountry: false,
      evidence: {
        provider,
        safeguard: s,
        countries: [...new Set([...(e.processingCountries ?? []), ...(e.accessCountries ?? [])])],
        transfersCoveredOtherwise: judged.filter((c) => c.verdict === 'covered').map((c) => c.country),
        treatments: treatmentKeys(ctx.treatmentsRelyingOn(e.key)),
        source: s.source ?? e.source ?? null,
      },
    });
  }
  return out;
}

/**
 * "Clauses contractuelles types" a document claims for a subcontractor (its guarantees) that no engagement
 * records as a safeguard yet: read from the words (a decision number or year), judged on their own.
 */
function claimedCases(ctx: SnapshotIndex): TransferCase[] {
  const out: TransferCase[] = [];
  for (const s of ctx.snapshot.subcontractors) {
    const engagements = ctx.engagementsOf(s.key);
    if (!engagements.length) continue;
    if (engagements.some((e) => (e.transferSafeguards ?? []).some((g) => g.kind.startsWith('scc')))) continue;
    const seen = new Set<string>();
    for (const g of s.guarantees ?? []) {
      if (g.kind !== 'scc') continue;
      const kind = sccKindFromText(g.text);
      const verdict = statedVerdict(ctx, kind, undefined);
      if (!verdict || seen.has(kind)) continue;
      seen.add(kind);
      out.push({
        subject: ctx.subjectOfSubcontractor(s),
        country: '',
        detail: kind,
        via: 'stated',
        recipient: s.name,
        verdict,
        dpfCountry: false,
        evidence: {
          provider: s.name,
          claim: g.text,
          readAs: kind,
          treatments: treatmentKeys(ctx.treatmentsRelyingOnSubcontractor(s.key)),
          source: g.source ?? s.source ?? null,
        },
      });
    }
  }
  return out;
}

/** A safeguard that is no safeguard on its own: repealed SCC past their end, or SCC with no version. */
function statedVerdict(ctx: SnapshotIndex, kind: SafeguardKind, signedOn: string | undefined) {
  if (kind === 'scc-unspecified') return 'version-unknown' as const;
  if (isRepealedScc(kind) && repealedSccInvalid(ctx.asOf, signedOn)) return 'outdated' as const;
  return undefined;
}

/** GDPR ch. V on one destination and the safeguards that apply to it, as of the snapshot's date. */
function judge(
  ctx: SnapshotIndex,
  country: string,
  safeguards: readonly Safeguard[],
  dpfCertified: boolean,
): { verdict: TransferVerdict; ground?: string; safeguard?: Safeguard; dpfCountry: boolean } {
  const adequacy = country === WORLDWIDE ? undefined : adequacyOn(country, ctx.asOf);
  if (adequacy && adequacy.scope !== 'dpf-only') {
    return { verdict: 'covered', ground: `adequacy ${adequacy.decision}`, dpfCountry: false };
  }
  // A safeguard naming countries covers only those; "from anywhere" is covered only by one that names none.
  const applicable = safeguards.filter((s) => !s.countries?.length || s.countries.includes(country));
  const dpf = applicable.find((s) => s.kind === 'dpf');
  if (adequacy?.scope === 'dpf-only' && (dpfCertified || dpf)) {
    return { verdict: 'covered', ground: `DPF ${adequacy.decision}`, safeguard: dpf, dpfCountry: false };
  }
  const dpfCountry = adequacy?.scope === 'dpf-only';
  let best: { verdict: TransferVerdict; ground?: string; safeguard?: Safeguard } = {
    verdict: 'missing',
    safeguard: applicable[0],
  };
  for (const s of applicable) {
    const one = single(ctx, s);
    if (VERDICT_RANK[one.verdict] < VERDICT_RANK[best.verdict]) best = { ...one, safeguard: s };
  }
  return { ...best, dpfCountry };
}

function single(ctx: SnapshotIndex, s: Safeguard): { verdict: TransferVerdict; ground?: string } {
  switch (s.kind) {
    case 'scc-2021':
    case 'bcr':
      return { verdict: 'covered', ground: s.kind };
    case 'derogation':
      return s.details ? { verdict: 'covered', ground: 'art. 49' } : { verdict: 'missing' };
    case 'scc-unspecified':
      return { verdict: 'version-unknown' };
    case 'scc-2001':
    case 'scc-2004':
    case 'scc-2010':
      return repealedSccInvalid(ctx.asOf, s.signedOn)
        ? { verdict: 'outdated' }
        : { verdict: 'covered', ground: `${s.kind} (transition)` };
    default:
      // none, or an adequacy / DPF claim the reference data does not support for this destination
      return { verdict: 'missing' };
  }
}

/**
 * Repealed SCC (Decision 2021/914 art. 4(3)-(4)): only contracts concluded before 27 Sept 2021 still
 * counted, and only until 27 Dec 2022.
 */
export function repealedSccInvalid(asOf: string, signedOn: string | undefined): boolean {
  if (asOf > REFERENCE.scc.repealedInvalidAfter) return true;
  return signedOn !== undefined && signedOn >= REFERENCE.scc.repealedFrom;
}

/** "IN", or "n'importe quel pays" for access from anywhere — a destination in parentheses. */
export function destinationCode(c: TransferCase, lang: 'fr' | 'en'): string {
  if (c.country === WORLDWIDE) return lang === 'fr' ? "n'importe quel pays" : 'any country';
  return c.country;
}

/** "Inde (IN)", "n'importe quel pays" — a destination for messages. */
export function destination(c: TransferCase, lang: 'fr' | 'en'): string {
  if (c.country === WORLDWIDE) return lang === 'fr' ? "n'importe quel pays" : 'any country';
  return `${countryName(c.country, lang)} (${c.country})`;
}

/** The findings of one transfer rule: one per transfer case with the given verdict. */
export function transferFindings(
  ctx: SnapshotIndex,
  rule: Rule,
  verdict: TransferVerdict,
  text: (c: TransferCase) => {
    message: Localized;
    remediation: Localized;
    reference?: Localized;
    evidence?: Record<string, unknown>;
  },
): RuleFinding[] {
  return transferCases(ctx)
    .filter((c) => c.verdict === verdict)
    .map((c) => {
      const t = text(c);
      return {
        ruleId: rule.id,
        severity: rule.severity,
        subject: c.subject,
        detail: c.detail,
        message: t.message,
        reference: t.reference ?? rule.reference,
        evidence: t.evidence ?? c.evidence,
        remediation: t.remediation,
      };
    });
}

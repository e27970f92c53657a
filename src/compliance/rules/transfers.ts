import { countryName, isEea } from '../../reference/countries';
import { adequacyOn, isRepealedScc, REFERENCE } from '../../reference/reference-data';
import type { SafeguardDto } from '../../transfers/safeguard.dto';
import type { FindingSubject, Localized, RuleFinding } from '../finding';
import type { Rule } from './rule';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { DeepReadonly, Engagement } from '../../snapshot/snapshot';

export type TransferVerdict = 'covered' | 'missing' | 'outdated' | 'version-unknown';

/** One flow of data to a country outside the EEA, and what the register says covers it. */
export interface TransferCase {
  subject: FindingSubject;
  country: string;
  via: 'processing' | 'access' | 'declared';
  recipient: string;
  safeguard?: DeepReadonly<SafeguardDto>;
  verdict: TransferVerdict;
  ground?: string;
  evidence: Record<string, unknown>;
}

/**
 * Every transfer outside the EEA the register shows: countries where an engagement's provider
 * processes or accesses data, and transfers a treatment declares. Computed once per evaluation
 * and shared by the transfer rules.
 */
export function transferCases(ctx: SnapshotIndex): readonly TransferCase[] {
  return ctx.memo('transfers', () => {
    const cases: TransferCase[] = [];
    for (const e of ctx.snapshot.engagements) {
      const processing = new Set(e.processingCountries ?? []);
      const countries = new Set([...processing, ...(e.accessCountries ?? [])]);
      for (const country of countries) {
        if (isEea(country)) continue;
        cases.push(engagementCase(ctx, e, country, processing.has(country) ? 'processing' : 'access'));
      }
    }
    for (const t of ctx.inUse) {
      for (const transfer of t.transfers ?? []) {
        if (isEea(transfer.country)) continue;
        const { verdict, ground } = judge(ctx, transfer.country, transfer.safeguard, false);
        cases.push({
          subject: ctx.subjectOfTreatment(t),
          country: transfer.country,
          via: 'declared',
          recipient: transfer.recipient,
          safeguard: transfer.safeguard,
          verdict,
          ground,
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
  const { verdict, ground } = judge(ctx, country, e.transferSafeguard, provider?.dpfCertified === true);
  return {
    subject: ctx.subjectOfEngagement(e),
    country,
    via,
    recipient: provider?.name ?? e.provider,
    safeguard: e.transferSafeguard,
    verdict,
    ground,
    evidence: {
      provider: provider?.name ?? e.provider,
      country,
      countryName: countryName(country),
      via,
      safeguard: e.transferSafeguard ?? null,
      dpfCertified: provider?.dpfCertified ?? null,
      treatments: treatmentKeys(ctx.treatmentsRelyingOn(e.key)),
      source: e.transferSafeguard?.source ?? e.source ?? null,
    },
  };
}

/** GDPR ch. V on one country and one safeguard, as of the snapshot's date. */
function judge(
  ctx: SnapshotIndex,
  country: string,
  safeguard: DeepReadonly<SafeguardDto> | undefined,
  dpfCertified: boolean,
): { verdict: TransferVerdict; ground?: string } {
  const adequacy = adequacyOn(country, ctx.asOf);
  if (adequacy && adequacy.scope !== 'dpf-only') return { verdict: 'covered', ground: `adequacy ${adequacy.decision}` };
  if (adequacy?.scope === 'dpf-only' && (dpfCertified || safeguard?.kind === 'dpf')) {
    return { verdict: 'covered', ground: `DPF ${adequacy.decision}` };
  }
  switch (safeguard?.kind) {
    case 'scc-2021':
    case 'bcr':
      return { verdict: 'covered', ground: safeguard.kind };
    case 'derogation':
      return safeguard.details ? { verdict: 'covered', ground: 'art. 49' } : { verdict: 'missing' };
    case 'scc-unspecified':
      return { verdict: 'version-unknown' };
    case 'scc-2001':
    case 'scc-2004':
    case 'scc-2010':
      return isRepealedScc(safeguard.kind) && repealedSccInvalid(ctx.asOf, safeguard.signedOn)
        ? { verdict: 'outdated' }
        : { verdict: 'covered', ground: `${safeguard.kind} (transition)` };
    default:
      // none, absent, or an adequacy / DPF claim the reference data does not support for this country
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
        detail: c.country,
        message: t.message,
        reference: t.reference ?? rule.reference,
        evidence: t.evidence ?? c.evidence,
        remediation: t.remediation,
      };
    });
}

import { HdsActivityCode, hdsActivity, sortHdsActivities } from '../../reference/hds-activities';
import { REFERENCE } from '../../reference/reference-data';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Certificate, Engagement, Treatment } from '../../snapshot/snapshot';

export type Coverage = 'covered' | 'unknown' | 'uncovered';

/** HDS certificates (or agréments) of a holder valid on the snapshot's date. */
export function validHdsCertificates(ctx: SnapshotIndex, holder: string): readonly Certificate[] {
  return ctx.hdsCertificatesOf(holder).filter((c) => ctx.isValidOn(c));
}

/**
 * A current HDS certification is claimed ("certifié HDS") but no dated certificate is on file: the claim is
 * unverified, not disproved. (An agrément claim does not count: agréments ended by 2021.)
 */
export function hasUnverifiedHdsClaim(ctx: SnapshotIndex, holder: string): boolean {
  const claims = (ctx.subcontractor(holder)?.guarantees ?? []).some((g) => g.kind === 'hds');
  return claims && !ctx.hdsCertificatesOf(holder).some((c) => ctx.certificateEnd(c).date !== undefined);
}

/** Whether a holder's valid HDS scope covers an activity; `unknown` when its scope or certificate is not on file. */
export function coverage(ctx: SnapshotIndex, holder: string, activity: HdsActivityCode): Coverage {
  const valid = validHdsCertificates(ctx, holder);
  if (valid.some((c) => c.hdsActivities?.includes(activity))) return 'covered';
  if (valid.some((c) => c.hdsActivities === undefined) || hasUnverifiedHdsClaim(ctx, holder)) return 'unknown';
  return 'uncovered';
}

/**
 * A provider that hosts health data, by what the register says: HDS activities performed, an HDS
 * claim or certificate, or health data stated in the contract; never one the contract says receives
 * no health data.
 */
export function isHdsHost(ctx: SnapshotIndex, e: Engagement): boolean {
  if (e.healthData === false) return false;
  if (e.hdsActivities?.length || e.healthData === true) return true;
  const provider = ctx.subcontractor(e.provider);
  return (
    (provider?.guarantees ?? []).some((g) => g.kind === 'hds' || g.kind === 'hds-agrement') ||
    ctx.hdsCertificatesOf(e.provider).length > 0
  );
}

export interface HealthChain {
  treatment: Treatment;
  chain: readonly Engagement[];
  /** Who performs each HDS activity, by engagement. */
  performers: Map<HdsActivityCode, Engagement[]>;
}

/** Treatments in use that hold health data, with their chains and who performs each HDS activity. */
export function healthChains(ctx: SnapshotIndex): readonly HealthChain[] {
  return ctx.memo('health-chains', () =>
    ctx.inUse
      .filter((t) => ctx.holdsHealthData(t))
      .map((treatment) => {
        const chain = ctx.treatmentChain(treatment).filter((e) => e.healthData !== false);
        const performers = new Map<HdsActivityCode, Engagement[]>();
        for (const e of chain) {
          for (const a of e.hdsActivities ?? []) performers.set(a, [...(performers.get(a) ?? []), e]);
        }
        return { treatment, chain, performers };
      }),
  );
}

/** "n° 3 Infrastructure virtuelle" — activities are named with their official R.1111-9 numbers. */
export function describeActivities(codes: Iterable<HdsActivityCode>, lang: 'fr' | 'en'): string {
  return sortHdsActivities(codes)
    .map((c) => `${lang === 'fr' ? 'n°' : 'no.'} ${hdsActivity(c).number} ${hdsActivity(c).short[lang]}`)
    .join(', ');
}

export function activityNumbers(codes: Iterable<HdsActivityCode>): { code: HdsActivityCode; number: number }[] {
  return sortHdsActivities(codes).map((code) => ({ code, number: hdsActivity(code).number }));
}

export const STORAGE_ACTIVITIES = new Set<string>(REFERENCE.hdsReferentials.storageActivities);

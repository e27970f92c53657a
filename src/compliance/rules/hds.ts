import { HdsActivityCode, hdsActivity, sortHdsActivities } from '../../reference/hds-activities';
import { REFERENCE } from '../../reference/reference-data';
import type { HdsReferential } from '../../reference/vocabulary';
import { holderOf, ORGANISATION_HOLDER, SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Certificate, Engagement, Guarantee, Treatment } from '../../snapshot/snapshot';
import { drain } from '../../common/steps';
import { STEP } from './rule';

export type Coverage = 'covered' | 'unknown' | 'uncovered';

/** HDS certificates (or agréments) of a holder valid on the snapshot's date. */
export function validHdsCertificates(ctx: SnapshotIndex, holder: string): readonly Certificate[] {
  return ctx.memoBy('valid-hds', holder, () => ctx.hdsCertificatesOf(holder).filter((c) => ctx.isValidOn(c)));
}

/**
 * What a holder claims about HDS ("Certifié HADS", "hébergeur agréé"): shown as evidence to verify. A
 * claim is never evidence itself (LEGAL.md §7d): only a certificate on file counts for coverage.
 */
export function hdsClaims(ctx: SnapshotIndex, holder: string): readonly Guarantee[] {
  return ctx.memoBy('hds-claims', holder, () =>
    Object.freeze(ctx.guaranteesOf(holder).filter((g) => g.kind === 'hds' || g.kind === 'hds-agrement')),
  );
}

const REFERENTIAL_PATTERNS: { code: HdsReferential; pattern: RegExp }[] = [
  { code: 'v2', pattern: new RegExp(REFERENCE.hdsReferentials.claimPatterns.v2, 'i') },
  { code: '2018', pattern: new RegExp(REFERENCE.hdsReferentials.claimPatterns['2018'], 'i') },
];

/** The référentiel an HDS claim names: its recorded `hdsReferential`, else read from its words. */
export function claimedReferential(g: Guarantee): HdsReferential | undefined {
  if (g.kind !== 'hds') return undefined;
  return g.hdsReferential ?? REFERENTIAL_PATTERNS.find((p) => p.pattern.test(g.text))?.code;
}

/** Someone performing HDS activities: a provider under an engagement, or the organisation itself. */
export interface Performer {
  /** The provider's key, or ORGANISATION_HOLDER when the organisation performs them for its clients. */
  holder: string;
  /** Absent for the organisation itself. */
  engagement?: Engagement;
}

const normalise = (name: string) =>
  name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();

/** Two names of one service or product: the same once normalised, or one contained in the other. */
function sameService(a: string, b: string): boolean {
  const [x, y] = [normalise(a), normalise(b)];
  return x === y || x.includes(y) || y.includes(x);
}

/** The services of an engagement an activity is performed for (its scopes naming it, else all it names). */
function servicesFor(e: Engagement, activity: HdsActivityCode): string[] {
  const scoped = (e.serviceScopes ?? []).filter((s) => s.hdsActivities?.includes(activity)).map((s) => s.service);
  return scoped.length ? scoped : [...(e.services ?? []), ...(e.serviceScopes ?? []).map((s) => s.service)];
}

/** A certificate whose scope lists services applies only to the services of the engagement it names. */
function appliesTo(c: Certificate, services: readonly string[]): boolean {
  if (!c.services?.length || !services.length) return true;
  return services.some((s) => c.services?.some((cs) => sameService(s, cs)));
}

/**
 * The certificate of the actor above (the client, or the organisation for a direct provider) that an
 * engagement says covers its provider, when it is held by that actor and valid on the date asked.
 */
export function coveringCertificate(ctx: SnapshotIndex, e: Engagement): Certificate | undefined {
  if (!e.coveredByCertificate) return undefined;
  const c = ctx.certificate(e.coveredByCertificate);
  if (!c || holderOf(c) !== (e.client ?? ORGANISATION_HOLDER)) return undefined;
  return ctx.isValidOn(c) ? c : undefined;
}

/**
 * Whether a performer's valid, evidenced HDS scope covers an activity: its own certificates (those whose
 * listed services include the engagement's), else the certificate of the actor above that covers it;
 * `unknown` when a valid certificate on file has no recorded scope. Claims count for nothing.
 */
export function coverage(ctx: SnapshotIndex, p: Performer, activity: HdsActivityCode): Coverage {
  // The same performer and activity recur across the treatments relying on one engagement: one table per
  // evaluation, by holder, engagement (none for in-house work) and activity.
  const table = ctx.memo('coverage', () => new Map<string, Map<Engagement | null, Map<HdsActivityCode, Coverage>>>());
  let byEngagement = table.get(p.holder);
  if (!byEngagement) table.set(p.holder, (byEngagement = new Map<Engagement | null, Map<HdsActivityCode, Coverage>>()));
  const engagement = p.engagement ?? null;
  let byActivity = byEngagement.get(engagement);
  if (!byActivity) byEngagement.set(engagement, (byActivity = new Map<HdsActivityCode, Coverage>()));
  let answer = byActivity.get(activity);
  if (answer === undefined) byActivity.set(activity, (answer = coverageOf(ctx, p, activity)));
  return answer;
}

function coverageOf(ctx: SnapshotIndex, p: Performer, activity: HdsActivityCode): Coverage {
  const services = p.engagement ? servicesFor(p.engagement, activity) : [];
  const valid = validHdsCertificates(ctx, p.holder).filter((c) => appliesTo(c, services));
  const cover = p.engagement ? coveringCertificate(ctx, p.engagement) : undefined;
  const candidates = cover && certificateFamilyIsHds(cover) ? [...valid, cover] : valid;
  if (candidates.some((c) => c.hdsActivities?.includes(activity))) return 'covered';
  if (candidates.some((c) => c.hdsActivities === undefined)) return 'unknown';
  return 'uncovered';
}

function certificateFamilyIsHds(c: Certificate): boolean {
  return c.kind === 'hds' || c.kind === 'hds-agrement';
}

/**
 * A provider that hosts health data, by what the register says: HDS activities performed, an HDS
 * claim or certificate, or health data stated in the contract; never one the contract (or each of
 * its services) says receives no health data.
 */
export function isHdsHost(ctx: SnapshotIndex, e: Engagement): boolean {
  if (!carriesHealthData(e)) return false;
  if (ctx.hdsActivitiesOf(e).length || e.healthData === true) return true;
  return hdsClaims(ctx, e.provider).length > 0 || ctx.hdsCertificatesOf(e.provider).length > 0;
}

/** False when the contract says no health data goes to the provider (for the engagement, or for every service). */
export function carriesHealthData(e: Engagement): boolean {
  if (e.healthData === false) return false;
  const scopes = e.serviceScopes ?? [];
  return !(e.healthData === undefined && scopes.length > 0 && scopes.every((s) => s.healthData === false));
}

export interface HealthChain {
  treatment: Treatment;
  chain: readonly Engagement[];
  /**
   * Who performs each HDS activity: providers by engagement and, for a treatment the organisation
   * processes for its clients, the organisation itself for what it does in-house (LEGAL.md §7d).
   */
  performers: ReadonlyMap<HdsActivityCode, readonly Performer[]>;
}

/** Treatments in use that hold health data, with their chains and who performs each HDS activity. */
export function healthChains(ctx: SnapshotIndex): readonly HealthChain[] {
  return drain(healthChainSteps(ctx));
}

/** `healthChains` in steps (for stepped rules): computed once per evaluation, by whichever rule asks first. */
export function healthChainSteps(ctx: SnapshotIndex): Generator<void, readonly HealthChain[]> {
  return ctx.memoSteps('health-chains', function* () {
    const out: HealthChain[] = [];
    // Treatments with the same chain (and the same in-house activities) share one chain and one
    // performers map: the rules that read them can then work once per shape.
    const shapes = new Map<readonly Engagement[], Map<string, Omit<HealthChain, 'treatment'>>>();
    for (const [i, treatment] of ctx.inUse.entries()) {
      if (i % STEP === STEP - 1) yield;
      if (!ctx.holdsHealthData(treatment)) continue;
      const full = ctx.treatmentChain(treatment);
      // Only the controller's own operations are exempt; a processor performs them for someone else.
      const inHouse = ctx.isProcessorTreatment(treatment) ? (treatment.hdsActivitiesInHouse ?? []) : [];
      const inHouseKey = inHouse.join(',');
      let byInHouse = shapes.get(full);
      if (!byInHouse) shapes.set(full, (byInHouse = new Map<string, Omit<HealthChain, 'treatment'>>()));
      let shape = byInHouse.get(inHouseKey);
      if (!shape) {
        const chain = Object.freeze(full.filter(carriesHealthData));
        const performers = new Map<HdsActivityCode, Performer[]>();
        const add = (a: HdsActivityCode, p: Performer) => {
          const list = performers.get(a);
          if (list) list.push(p);
          else performers.set(a, [p]);
        };
        for (const e of chain) for (const a of ctx.hdsActivitiesOf(e)) add(a, { holder: e.provider, engagement: e });
        for (const a of inHouse) add(a, { holder: ORGANISATION_HOLDER });
        byInHouse.set(inHouseKey, (shape = { chain, performers }));
      }
      out.push({ treatment, chain: shape.chain, performers: shape.performers });
    }
    return out;
  });
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

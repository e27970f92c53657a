import { begunBy } from '../common/partial-date';
import type { HdsActivityCode } from '../reference/hds-activities';
import { certificateKind } from '../reference/reference-data';
import type { Localized } from '../common/i18n';
import { CertificateEnd, certificateEnd, endNote, isCertificateValidOn } from '../subcontractors/certificate-validity';
import type {
  Certificate,
  ComplianceSnapshot,
  Engagement,
  Guarantee,
  Organisation,
  SubjectRef,
  Subcontractor,
  Treatment,
} from './snapshot';

/** The holder key of the organisation's own certificates (a certificate without `subcontractor`). */
export const ORGANISATION_HOLDER = '';

/**
 * Indexes over one snapshot, built once per evaluation so that every rule runs in time linear in the
 * size of the register. Pure: everything derives from the snapshot.
 */
export class SnapshotIndex {
  readonly asOf: string;
  readonly organisation: Organisation;
  /** Treatments not retired: those the rules look at. */
  readonly inUse: readonly Treatment[];
  /** Engagements still in force: a provider removed from its client's sub-processor list is no longer relied on. */
  readonly engagements: readonly Engagement[];
  private readonly subcontractorsByKey: Map<string, Subcontractor>;
  private readonly engagementsByKey: Map<string, Engagement>;
  private readonly engagementsByClient = new Map<string, Engagement[]>();
  private readonly engagementsByProvider = new Map<string, Engagement[]>();
  private readonly memos = new Map<string, unknown>();
  private readonly certificatesByHolder = new Map<string, Certificate[]>();
  private readonly certificatesByKey: Map<string, Certificate>;
  private readonly chains = new Map<string, readonly Engagement[]>();
  private readonly treatmentsByEngagement = new Map<string, Treatment[]>();
  private readonly chainsByTreatment = new Map<string, readonly Engagement[]>();
  private readonly chainsByUses = new Map<string, readonly Engagement[]>();
  // Per-record answers several rules ask for again and again (pure functions of the record and the day).
  private readonly ends = new Map<Certificate, CertificateEnd>();
  private readonly validToday = new Map<Certificate, boolean>();
  private readonly hdsActivities = new Map<Engagement, readonly HdsActivityCode[]>();
  private readonly hdsCertificates = new Map<string, readonly Certificate[]>();
  private readonly treatmentSubjects = new Map<Treatment, SubjectRef>();

  constructor(readonly snapshot: ComplianceSnapshot) {
    this.asOf = snapshot.asOf;
    this.organisation = snapshot.organisation;
    this.inUse = snapshot.treatments.filter((t) => t.status !== 'retired');
    this.subcontractorsByKey = new Map(snapshot.subcontractors.map((s) => [s.key, s]));
    this.engagements = snapshot.engagements.filter((e) => !e.removedOn || !begunBy(e.removedOn, snapshot.asOf));
    this.engagementsByKey = new Map(this.engagements.map((e) => [e.key, e]));
    for (const e of this.engagements) {
      push(this.engagementsByClient, e.client ?? '', e);
      push(this.engagementsByProvider, e.provider, e);
    }
    for (const c of snapshot.certificates) push(this.certificatesByHolder, holderOf(c), c);
    this.certificatesByKey = new Map(snapshot.certificates.map((c) => [c.key, c]));
    for (const t of this.inUse) {
      const chain = this.chainOfTreatment(t);
      this.chainsByTreatment.set(t.key, chain);
      for (const e of chain) push(this.treatmentsByEngagement, e.key, t);
    }
  }

  subcontractor(key: string): Subcontractor | undefined {
    return this.subcontractorsByKey.get(key);
  }

  engagement(key: string): Engagement | undefined {
    return this.engagementsByKey.get(key);
  }

  subcontractorName(key: string): string {
    if (key === ORGANISATION_HOLDER) return this.organisation.name;
    return this.subcontractor(key)?.name ?? key;
  }

  certificate(key: string): Certificate | undefined {
    return this.certificatesByKey.get(key);
  }

  /** Certifications a holder claims (a subcontractor's guarantees, or the organisation's own). */
  guaranteesOf(holder: string): readonly Guarantee[] {
    return (
      (holder === ORGANISATION_HOLDER ? this.organisation.guarantees : this.subcontractor(holder)?.guarantees) ?? []
    );
  }

  /** Who holds a certificate: a subcontractor's name, or the organisation's for its own. */
  holderName(c: Certificate): string {
    return this.subcontractorName(holderOf(c));
  }

  /** Certificates the organisation itself holds (an editor certified HDS or ISO 27001). */
  organisationCertificates(): readonly Certificate[] {
    return this.certificatesOf(ORGANISATION_HOLDER);
  }

  /**
   * HDS activities a provider performs under an engagement: those of the engagement and of each of its
   * services that carries health data (a service the contract says carries none performs none).
   */
  hdsActivitiesOf(e: Engagement): readonly HdsActivityCode[] {
    let list = this.hdsActivities.get(e);
    if (!list) {
      const all = new Set<HdsActivityCode>(e.hdsActivities ?? []);
      for (const s of e.serviceScopes ?? [])
        if (s.healthData !== false) for (const a of s.hdsActivities ?? []) all.add(a);
      list = Object.freeze([...all]);
      this.hdsActivities.set(e, list);
    }
    return list;
  }

  /**
   * The engagement and, down the chain, the sub-processors its provider engaged, depth first. Walked
   * with an explicit stack, each engagement once: a chain of any length, or one that loops (writes
   * refuse loops, older data may hold one), ends.
   */
  chain(engagement: Engagement): readonly Engagement[] {
    const cached = this.chains.get(engagement.key);
    if (cached) return cached;
    const result: Engagement[] = [];
    const seen = new Set<string>();
    const stack: Engagement[] = [engagement];
    while (stack.length) {
      const e = stack.pop() as Engagement;
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      result.push(e);
      const children = this.engagementsByClient.get(e.provider) ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
    }
    Object.freeze(result);
    this.chains.set(engagement.key, result);
    return result;
  }

  /** Every engagement a treatment relies on, directly or through its processors' sub-processors. */
  treatmentChain(treatment: Treatment): readonly Engagement[] {
    return this.chainsByTreatment.get(treatment.key) ?? this.chainOfTreatment(treatment);
  }

  /** Treatments in use that rely on an engagement, directly or through a chain. */
  treatmentsRelyingOn(engagementKey: string): readonly Treatment[] {
    return this.treatmentsByEngagement.get(engagementKey) ?? [];
  }

  /** Treatments in use that rely on a subcontractor through any of its engagements. */
  treatmentsRelyingOnSubcontractor(subcontractorKey: string): readonly Treatment[] {
    const out = new Map<string, Treatment>();
    for (const e of this.engagementsOf(subcontractorKey)) {
      for (const t of this.treatmentsRelyingOn(e.key)) out.set(t.key, t);
    }
    return [...out.values()];
  }

  /** Engagements in which a subcontractor is the provider. */
  engagementsOf(subcontractorKey: string): readonly Engagement[] {
    return this.engagementsByProvider.get(subcontractorKey) ?? [];
  }

  /** Engagements a subcontractor made with its own sub-processors. */
  engagementsMadeBy(subcontractorKey: string): readonly Engagement[] {
    return this.engagementsByClient.get(subcontractorKey) ?? [];
  }

  /** Computes once per evaluation what several rules share (e.g. the list of transfers). */
  memo<T>(name: string, compute: () => T): T {
    const known = this.memos.get(name);
    if (known !== undefined || this.memos.has(name)) return known as T;
    const value = compute();
    this.memos.set(name, value);
    return value;
  }

  /**
   * `memo` per key (an engagement, a holder, a shared chain): each key's answer computed once per
   * evaluation, `undefined` included.
   */
  memoBy<K, V>(name: string, key: K, compute: () => V): V {
    const table = this.memo(name, () => new Map<K, V>());
    if (table.has(key)) return table.get(key) as V;
    const value = compute();
    table.set(key, value);
    return value;
  }

  /**
   * `memo` for a computation in steps (a generator that yields where its caller may give the event loop
   * back): computed once, the later callers get the value without a step.
   */
  *memoSteps<T>(name: string, compute: () => Generator<void, T>): Generator<void, T> {
    if (this.memos.has(name)) return this.memos.get(name) as T;
    const value = yield* compute();
    this.memos.set(name, value);
    return value;
  }

  /** A subcontractor's certificates, or the organisation's own for ORGANISATION_HOLDER. */
  certificatesOf(subcontractorKey: string): readonly Certificate[] {
    return this.certificatesByHolder.get(subcontractorKey) ?? [];
  }

  hdsCertificatesOf(subcontractorKey: string): readonly Certificate[] {
    let list = this.hdsCertificates.get(subcontractorKey);
    if (!list) {
      list = Object.freeze(
        this.certificatesOf(subcontractorKey).filter((c) => certificateKind(c.kind).family === 'hds'),
      );
      this.hdsCertificates.set(subcontractorKey, list);
    }
    return list;
  }

  /** Last valid day of a certificate (subcontractors/certificate-validity.ts decides it). */
  certificateEnd(c: Certificate): CertificateEnd {
    let end = this.ends.get(c);
    if (!end) {
      end = certificateEnd(c);
      this.ends.set(c, end);
    }
    return end;
  }

  /** Why a certificate's end is not the printed one ("" when it is). */
  certificateEndNote(c: Certificate): Localized {
    return endNote(this.certificateEnd(c));
  }

  /** A certificate is valid on every day from its start to its last day inclusive (Paris days). */
  isValidOn(c: Certificate, date: string = this.asOf): boolean {
    if (date !== this.asOf) return isCertificateValidOn(c, date);
    let valid = this.validToday.get(c);
    if (valid === undefined) {
      valid = isCertificateValidOn(c, date);
      this.validToday.set(c, valid);
    }
    return valid;
  }

  holdsHealthData(t: Treatment): boolean {
    return (t.dataCategories ?? []).some((c) => c.health === true || c.category === 'health');
  }

  /** The organisation acts as a processor for this treatment (its providers are then sub-processors). */
  isProcessorTreatment(t: Treatment): boolean {
    return t.role === 'processor';
  }

  /** One subject per treatment, shared by the findings about it (frozen). */
  subjectOfTreatment(t: Treatment): SubjectRef {
    let subject = this.treatmentSubjects.get(t);
    if (!subject) {
      subject = Object.freeze({ type: 'treatment' as const, id: t.key, name: t.name });
      this.treatmentSubjects.set(t, subject);
    }
    return subject;
  }

  subjectOfEngagement(e: Engagement): SubjectRef {
    const provider = this.subcontractorName(e.provider);
    const client = e.client ? ` (${this.subcontractorName(e.client)} →)` : '';
    return { type: 'engagement', id: e.key, name: `${provider}${client}` };
  }

  subjectOfSubcontractor(s: Subcontractor): SubjectRef {
    return { type: 'subcontractor', id: s.key, name: s.name };
  }

  subjectOfCertificate(c: Certificate): SubjectRef {
    const label = [this.holderName(c), certificateKind(c.kind).short, c.number].filter(Boolean).join(' ');
    return { type: 'certificate', id: c.key, name: label };
  }

  subjectOfOrganisation(): SubjectRef {
    return { type: 'organisation', id: this.organisation.slug, name: this.organisation.name };
  }

  /**
   * Treatments that use the same engagements share one chain (one array): rules that work per chain
   * (HDS coverage, health chains) compute once for all of them.
   */
  private chainOfTreatment(t: Treatment): readonly Engagement[] {
    const uses = t.uses ?? [];
    if (uses.length === 0) return NO_CHAIN;
    if (uses.length === 1) {
      const e = this.engagement(uses[0].engagement);
      return e ? this.chain(e) : NO_CHAIN;
    }
    let key = '';
    for (const use of uses) key += `${use.engagement}\0`;
    let chain = this.chainsByUses.get(key);
    if (!chain) {
      const out = new Map<string, Engagement>();
      for (const use of uses) {
        const e = this.engagement(use.engagement);
        if (e) for (const link of this.chain(e)) out.set(link.key, link);
      }
      this.chainsByUses.set(key, (chain = Object.freeze([...out.values()])));
    }
    return chain;
  }
}

const NO_CHAIN: readonly Engagement[] = Object.freeze([]);

/** The holder key of a certificate (ORGANISATION_HOLDER for the organisation's own). */
export function holderOf(c: Certificate): string {
  return c.subcontractor ?? ORGANISATION_HOLDER;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Keys of treatments, for evidence (bounded so a finding stays readable on a large register). */
export function treatmentKeys(treatments: readonly Treatment[], max = 20): string[] {
  const keys = treatments.map((t) => t.key);
  return keys.length > max ? [...keys.slice(0, max), `… (+${keys.length - max})`] : keys;
}

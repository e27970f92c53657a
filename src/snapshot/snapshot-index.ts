import { certificateKind } from '../reference/reference-data';
import { CertificateEnd, certificateEnd, isCertificateValidOn } from '../subcontractors/certificate-validity';
import type {
  Certificate,
  ComplianceSnapshot,
  Engagement,
  Organisation,
  SubjectRef,
  Subcontractor,
  Treatment,
} from './snapshot';

/**
 * Indexes over one snapshot, built once per evaluation so that every rule runs in time linear in the
 * size of the register. Pure: everything derives from the snapshot.
 */
export class SnapshotIndex {
  readonly asOf: string;
  readonly organisation: Organisation;
  /** Treatments not retired: those the rules look at. */
  readonly inUse: readonly Treatment[];
  private readonly subcontractorsByKey: Map<string, Subcontractor>;
  private readonly engagementsByKey: Map<string, Engagement>;
  private readonly engagementsByClient = new Map<string, Engagement[]>();
  private readonly engagementsByProvider = new Map<string, Engagement[]>();
  private readonly memos = new Map<string, unknown>();
  private readonly certificatesByHolder = new Map<string, Certificate[]>();
  private readonly chains = new Map<string, readonly Engagement[]>();
  private readonly treatmentsByEngagement = new Map<string, Treatment[]>();
  private readonly chainsByTreatment = new Map<string, readonly Engagement[]>();

  constructor(readonly snapshot: ComplianceSnapshot) {
    this.asOf = snapshot.asOf;
    this.organisation = snapshot.organisation;
    this.inUse = snapshot.treatments.filter((t) => t.status !== 'retired');
    this.subcontractorsByKey = new Map(snapshot.subcontractors.map((s) => [s.key, s]));
    this.engagementsByKey = new Map(snapshot.engagements.map((e) => [e.key, e]));
    for (const e of snapshot.engagements) {
      push(this.engagementsByClient, e.client ?? '', e);
      push(this.engagementsByProvider, e.provider, e);
    }
    for (const c of snapshot.certificates) push(this.certificatesByHolder, c.subcontractor, c);
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
    return this.subcontractor(key)?.name ?? key;
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
    if (!this.memos.has(name)) this.memos.set(name, compute());
    return this.memos.get(name) as T;
  }

  certificatesOf(subcontractorKey: string): readonly Certificate[] {
    return this.certificatesByHolder.get(subcontractorKey) ?? [];
  }

  hdsCertificatesOf(subcontractorKey: string): readonly Certificate[] {
    return this.certificatesOf(subcontractorKey).filter((c) => certificateKind(c.kind).family === 'hds');
  }

  /** Last valid day of a certificate (subcontractors/certificate-validity.ts decides it). */
  certificateEnd(c: Certificate): CertificateEnd {
    return certificateEnd(c);
  }

  /** A certificate is valid on every day from its start to its last day inclusive (Paris days). */
  isValidOn(c: Certificate, date: string = this.asOf): boolean {
    return isCertificateValidOn(c, date);
  }

  holdsHealthData(t: Treatment): boolean {
    return (t.dataCategories ?? []).some((c) => c.health === true || c.category === 'health');
  }

  /** The organisation acts as a processor for this treatment (its providers are then sub-processors). */
  isProcessorTreatment(t: Treatment): boolean {
    return t.role === 'processor';
  }

  subjectOfTreatment(t: Treatment): SubjectRef {
    return { type: 'treatment', id: t.key, name: t.name };
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
    const label = [this.subcontractorName(c.subcontractor), certificateKind(c.kind).short, c.number]
      .filter(Boolean)
      .join(' ');
    return { type: 'certificate', id: c.key, name: label };
  }

  subjectOfOrganisation(): SubjectRef {
    return { type: 'organisation', id: this.organisation.slug, name: this.organisation.name };
  }

  private chainOfTreatment(t: Treatment): readonly Engagement[] {
    const out = new Map<string, Engagement>();
    for (const use of t.uses ?? []) {
      const e = this.engagement(use.engagement);
      if (e) for (const link of this.chain(e)) out.set(link.key, link);
    }
    return [...out.values()];
  }
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

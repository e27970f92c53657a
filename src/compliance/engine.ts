import { drain, runInSlices } from '../common/steps';
import { findingId, Finding, Lang, RuleFinding, RuleMeta, Severity, SEVERITIES } from './finding';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import { RULES } from './rules';
import type { Rule } from './rules/rule';
import type { ComplianceSnapshot } from '../snapshot/snapshot';

export interface Evaluation {
  asOf: string;
  summary: Record<Severity, number> & { waived: number };
  findings: Finding[];
}

const RULE_ORDER = new Map(RULES.map((r, i) => [r.id, i]));
const SEVERITY_ORDER = new Map(SEVERITIES.map((s, i) => [s, i]));

/** Runs every rule on a snapshot. Pure: same snapshot, same findings. */
export function evaluate(snapshot: ComplianceSnapshot, lang: Lang = 'fr', rules: readonly Rule[] = RULES): Evaluation {
  return drain(evaluation(snapshot, lang, rules));
}

/**
 * The same evaluation, giving the event loop back whenever it has run for `sliceMs` (between rules and
 * between slices of findings): a large register never holds other requests for long. Same steps as
 * `evaluate`, so the same findings.
 */
export async function evaluateInSlices(
  snapshot: ComplianceSnapshot,
  lang: Lang = 'fr',
  rules: readonly Rule[] = RULES,
  sliceMs = 10,
): Promise<Evaluation> {
  return runInSlices(evaluation(snapshot, lang, rules), sliceMs);
}

/** Findings per slice between two chances to yield. */
const SLICE = 500;

/** The evaluation as steps: each `yield` is a point where the caller may give the event loop back. */
function* evaluation(snapshot: ComplianceSnapshot, lang: Lang, rules: readonly Rule[]): Generator<void, Evaluation> {
  const ctx = new SnapshotIndex(snapshot);
  yield;
  const raw: RuleFinding[] = [];
  for (const rule of rules) {
    // A rule written in steps yields inside itself too: a long rule never holds the event loop whole.
    const found = rule.steps ? yield* rule.steps(ctx) : rule.evaluate(ctx);
    for (const f of found) raw.push(f);
    yield;
  }
  const waivers = new Map(snapshot.waivers.filter((w) => w.until >= snapshot.asOf).map((w) => [w.findingId, w]));
  // Severity, then rule order, then id: findings go to one bucket per rank (a rule's findings arrive
  // together), and a bucket is sorted by id only when it is not in order already (most are: a rule
  // walks the register in its order).
  const buckets = new Map<number, Finding[]>();
  const summary = { error: 0, warning: 0, info: 0, waived: 0 };
  let bucketRank = -1;
  let bucket: Finding[] = [];
  for (let i = 0; i < raw.length; i++) {
    const f = raw[i];
    const id = findingId(f);
    const waiver = waivers.get(id);
    const finding: Finding = {
      id,
      ruleId: f.ruleId,
      severity: f.severity,
      subject: f.subject,
      message: f.message[lang],
      reference: f.reference[lang],
      evidence: f.evidence,
      remediation: f.remediation[lang],
      status: waiver ? 'waived' : 'open',
    };
    if (waiver) {
      finding.waiver = { key: waiver.key, reason: waiver.reason, until: waiver.until };
      summary.waived++;
    } else summary[f.severity]++;
    const rank = rankOf(f.severity, f.ruleId);
    if (rank !== bucketRank) {
      bucketRank = rank;
      bucket = buckets.get(rank) ?? [];
      if (!bucket.length) buckets.set(rank, bucket);
    }
    bucket.push(finding);
    if (i % SLICE === SLICE - 1) yield;
  }
  const sorted: Finding[] = [];
  for (const rank of [...buckets.keys()].sort((a, b) => a - b)) {
    const list = buckets.get(rank) ?? [];
    if (!inIdOrder(list)) list.sort(byId);
    for (const f of list) sorted.push(f);
    yield;
  }
  return { asOf: snapshot.asOf, summary, findings: sorted };
}

const byId = (a: Finding, b: Finding) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function inIdOrder(list: readonly Finding[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i - 1].id > list[i].id) return false;
  return true;
}

/** Severity first, then the rule's place in the catalog (rules outside it rank first, as rule 0 does). */
function rankOf(severity: Severity, ruleId: string): number {
  return (SEVERITY_ORDER.get(severity) ?? 0) * 100_000 + (RULE_ORDER.get(ruleId) ?? 0);
}

export function catalog(lang: Lang = 'fr'): (Omit<RuleMeta, 'title' | 'reference' | 'description'> & {
  title: string;
  reference: string;
  description: string;
})[] {
  return RULES.map((r) => ({
    id: r.id,
    severity: r.severity,
    title: r.title[lang],
    reference: r.reference[lang],
    description: r.description[lang],
  }));
}

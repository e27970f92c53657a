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
  const ctx = new SnapshotIndex(snapshot);
  const raw: RuleFinding[] = rules.flatMap((rule) => rule.evaluate(ctx));
  const waivers = new Map(snapshot.waivers.filter((w) => w.until >= snapshot.asOf).map((w) => [w.findingId, w]));
  const findings = raw.map((f): Finding => {
    const id = findingId(f);
    const waiver = waivers.get(id);
    return {
      id,
      ruleId: f.ruleId,
      severity: f.severity,
      subject: f.subject,
      message: f.message[lang],
      reference: f.reference[lang],
      evidence: f.evidence,
      remediation: f.remediation[lang],
      status: waiver ? 'waived' : 'open',
      ...(waiver ? { waiver: { key: waiver.key, reason: waiver.reason, until: waiver.until } } : {}),
    };
  });
  findings.sort(
    (a, b) =>
      (SEVERITY_ORDER.get(a.severity) ?? 0) - (SEVERITY_ORDER.get(b.severity) ?? 0) ||
      (RULE_ORDER.get(a.ruleId) ?? 0) - (RULE_ORDER.get(b.ruleId) ?? 0) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const summary = { error: 0, warning: 0, info: 0, waived: 0 };
  for (const f of findings) {
    if (f.status === 'waived') summary.waived++;
    else summary[f.severity]++;
  }
  return { asOf: snapshot.asOf, summary, findings };
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

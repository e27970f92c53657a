import type { Finding, FindingSubject, Lang, Severity } from './finding';
import { catalog } from './engine';

/** Findings of one rule at one severity: what a DPO reads once, then the subjects it applies to. */
export interface RuleGroup {
  /** Stable: `ruleId:severity`. */
  id: string;
  ruleId: string;
  severity: Severity;
  title: string;
  /** The rule's reference; each finding keeps its own (a contract clause, an article). */
  reference: string;
  /** The remediation shared by the group's findings, when they share one. */
  remediation: string | null;
  count: number;
  open: number;
  waived: number;
  subjects: FindingSubject[];
  /** Every finding of the group, each still addressable by its id (waivers name them). */
  findings: Finding[];
}

/** The findings about one record: a provider with no DPA, no breach period and no location reads as one line. */
export interface SubjectGroup {
  /** Stable: `type:id`. */
  id: string;
  subject: FindingSubject;
  /** The most severe open finding's severity (or the most severe, when all are waived). */
  severity: Severity;
  count: number;
  open: number;
  ruleIds: string[];
  findings: Finding[];
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Groups per rule and severity, in the order of the findings (most severe first, catalog order). */
export function groupByRule(findings: readonly Finding[], lang: Lang = 'fr'): RuleGroup[] {
  const rules = new Map(catalog(lang).map((r) => [r.id, r]));
  const groups = new Map<string, RuleGroup>();
  for (const f of findings) {
    const id = `${f.ruleId}:${f.severity}`;
    let group = groups.get(id);
    if (!group) {
      const rule = rules.get(f.ruleId);
      group = {
        id,
        ruleId: f.ruleId,
        severity: f.severity,
        title: rule?.title ?? f.ruleId,
        reference: rule?.reference ?? f.reference,
        remediation: f.remediation,
        count: 0,
        open: 0,
        waived: 0,
        subjects: [],
        findings: [],
      };
      groups.set(id, group);
    }
    group.count++;
    if (f.status === 'waived') group.waived++;
    else group.open++;
    if (!group.subjects.some((s) => s.type === f.subject.type && s.id === f.subject.id)) group.subjects.push(f.subject);
    if (group.remediation !== f.remediation) group.remediation = null;
    group.findings.push(f);
  }
  return [...groups.values()];
}

/** Groups per subject, the subjects with the most severe open findings first, then by name. */
export function groupBySubject(findings: readonly Finding[]): SubjectGroup[] {
  const groups = new Map<string, SubjectGroup>();
  for (const f of findings) {
    const id = `${f.subject.type}:${f.subject.id}`;
    const group = groups.get(id) ?? {
      id,
      subject: f.subject,
      severity: f.severity,
      count: 0,
      open: 0,
      ruleIds: [],
      findings: [],
    };
    group.count++;
    if (f.status !== 'waived') group.open++;
    if (!group.ruleIds.includes(f.ruleId)) group.ruleIds.push(f.ruleId);
    group.findings.push(f);
    groups.set(id, group);
  }
  for (const g of groups.values()) {
    const open = g.findings.filter((f) => f.status !== 'waived');
    g.severity = (open.length ? open : g.findings)
      .map((f) => f.severity)
      .reduce((a, b) => (SEVERITY_ORDER[b] < SEVERITY_ORDER[a] ? b : a));
  }
  return [...groups.values()].sort(
    (a, b) =>
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      b.open - a.open ||
      a.subject.name.localeCompare(b.subject.name, 'fr') ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

import type { SubjectType, SubjectRef } from '../snapshot/snapshot';
import type { Localized } from '../common/i18n';

export { joinList, l, LANGS } from '../common/i18n';
export type { Lang, Localized } from '../common/i18n';

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export type { SubjectType };

/** The record a finding is about. */
export type FindingSubject = SubjectRef;

/** What a rule returns: texts in both languages; the engine picks one. */
export interface RuleFinding {
  ruleId: string;
  severity: Severity;
  subject: FindingSubject;
  /** Distinguishes several findings of one rule on one subject (a country, a field, an activity). */
  detail?: string;
  message: Localized;
  reference: Localized;
  evidence: Record<string, unknown>;
  remediation: Localized;
}

export interface Finding {
  /** Stable identity across evaluations: what a waiver names. */
  id: string;
  ruleId: string;
  severity: Severity;
  subject: FindingSubject;
  message: string;
  reference: string;
  evidence: Record<string, unknown>;
  remediation: string;
  status: 'open' | 'waived';
  waiver?: { key: string; reason: string; until: string };
}

export interface RuleMeta {
  id: string;
  /** The most severe level the rule reports. */
  severity: Severity;
  title: Localized;
  reference: Localized;
  description: Localized;
}

export function findingId(f: Pick<RuleFinding, 'ruleId' | 'subject' | 'detail'>): string {
  const base = `${f.ruleId}:${f.subject.type}:${f.subject.id}`;
  return f.detail ? `${base}:${f.detail}` : base;
}

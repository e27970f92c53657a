import type { FindingsReport } from '../compliance/compliance.service';
import { groupByRule, groupBySubject } from '../compliance/groups';
import type { Lang } from '../compliance/finding';
import type { Timeline } from '../deadlines/breach-timeline';

const LABELS = {
  fr: {
    error: 'ERREUR',
    warning: 'ALERTE',
    info: 'INFO',
    waived: 'dérogé',
    none: 'Aucun constat.',
    on: 'au',
    findings: 'constat(s)',
    flat: 'Détail de chaque constat : registre check --view findings',
  },
  en: {
    error: 'ERROR',
    warning: 'WARNING',
    info: 'INFO',
    waived: 'waived',
    none: 'No findings.',
    on: 'as of',
    findings: 'finding(s)',
    flat: 'Every finding in full: registre check --view findings',
  },
} as const;

function summaryLine(report: FindingsReport, lang: Lang): string {
  const t = LABELS[lang];
  const { error, warning, info, waived } = report.summary;
  return `${report.organisation.name} (${report.organisation.slug}) ${t.on} ${report.asOf}: ${error} ${t.error}, ${warning} ${t.warning}, ${info} ${t.info}, ${waived} ${t.waived}`;
}

/**
 * Findings grouped per rule and severity (the default): the rule, its reference and shared remediation
 * once, then one line per subject with the finding's id (what a waiver names).
 */
export function groupsTable(report: FindingsReport, lang: Lang): string {
  const t = LABELS[lang];
  const lines = [summaryLine(report, lang), ''];
  if (!report.findings.length) lines.push(t.none);
  for (const g of groupByRule(report.findings, lang)) {
    lines.push(
      `${t[g.severity].padEnd(8)} ${g.ruleId} — ${g.title} (${g.count}${g.waived ? `, ${g.waived} ${t.waived}` : ''})`,
    );
    lines.push(`         ${g.reference}${g.remediation ? ` · ${g.remediation}` : ''}`);
    for (const f of g.findings) {
      lines.push(`         - ${f.subject.name}${f.status === 'waived' ? ` (${t.waived})` : ''}  [${f.id}]`);
      if (g.findings.length === 1 || !g.remediation) lines.push(`           ${f.message}`);
    }
    lines.push('');
  }
  if (report.findings.length) lines.push(t.flat);
  return lines.join('\n');
}

/** Findings grouped per record: each subject once, with the rules it fails. */
export function subjectsTable(report: FindingsReport, lang: Lang): string {
  const t = LABELS[lang];
  const lines = [summaryLine(report, lang), ''];
  if (!report.findings.length) lines.push(t.none);
  for (const g of groupBySubject(report.findings)) {
    lines.push(
      `${t[g.severity].padEnd(8)} ${g.subject.type} ${g.subject.id} — ${g.subject.name} (${g.count} ${t.findings})`,
    );
    for (const f of g.findings) {
      lines.push(
        `         - ${t[f.severity]}${f.status === 'waived' ? ` (${t.waived})` : ''} ${f.ruleId}: ${f.message}  [${f.id}]`,
      );
    }
    lines.push('');
  }
  return lines.join('\n');
}

/** Findings as a readable list for a terminal: one block per finding, a summary line first. */
export function findingsTable(report: FindingsReport, lang: Lang): string {
  const t = LABELS[lang];
  const lines = [summaryLine(report, lang), ''];
  if (!report.findings.length) lines.push(t.none);
  for (const f of report.findings) {
    const level = f.status === 'waived' ? `${t[f.severity]} (${t.waived})` : t[f.severity];
    lines.push(`${level.padEnd(8)} ${f.ruleId}  ${f.subject.type} ${f.subject.id} — ${f.subject.name}`);
    lines.push(`         ${f.message}`);
    lines.push(`         ${f.reference} · ${f.remediation}`);
    lines.push('');
  }
  return lines.join('\n');
}

/** A breach timeline for a terminal: one line per step. */
export function timelineTable(timeline: Timeline): string {
  const lines = [
    `${timeline.breach.title} (${timeline.breach.key}, risque ${timeline.breach.riskLevel}) — au ${timeline.at}`,
    '',
  ];
  for (const s of timeline.steps) {
    lines.push(
      `${String(s.order).padStart(2)}. ${s.from.name} → ${s.to.name}  [${s.status}]`,
      `    horloge : ${s.clockStartsAt ?? '—'} (${s.clockSource}) · délai : ${s.period ?? 'sans délai injustifié'} · échéance : ${s.due ?? '—'} · notifié : ${s.notifiedAt ?? '—'}`,
      `    ${s.basis.fr}`,
    );
  }
  return lines.join('\n');
}

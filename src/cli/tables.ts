import type { FindingsReport } from '../compliance/compliance.service';
import type { Lang } from '../compliance/finding';
import type { Timeline } from '../deadlines/breach-timeline';

const LABELS = {
  fr: { error: 'ERREUR', warning: 'ALERTE', info: 'INFO', waived: 'dérogé', none: 'Aucun constat.', on: 'au' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO', waived: 'waived', none: 'No findings.', on: 'as of' },
} as const;

/** Findings as a readable list for a terminal: one block per finding, a summary line first. */
export function findingsTable(report: FindingsReport, lang: Lang): string {
  const t = LABELS[lang];
  const { error, warning, info, waived } = report.summary;
  const lines = [
    `${report.organisation.name} (${report.organisation.slug}) ${t.on} ${report.asOf}: ${error} ${t.error}, ${warning} ${t.warning}, ${info} ${t.info}, ${waived} ${t.waived}`,
    '',
  ];
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

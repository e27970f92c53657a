import type { ImportPreview } from '../spreadsheets/import.service';
import type { SubprocessorListPreview } from '../spreadsheets/subprocessor-list.service';
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

interface PreviewLike {
  summary: { errors: number; warnings: number };
  problems: { severity: 'error' | 'warning' | 'info' }[];
  messages: string[];
  applied: boolean;
}

/** An import's plan for a terminal: what it does by collection, then every problem, located. */
export function importTable(preview: ImportPreview): string {
  const lines: string[] = [];
  const s = preview.source;
  const layout = {
    bundle: 'bundle',
    'registre-workbook': "Registre's workbook",
    'cnil-register': 'CNIL register template',
  }[s.layout];
  lines.push(`${s.file ?? 'file'}: ${layout} (${s.format.toUpperCase()})`);
  for (const sheet of s.sheets)
    lines.push(`  sheet "${sheet.sheet}": ${sheet.as}${sheet.rows ? ` (${sheet.rows} row(s))` : ''}`);
  lines.push(
    `organisation ${preview.organisation.slug}: ${preview.organisation.action}${preview.organisation.fields ? ` (${preview.organisation.fields.join(', ')})` : ''}`,
  );
  const byCollection = new Map<string, Record<string, number>>();
  for (const r of preview.records) {
    const counts = byCollection.get(r.collection) ?? {};
    counts[r.action] = (counts[r.action] ?? 0) + 1;
    byCollection.set(r.collection, counts);
  }
  for (const [collection, counts] of byCollection) {
    lines.push(
      `  ${collection}: ${Object.entries(counts)
        .map(([a, n]) => `${n} ${a}`)
        .join(', ')}`,
    );
  }
  for (const r of preview.records.filter((x) => x.action === 'change' || x.action === 'delete')) {
    lines.push(`    ${r.action} ${r.collection} ${r.key}${r.fields ? `: ${r.fields.join(', ')}` : ''}`);
  }
  lines.push(...problemLines(preview));
  lines.push(
    verdict(
      preview,
      `${preview.summary.create} created, ${preview.summary.change} changed, ${preview.summary.delete} deleted`,
    ),
  );
  return lines.join('\n');
}

/** A provider's list compared with the recorded chain, for a terminal. */
export function subprocessorListTable(preview: SubprocessorListPreview): string {
  const lines = [preview.message];
  for (const c of preview.changes) {
    const move = c.from || c.to ? ` (${c.from ?? '—'} → ${c.to ?? '—'})` : '';
    lines.push(
      `  ${c.kind.padEnd(16)} ${c.subprocessor.name}${c.subprocessor.new ? ' [new subcontractor]' : ''}${move}${c.row ? ` — row ${c.row}` : ''}`,
    );
  }
  if (preview.unchanged.length) lines.push(`  unchanged        ${preview.unchanged.map((u) => u.name).join(', ')}`);
  lines.push(...problemLines(preview));
  lines.push(
    preview.noChanges ? 'nothing to write' : verdict(preview, `${preview.changes.length} change notice(s) recorded`),
  );
  return lines.join('\n');
}

function problemLines(preview: PreviewLike): string[] {
  const lines: string[] = [];
  for (const severity of ['error', 'warning', 'info'] as const) {
    const messages = preview.messages.filter((_, i) => preview.problems[i]?.severity === severity);
    if (!messages.length) continue;
    lines.push(
      `${severity === 'error' ? 'errors' : severity === 'warning' ? 'warnings' : 'notes'} (${messages.length}):`,
    );
    for (const m of messages) lines.push(`  ${m.replace(/^(error|warning|info): /, '')}`);
  }
  return lines;
}

function verdict(preview: PreviewLike, written: string): string {
  if (preview.applied) return `written: ${written}`;
  return preview.summary.errors ? 'not written: fix the errors above, then import again' : 'dry run: nothing written';
}

import { capitalize } from '../common/i18n';
import { breachTimeline } from '../deadlines/breach-timeline';
import { l, Localized } from '../compliance/finding';
import { holderOf, SnapshotIndex, treatmentKeys } from '../snapshot/snapshot-index';
import { reliedCertificates } from '../compliance/rules/certificates';
import { certificateKind } from '../reference/reference-data';
import { certificateFamily, endNote } from '../subcontractors/certificate-validity';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import { addDays, daysBetween } from '../common/calendar-date';
import { contractEvents, objectionWindow } from '../deadlines/calendar-feed';

export const DEFAULT_THRESHOLDS = [90, 60, 30, 14, 7, 1];
export const OBJECTION_WARNING_DAYS = 7;
export const BREACH_WARNING_HOURS = 24;
export const NOTICE_WARNING_DAYS = 30;

export const ALERT_KINDS = [
  'certificate-expiring',
  'certificate-expired',
  'objection-window-closing',
  'breach-step-due',
  'breach-step-overdue',
  'termination-notice',
] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface AlertCandidate {
  /** Unique per organisation: subject, kind and threshold. The database refuses a second copy. */
  dedupeKey: string;
  kind: AlertKind;
  subjectType: string;
  subjectKey: string;
  subjectName: string;
  threshold: string | null;
  due: string | null;
  message: Localized;
  treatments: string[];
}

/**
 * What deserves an alert on the snapshot's day (`now` for instants). Pure. A certificate raises only
 * the nearest threshold it has reached, so a scan after days of downtime sends one alert, not a flood.
 */
export function alertCandidates(
  snapshot: ComplianceSnapshot,
  now: string,
  thresholds = DEFAULT_THRESHOLDS,
): AlertCandidate[] {
  const ctx = new SnapshotIndex(snapshot);
  const asOf = snapshot.asOf;
  const sorted = [...new Set(thresholds)].sort((a, b) => a - b);
  const out: AlertCandidate[] = [];

  for (const { certificate: c, treatments, supersededBy } of reliedCertificates(ctx)) {
    if (supersededBy) continue;
    const ended = ctx.certificateEnd(c);
    const end = ended.date;
    const kind = certificateKind(c.kind);
    const note = endNote(ended);
    if (!end) continue;
    const days = daysBetween(asOf, end);
    const holder = ctx.holderName(c);
    const subject = { subjectType: 'certificate', subjectKey: c.key, subjectName: `${kind.short} ${holder}` };
    const names = treatmentKeys(treatments, 50);
    if (days < 0) {
      const renewed = ctx
        .certificatesOf(holderOf(c))
        .some((o) => certificateFamily(o.kind) === certificateFamily(c.kind) && ctx.isValidOn(o));
      if (renewed) continue;
      out.push({
        ...subject,
        dedupeKey: `certificate-expired:certificate:${c.key}:${end}`,
        kind: 'certificate-expired',
        threshold: 'expired',
        due: end,
        treatments: names,
        message: l(
          `${capitalize(kind.frThe)} de ${holder} a expiré le ${end}${note.fr} ; ${treatments.length} traitement(s) en dépendent encore : ${names.join(', ')}.`,
          `${capitalize(kind.enThe)} of ${holder} expired on ${end}${note.en}; ${treatments.length} treatment(s) still rely on it: ${names.join(', ')}.`,
        ),
      });
      continue;
    }
    const threshold = sorted.find((t) => days <= t);
    if (threshold === undefined) continue;
    out.push({
      ...subject,
      dedupeKey: `certificate-expiring:certificate:${c.key}:${end}:${threshold}`,
      kind: 'certificate-expiring',
      threshold: String(threshold),
      due: end,
      treatments: names,
      message: l(
        `${capitalize(kind.frThe)} de ${holder} expire dans ${days} jour(s), le ${end}${note.fr} (seuil ${threshold} j). Traitements concernés : ${names.join(', ')}.`,
        `${capitalize(kind.enThe)} of ${holder} expires in ${days} day(s), on ${end}${note.en} (${threshold}-day threshold). Treatments: ${names.join(', ')}.`,
      ),
    });
  }

  for (const change of snapshot.subprocessorChanges) {
    const window = objectionWindow(snapshot, change, ctx);
    if (window.status !== 'open' || window.daysLeft === null || window.daysLeft > OBJECTION_WARNING_DAYS) continue;
    const e = ctx.engagement(change.engagement);
    const names = e ? treatmentKeys(ctx.treatmentsRelyingOn(e.key), 50) : [];
    out.push({
      dedupeKey: `objection-window-closing:subprocessor-change:${change.key}:${window.windowEndsOn}`,
      kind: 'objection-window-closing',
      subjectType: 'subprocessor-change',
      subjectKey: change.key,
      subjectName: window.subprocessor,
      threshold: String(OBJECTION_WARNING_DAYS),
      due: window.windowEndsOn,
      treatments: names,
      message: l(
        `Le délai d'opposition à ${window.subprocessor} se termine le ${window.windowEndsOn} (${window.daysLeft} jour(s)). Traitements concernés : ${names.join(', ') || '—'}.`,
        `The objection window for ${window.subprocessor} closes on ${window.windowEndsOn} (${window.daysLeft} day(s)). Treatments: ${names.join(', ') || '—'}.`,
      ),
    });
  }

  const nowMs = Date.parse(now);
  for (const breach of snapshot.breaches) {
    for (const step of breachTimeline(snapshot, breach, now, ctx).steps) {
      if (!step.due || step.notifiedAt) continue;
      const left = Date.parse(step.due) - nowMs;
      const overdue = left < 0;
      if (!overdue && left > BREACH_WARNING_HOURS * 3_600_000) continue;
      const kind = overdue ? 'breach-step-overdue' : 'breach-step-due';
      out.push({
        dedupeKey: `${kind}:breach:${breach.key}:${step.from.key}>${step.to.key}`,
        kind,
        subjectType: 'breach',
        subjectKey: breach.key,
        subjectName: breach.title,
        threshold: overdue ? 'overdue' : `${BREACH_WARNING_HOURS}h`,
        due: step.due,
        treatments: [...(breach.treatments ?? [])],
        message: l(
          `Violation « ${breach.title} » : notification ${step.from.name} → ${step.to.name} ${overdue ? 'en retard, échue le' : 'à faire avant le'} ${step.due}.`,
          `Breach "${breach.title}": notification ${step.from.name} → ${step.to.name} ${overdue ? 'overdue, it was due on' : 'due by'} ${step.due}.`,
        ),
      });
    }
  }

  const horizon = addDays(asOf, NOTICE_WARNING_DAYS);
  for (const e of snapshot.engagements) {
    const notice = contractEvents(ctx, e, asOf, (...parts) => parts.join('-')).find((ev) =>
      ev.uid.startsWith('termination-notice-'),
    );
    if (!notice?.date || notice.date < asOf || notice.date > horizon) continue;
    const name = ctx.subcontractorName(e.provider);
    const names = treatmentKeys(ctx.treatmentsRelyingOn(e.key), 50);
    out.push({
      dedupeKey: `termination-notice:engagement:${e.key}:${notice.date}`,
      kind: 'termination-notice',
      subjectType: 'engagement',
      subjectKey: e.key,
      subjectName: name,
      threshold: String(NOTICE_WARNING_DAYS),
      due: notice.date,
      treatments: names,
      message: l(
        `Contrat ${name} : dernier jour pour le dénoncer le ${notice.date}. Traitements concernés : ${names.join(', ') || '—'}.`,
        `Contract with ${name}: last day to give notice on ${notice.date}. Treatments: ${names.join(', ') || '—'}.`,
      ),
    });
  }
  return out;
}

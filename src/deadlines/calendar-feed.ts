import { certificateKind } from '../reference/reference-data';
import { endNote } from '../subcontractors/certificate-validity';
import { breachTimeline } from './breach-timeline';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import type { ComplianceSnapshot, Engagement, SubprocessorChange } from '../snapshot/snapshot';
import type { PeriodDto } from '../common/shared.dto';
import { addDays, addMonths, addYears, daysBetween } from '../common/calendar-date';
import { computeDeadline } from './deadline';
import { l, Localized } from '../common/i18n';
import { opensObjectionWindow } from '../reference/vocabulary';

/** One dated thing a DPO wants in a calendar. All-day events carry `date`; timed ones `instant`. */
export interface CalendarEvent {
  uid: string;
  summary: string;
  /** The summary in both languages (the feed is French; pages follow the reader's language). */
  title: Localized;
  /** The record it is about, for a link. */
  subject: { type: 'certificate' | 'subprocessor-change' | 'breach' | 'engagement'; key: string };
  description: string;
  date?: string;
  instant?: string;
  category: 'certificate' | 'objection-window' | 'breach' | 'contract';
}

/**
 * The organisation's dated obligations: certificate expiries, objection-window ends, breach
 * notification deadlines, contract end and termination-notice dates. UIDs are stable (kind + record
 * key + organisation) so a calendar client updates an event instead of adding a copy.
 */
export function calendarEvents(snapshot: ComplianceSnapshot, now: string): CalendarEvent[] {
  const ctx = new SnapshotIndex(snapshot);
  const slug = snapshot.organisation.slug;
  const uid = (...parts: string[]) => `${parts.join('-')}@${slug}.registre`;
  const events: CalendarEvent[] = [];
  for (const c of snapshot.certificates) {
    const end = ctx.certificateEnd(c);
    if (!end.date) continue;
    const holder = ctx.holderName(c);
    events.push({
      uid: uid('certificate-expiry', c.key),
      category: 'certificate',
      date: end.date,
      ...titled(
        l(
          `Fin de validité : ${certificateKind(c.kind).short} ${holder}${c.number ? ` n° ${c.number}` : ''}`,
          `End of validity: ${certificateKind(c.kind).short} ${holder}${c.number ? ` no. ${c.number}` : ''}`,
        ),
      ),
      subject: { type: 'certificate', key: c.key },
      description: `Dernier jour de validité de ${certificateKind(c.kind).frThe} de ${holder}${endNote(end).fr}.`,
    });
  }
  for (const change of snapshot.subprocessorChanges) {
    const e = ctx.engagement(change.engagement);
    if (!e?.objectionWindowDays) continue;
    const window = objectionWindow(snapshot, change, ctx);
    if (!window.windowEndsOn) continue;
    events.push({
      uid: uid('objection-window', change.key),
      category: 'objection-window',
      date: window.windowEndsOn,
      ...titled(
        l(
          `Fin du délai d'opposition : ${ctx.subcontractorName(change.subprocessor)} (${ctx.subcontractorName(e.provider)})`,
          `Objection window ends: ${ctx.subcontractorName(change.subprocessor)} (${ctx.subcontractorName(e.provider)})`,
        ),
      ),
      subject: { type: 'subprocessor-change', key: change.key },
      description: `Délai de ${e.objectionWindowDays} jours à compter de la réception de l'avis (${change.noticeReceivedAt}).`,
    });
  }
  for (const breach of snapshot.breaches) {
    for (const step of breachTimeline(snapshot, breach, now, ctx).steps) {
      if (!step.due || step.notifiedAt) continue;
      events.push({
        uid: uid('breach', breach.key, step.from.key, step.to.key),
        category: 'breach',
        instant: step.due,
        ...titled(
          l(
            `Violation « ${breach.title} » : notification ${step.from.name} → ${step.to.name}`,
            `Breach “${breach.title}”: notification ${step.from.name} → ${step.to.name}`,
          ),
        ),
        subject: { type: 'breach', key: breach.key },
        description: `Échéance ${step.due} (${step.period ?? ''}, ${step.basis.fr}).`,
      });
    }
  }
  for (const e of snapshot.engagements) events.push(...contractEvents(ctx, e, snapshot.asOf, uid));
  return events.sort(
    (a, b) => (a.date ?? a.instant ?? '').localeCompare(b.date ?? b.instant ?? '') || a.uid.localeCompare(b.uid),
  );
}

const titled = (title: Localized) => ({ summary: title.fr, title });

function addPeriod(date: string, period: PeriodDto, sign = 1): string | undefined {
  switch (period.unit) {
    case 'calendar-days':
      return addDays(date, sign * period.value);
    case 'weeks':
      return addDays(date, sign * 7 * period.value);
    case 'months':
      return addMonths(date, sign * period.value);
    case 'years':
      return addYears(date, sign * period.value);
    default:
      return undefined;
  }
}

export interface ObjectionWindow {
  change: string;
  subprocessor: string;
  noticeReceivedAt: string;
  windowDays: number | null;
  windowEndsOn: string | null;
  due: string | null;
  plannedEffectiveOn: string | null;
  status: 'open' | 'closed' | 'objected' | 'no-window' | 'not-applicable';
  daysLeft: number | null;
  rule: string[];
}

/** Where a sub-processor change stands on the snapshot's day (Art. 28(2); window per the contract). */
export function objectionWindow(
  snapshot: ComplianceSnapshot,
  change: SubprocessorChange,
  ctx: SnapshotIndex = new SnapshotIndex(snapshot),
): ObjectionWindow {
  const e = ctx.engagement(change.engagement);
  const days = e?.objectionWindowDays;
  const base = {
    change: change.key,
    subprocessor: ctx.subcontractorName(change.subprocessor),
    noticeReceivedAt: change.noticeReceivedAt,
    plannedEffectiveOn: change.plannedEffectiveOn ?? null,
  };
  if (days === undefined || !opensObjectionWindow(change.kind)) {
    return {
      ...base,
      windowDays: null,
      windowEndsOn: null,
      due: null,
      status: !opensObjectionWindow(change.kind) ? 'not-applicable' : change.objection ? 'objected' : 'no-window',
      daysLeft: null,
      rule: [],
    };
  }
  const rule = e?.deadlines?.find((d) => d.kind === 'objection-window');
  const window = computeDeadline(
    change.noticeReceivedAt,
    { value: days, unit: 'calendar-days' },
    { nextWorkingDay: rule?.nextWorkingDay },
  );
  const end = window.dueDate ?? snapshot.asOf;
  const open = snapshot.asOf <= end;
  return {
    ...base,
    windowDays: days,
    windowEndsOn: end,
    due: window.due,
    status: change.objection ? 'objected' : open ? 'open' : 'closed',
    daysLeft: open ? daysBetween(snapshot.asOf, end) : 0,
    rule: window.rule,
  };
}

/** Contract end (the next one on or after the day asked, renewals included) and the last day to give notice. */
export function contractEvents(
  ctx: SnapshotIndex,
  e: Engagement,
  asOf: string,
  uid: (...parts: string[]) => string,
): CalendarEvent[] {
  const term = e.term;
  if (!term) return [];
  let end = term.endsOn ?? (term.startsOn && term.duration ? addPeriod(term.startsOn, term.duration) : undefined);
  if (!end) return [];
  if (term.tacitRenewal && term.renewalPeriod) {
    for (let i = 0; i < 200 && end < asOf; i++) end = addPeriod(end, term.renewalPeriod) ?? asOf;
  }
  const name = ctx.subcontractorName(e.provider);
  const events: CalendarEvent[] = [
    {
      uid: uid('contract-end', e.key),
      category: 'contract',
      date: end,
      ...titled(
        l(
          `${term.tacitRenewal ? 'Échéance (reconduction tacite)' : 'Fin du contrat'} : ${name}`,
          `${term.tacitRenewal ? 'Term ends (tacit renewal)' : 'Contract ends'}: ${name}`,
        ),
      ),
      subject: { type: 'engagement', key: e.key },
      description: term.details ?? `Contrat ${e.key}.`,
    },
  ];
  const notice = term.terminationNotice ? addPeriod(end, term.terminationNotice, -1) : undefined;
  if (notice) {
    events.push({
      uid: uid('termination-notice', e.key),
      category: 'contract',
      date: notice,
      ...titled(l(`Dernier jour pour dénoncer : ${name}`, `Last day to give notice: ${name}`)),
      subject: { type: 'engagement', key: e.key },
      description: `Préavis de ${term.terminationNotice?.value} ${term.terminationNotice?.unit} avant l'échéance du ${end}.`,
    });
  }
  return events;
}

/** RFC 5545 text: CRLF line ends, lines folded at 75 octets, TEXT values escaped. */
export function toIcs(events: CalendarEvent[], options: { name: string; now: string }): string {
  const stamp = icsInstant(options.now);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Registre//Registre calendar//FR',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(options.name)}`,
  ];
  for (const event of events) {
    lines.push('BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${stamp}`);
    if (event.date) {
      lines.push(`DTSTART;VALUE=DATE:${event.date.replace(/-/g, '')}`);
      lines.push(`DTEND;VALUE=DATE:${addDays(event.date, 1).replace(/-/g, '')}`);
    } else if (event.instant) {
      lines.push(`DTSTART:${icsInstant(event.instant)}`);
    }
    lines.push(
      `SUMMARY:${escapeText(event.summary)}`,
      `DESCRIPTION:${escapeText(event.description)}`,
      `CATEGORIES:${event.category.toUpperCase()}`,
      'TRANSP:TRANSPARENT',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function icsInstant(iso: string): string {
  return new Date(iso)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function escapeText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line into 75-octet pieces without splitting a UTF-8 character. */
function fold(line: string): string {
  const out: string[] = [];
  let current = '';
  let size = 0;
  for (const ch of line) {
    const bytes = Buffer.byteLength(ch);
    if (size + bytes > (out.length ? 74 : 75)) {
      out.push(current);
      current = '';
      size = 0;
    }
    current += ch;
    size += bytes;
  }
  out.push(current);
  return out.join('\r\n ');
}

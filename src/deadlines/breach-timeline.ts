import { addDays } from '../common/calendar-date';
import { computeDeadline, parisInstant, toParisIso } from './deadline';
import { l, Localized } from '../common/i18n';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import type { Breach, ComplianceSnapshot, Engagement } from '../snapshot/snapshot';
import { REFERENCE } from '../reference/reference-data';

export type PartyType = 'subcontractor' | 'organisation' | 'controller' | 'cnil' | 'data-subjects';

export interface Party {
  type: PartyType;
  /** The subcontractor key, or the party type for the others (as in a notification's from/to). */
  key: string;
  name: string;
}

export type StepStatus = 'pending' | 'overdue' | 'done-on-time' | 'done-late' | 'done' | 'waiting' | 'not-required';

export interface TimelineStep {
  order: number;
  from: Party;
  to: Party;
  /** When the notifying party became aware (its clock start), if known. */
  clockStartsAt: string | null;
  clockSource: 'awareness' | 'notification-received' | 'unknown';
  /** e.g. "72 h"; null when the law or contract sets only "without undue delay". */
  period: string | null;
  basis: Localized;
  due: string | null;
  notifiedAt: string | null;
  status: StepStatus;
}

export interface Timeline {
  breach: { key: string; title: string; riskLevel: string };
  at: string;
  steps: TimelineStep[];
  summary: { overdue: number; late: number; pending: number };
}

const CNIL_HOURS = REFERENCE.breach.controllerToAuthorityHours;

/** End of a legal day (24:00 Europe/Paris) as an instant: what "as of YYYY-MM-DD" means for a timeline. */
export function endOfParisDay(date: string): string {
  return parisInstant(addDays(date, 1), '00:00:00');
}

/**
 * The notification chain of a breach, derived from the engagements: the discovering sub-processor
 * notifies its processor, … up to the organisation (contract hours, or "without undue delay"); the
 * organisation notifies the CNIL within 72 h of becoming aware (art. 33(1)) unless no risk is likely,
 * its controller clients when it acts as their processor, and the data subjects when the risk is high
 * (art. 34). Hours run continuously. Each step's status is judged at the instant `at`.
 */
export function breachTimeline(
  snapshot: ComplianceSnapshot,
  breach: Breach,
  at: string,
  // A caller that already indexed the snapshot passes its context: no re-indexing per breach.
  ctx: SnapshotIndex = new SnapshotIndex(snapshot),
): Timeline {
  const org = snapshot.organisation;
  // Judged at `at`: what happened later (an awareness, a notification) has not happened yet.
  const atMs = Date.parse(at);
  const happened = (instant: string) => Date.parse(instant) <= atMs;
  const notifications = (breach.notifications ?? []).filter((n) => happened(n.at));
  const awareness = new Map(
    (breach.providerAwareness ?? []).filter((a) => happened(a.at)).map((a) => [a.subcontractor, a.at]),
  );
  const received = (key: string) =>
    notifications
      .filter((n) => n.to === key)
      .map((n) => n.at)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const sent = (from: string, to: string) =>
    notifications
      .filter((n) => n.from === from && n.to === to)
      .map((n) => n.at)
      .sort((a, b) => Date.parse(a) - Date.parse(b))[0];
  const party = (key: string): Party =>
    ctx.subcontractor(key)
      ? { type: 'subcontractor', key, name: ctx.subcontractorName(key) }
      : { type: key as PartyType, key, name: key === 'organisation' ? org.name : key };

  const clockOf = (key: string): { start: string | null; source: TimelineStep['clockSource'] } => {
    const orgAware =
      breach.organisationAwareAt && happened(breach.organisationAwareAt) ? breach.organisationAwareAt : undefined;
    const own = key === 'organisation' ? orgAware : awareness.get(key);
    if (own) return { start: own, source: 'awareness' };
    const heard = received(key);
    return heard ? { start: heard, source: 'notification-received' } : { start: null, source: 'unknown' };
  };

  const steps: TimelineStep[] = [];
  const push = (from: string, to: string, hours: number | undefined, basis: Localized, required = true) => {
    const clock = clockOf(from);
    const due =
      hours !== undefined && clock.start ? computeDeadline(clock.start, { value: hours, unit: 'hours' }).due : null;
    const notifiedAt = sent(from, to) ?? null;
    steps.push({
      order: steps.length + 1,
      from: party(from),
      to: party(to),
      clockStartsAt: clock.start ? toParisIso(clock.start) : null,
      clockSource: clock.source,
      period: hours !== undefined ? `${hours} h` : null,
      basis,
      due,
      notifiedAt: notifiedAt ? toParisIso(notifiedAt) : null,
      status: status({ required, due, notifiedAt, clockKnown: clock.start !== null, at }),
    });
  };

  // Up the chain from the sub-processor that discovered it.
  const seen = new Set<string>();
  let current = breach.discoveredBy;
  while (current && !seen.has(current)) {
    seen.add(current);
    const link: Engagement | undefined =
      ctx.engagementsOf(current).find((e) => !e.client) ?? ctx.engagementsOf(current)[0];
    if (!link) break;
    const to = link.client ?? 'organisation';
    const clause = link.source ? `${link.source.document}${link.source.section ? ` ${link.source.section}` : ''}` : '';
    push(
      current,
      to,
      link.breachNoticeHours,
      link.breachNoticeHours !== undefined
        ? l(`Contrat : ${clause || link.key}`, `Contract: ${clause || link.key}`)
        : l('RGPD art. 33(2) : sans délai injustifié', 'GDPR Art. 33(2): without undue delay'),
    );
    current = link.client;
  }

  const concerned = (breach.treatments ?? []).map((k) => snapshot.treatments.find((t) => t.key === k)).filter(Boolean);
  const asProcessor = concerned.length > 0 && concerned.every((t) => t?.role === 'processor');
  const asController = !asProcessor;
  if (concerned.some((t) => t?.role === 'processor')) {
    const hours = org.processorTerms?.breachNoticeHours;
    push(
      'organisation',
      'controller',
      hours,
      hours !== undefined
        ? l('Engagements de sous-traitant de l’organisme', 'The organisation’s processor terms')
        : l('RGPD art. 33(2) : sans délai injustifié', 'GDPR Art. 33(2): without undue delay'),
    );
  }
  if (asController) {
    push(
      'organisation',
      'cnil',
      CNIL_HOURS,
      breach.riskLevel === 'unlikely'
        ? l(
            'RGPD art. 33(1) : pas de notification, risque improbable (documenter, art. 33(5))',
            'GDPR Art. 33(1): no notification, risk unlikely (document it, Art. 33(5))',
          )
        : l(
            'RGPD art. 33(1) : 72 heures après en avoir pris connaissance',
            'GDPR Art. 33(1): 72 hours after becoming aware',
          ),
      breach.riskLevel !== 'unlikely',
    );
    if (breach.riskLevel === 'high') {
      push(
        'organisation',
        'data-subjects',
        undefined,
        l('RGPD art. 34(1) : sans délai injustifié, risque élevé', 'GDPR Art. 34(1): without undue delay, high risk'),
      );
    }
  }
  return {
    breach: { key: breach.key, title: breach.title, riskLevel: breach.riskLevel },
    at: toParisIso(at),
    steps,
    summary: {
      overdue: steps.filter((s) => s.status === 'overdue').length,
      late: steps.filter((s) => s.status === 'done-late').length,
      pending: steps.filter((s) => s.status === 'pending').length,
    },
  };
}

function status(s: {
  required: boolean;
  due: string | null;
  notifiedAt: string | undefined;
  clockKnown: boolean;
  at: string;
}): StepStatus {
  if (!s.required) return 'not-required';
  if (s.notifiedAt) {
    if (!s.due) return 'done';
    return Date.parse(s.notifiedAt) <= Date.parse(s.due) ? 'done-on-time' : 'done-late';
  }
  if (!s.clockKnown) return 'waiting';
  if (s.due && Date.parse(s.at) > Date.parse(s.due)) return 'overdue';
  return 'pending';
}

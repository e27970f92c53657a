import type { Engagement } from '../snapshot/snapshot';
import type { DeadlineKind, PeriodUnit } from '../reference/vocabulary';

export interface ContractDeadline {
  kind: DeadlineKind;
  origin: 'contract' | 'law';
  period: { value: number; unit: PeriodUnit } | null;
  nextWorkingDay: boolean;
  description: string;
  reference: string;
}

/** What the law says when a contract is silent: shown as defaults, never as contract terms. */
const LAW_DEFAULTS: ContractDeadline[] = [
  {
    kind: 'breach-notice',
    origin: 'law',
    period: null,
    nextWorkingDay: false,
    description: 'Notifier le responsable sans délai injustifié après en avoir pris connaissance',
    reference: 'RGPD art. 33(2)',
  },
  {
    kind: 'objection-window',
    origin: 'law',
    period: null,
    nextWorkingDay: false,
    description:
      "Informer de tout ajout ou remplacement de sous-traitant ultérieur, en laissant la possibilité d'émettre des objections (délai non fixé par la loi)",
    reference: 'RGPD art. 28(2)',
  },
  {
    kind: 'data-subject-request',
    origin: 'law',
    period: { value: 1, unit: 'months' },
    nextWorkingDay: false,
    description:
      "Aider le responsable à répondre aux demandes d'exercice des droits, auxquelles il répond dans un délai d'un mois (prolongeable de deux mois)",
    reference: 'RGPD art. 12(3), 28(3)(e)',
  },
  {
    kind: 'data-return',
    origin: 'law',
    period: null,
    nextWorkingDay: false,
    description: 'Supprimer ou renvoyer les données au terme de la prestation, au choix du responsable',
    reference: 'RGPD art. 28(3)(g)',
  },
  {
    kind: 'audit-notice',
    origin: 'law',
    period: null,
    nextWorkingDay: false,
    description: 'Permettre la réalisation d’audits, y compris des inspections (préavis non fixé par la loi)',
    reference: 'RGPD art. 28(3)(h)',
  },
];

/** An engagement's deadlines: the contract's, then the law's defaults for every kind the contract leaves out. */
export function contractDeadlines(e: Engagement): ContractDeadline[] {
  const source = (s: { document: string; section?: string } | undefined) =>
    s ? `${s.document}${s.section ? ` ${s.section}` : ''}` : `engagement ${e.key}`;
  const own: ContractDeadline[] = (e.deadlines ?? []).map((d) => ({
    kind: d.kind,
    origin: 'contract',
    period: d.period ? { value: d.period.value, unit: d.period.unit } : null,
    nextWorkingDay: d.nextWorkingDay ?? false,
    description: d.description,
    reference: source(d.source ?? e.source),
  }));
  if (e.breachNoticeHours !== undefined && !own.some((d) => d.kind === 'breach-notice')) {
    own.unshift({
      kind: 'breach-notice',
      origin: 'contract',
      period: { value: e.breachNoticeHours, unit: 'hours' },
      nextWorkingDay: false,
      description: 'Notification des violations de données',
      reference: source(e.source),
    });
  }
  if (e.objectionWindowDays !== undefined && !own.some((d) => d.kind === 'objection-window')) {
    own.push({
      kind: 'objection-window',
      origin: 'contract',
      period: { value: e.objectionWindowDays, unit: 'calendar-days' },
      nextWorkingDay: false,
      description: "Délai d'opposition à un nouveau sous-traitant ultérieur",
      reference: source(e.source),
    });
  }
  const covered = new Set(own.map((d) => d.kind));
  return [...own, ...LAW_DEFAULTS.filter((d) => !covered.has(d.kind))];
}

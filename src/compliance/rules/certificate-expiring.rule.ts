import { daysBetween } from '../../common/calendar-date';
import { iso27001Edition } from '../../reference/reference-data';
import type { Certificate } from '../../snapshot/snapshot';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { reliedCertificates } from './certificates';

export const DEFAULT_EXPIRY_HORIZON_DAYS = 90;

/** The printed (or derived) end, brought forward to the end of a withdrawn edition (ISO 27001:2013). */
function effectiveEnd(ctx: SnapshotIndex, c: Certificate): { date?: string; derived: boolean } {
  const end = ctx.certificateEnd(c);
  const editionEnd = c.kind === 'iso-27001' ? iso27001Edition(c.edition)?.validUntil : undefined;
  if (editionEnd && (!end.date || editionEnd < end.date)) return { date: editionEnd, derived: true };
  return end;
}

export const certificateExpiring: Rule = {
  id: 'certificate.expiring',
  severity: 'warning',
  title: l('Certificat bientôt expiré', 'Certificate expiring soon'),
  reference: l('RGPD art. 28(1), 32', 'GDPR Art. 28(1), 32'),
  description: l(
    "Un certificat sur lequel repose un traitement en cours expire dans l'horizon de l'organisation (90 jours par défaut), sans renouvellement enregistré.",
    "A certificate a treatment in use relies on ends within the organisation's horizon (90 days by default), with no renewal recorded.",
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const horizon = ctx.organisation.settings?.expiryHorizonDays ?? DEFAULT_EXPIRY_HORIZON_DAYS;
    const findings: RuleFinding[] = [];
    for (const { certificate: c, treatments, supersededBy } of reliedCertificates(ctx)) {
      if (!ctx.isValidOn(c) || supersededBy) continue;
      const end = effectiveEnd(ctx, c);
      if (!end.date) continue;
      const days = daysBetween(ctx.asOf, end.date);
      if (days > horizon) continue;
      const holder = ctx.subcontractorName(c.subcontractor);
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfCertificate(c),
        message: l(
          days === 0
            ? `Le certificat ${c.kind.toUpperCase()} de ${holder} expire aujourd'hui (${end.date}, dernier jour de validité).`
            : `Le certificat ${c.kind.toUpperCase()} de ${holder} expire dans ${days} jour(s), le ${end.date}.`,
          days === 0
            ? `The ${c.kind.toUpperCase()} certificate of ${holder} expires today (${end.date}, last valid day).`
            : `The ${c.kind.toUpperCase()} certificate of ${holder} expires in ${days} day(s), on ${end.date}.`,
        ),
        reference: this.reference,
        evidence: {
          holder,
          kind: c.kind,
          validTo: end.date,
          endDerived: end.derived,
          daysLeft: days,
          horizonDays: horizon,
          asOf: ctx.asOf,
          treatments: treatmentKeys(treatments),
        },
        remediation: l(
          'Demander au prestataire son certificat renouvelé (ou la date de l’audit de renouvellement).',
          'Ask the provider for its renewed certificate (or the date of the renewal audit).',
        ),
      });
    }
    return findings;
  },
};

import { capitalize } from '../../common/i18n';
import { daysBetween } from '../../common/calendar-date';
import { certificateKind } from '../../reference/reference-data';
import { endNote } from '../../subcontractors/certificate-validity';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { reliedCertificates } from './certificates';

export const DEFAULT_EXPIRY_HORIZON_DAYS = 90;

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
      const end = ctx.certificateEnd(c);
      if (!end.date) continue;
      const days = daysBetween(ctx.asOf, end.date);
      if (days > horizon) continue;
      const holder = ctx.holderName(c);
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfCertificate(c),
        message: l(
          days === 0
            ? `${capitalize(certificateKind(c.kind).frThe)} de ${holder} expire aujourd'hui (${end.date}, dernier jour de validité)${endNote(end).fr}.`
            : `${capitalize(certificateKind(c.kind).frThe)} de ${holder} expire dans ${days} jour(s), le ${end.date}${endNote(end).fr}.`,
          days === 0
            ? `${capitalize(certificateKind(c.kind).enThe)} of ${holder} expires today (${end.date}, last valid day)${endNote(end).en}.`
            : `${capitalize(certificateKind(c.kind).enThe)} of ${holder} expires in ${days} day(s), on ${end.date}${endNote(end).en}.`,
        ),
        reference: this.reference,
        evidence: {
          holder,
          kind: c.kind,
          validTo: end.date,
          endDerived: end.derived,
          endSource: end.source,
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

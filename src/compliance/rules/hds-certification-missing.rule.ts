import type { HdsActivityCode } from '../../reference/hds-activities';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { activityNumbers, describeActivities, hasUnverifiedHdsClaim, healthChains, validHdsCertificates } from './hds';

export const hdsCertificationMissing: Rule = {
  id: 'hds.certification-missing',
  severity: 'error',
  title: l('Hébergeur de données de santé non certifié', 'Health-data host not certified'),
  reference: l('CSP L.1111-8, R.1111-9', 'CSP L.1111-8, R.1111-9'),
  description: l(
    "Un tiers exerce une activité d'hébergement de données de santé pour un traitement sans certificat HDS valide à la date demandée (un agrément expiré n'est pas un certificat).",
    'A third party performs a health-data hosting activity for a treatment without an HDS certificate valid on the date asked (an expired agrément is no certificate).',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const byHolder = new Map<string, { activities: Set<HdsActivityCode>; treatments: Map<string, Treatment> }>();
    for (const { treatment, chain } of healthChains(ctx)) {
      for (const e of chain) {
        if (!e.hdsActivities?.length || validHdsCertificates(ctx, e.provider).length) continue;
        // A claim with no certificate on file is certificate.evidence-missing, not a proven absence.
        if (hasUnverifiedHdsClaim(ctx, e.provider)) continue;
        const entry = byHolder.get(e.provider) ?? { activities: new Set(), treatments: new Map() };
        e.hdsActivities.forEach((a) => entry.activities.add(a));
        entry.treatments.set(treatment.key, treatment);
        byHolder.set(e.provider, entry);
      }
    }
    return [...byHolder].map(([holder, { activities, treatments }]) => {
      const s = ctx.subcontractor(holder);
      const name = s?.name ?? holder;
      const onFile = ctx.hdsCertificatesOf(holder).map((c) => ({
        key: c.key,
        kind: c.kind,
        validFrom: c.validFrom ?? null,
        validTo: ctx.certificateEnd(c).date ?? null,
      }));
      const ended = onFile.some((c) => c.validTo !== null && c.validTo < ctx.asOf);
      return {
        ruleId: this.id,
        severity: 'error' as const,
        subject: s ? ctx.subjectOfSubcontractor(s) : { type: 'subcontractor' as const, id: holder, name },
        message: l(
          `${name} exerce ${describeActivities(activities, 'fr')} pour des données de santé sans certificat HDS valide au ${ctx.asOf}${ended ? ' (seulement des certificats ou agréments échus)' : ''}.`,
          `${name} performs ${describeActivities(activities, 'en')} for health data with no HDS certificate valid on ${ctx.asOf}${ended ? ' (only ended certificates or agréments)' : ''}.`,
        ),
        reference: this.reference,
        evidence: {
          holder: name,
          activities: activityNumbers(activities),
          hdsCertificates: onFile,
          asOf: ctx.asOf,
          treatments: treatmentKeys([...treatments.values()]),
        },
        remediation: l(
          'Obtenir et enregistrer le certificat HDS en cours de validité couvrant ces activités, ou confier ces activités à un hébergeur certifié.',
          'Obtain and record a current HDS certificate covering these activities, or move them to a certified host.',
        ),
      };
    });
  },
};

import { l, RuleFinding } from '../finding';
import { ORGANISATION_HOLDER, SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Certificate, Engagement, Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { healthChains, isHdsHost, validHdsCertificates } from './hds';

export const hdsScopeUnknown: Rule = {
  id: 'hds.scope-unknown',
  severity: 'warning',
  title: l('Périmètre HDS inconnu', 'HDS scope unknown'),
  reference: l('CSP R.1111-9', 'CSP R.1111-9'),
  description: l(
    "Pour des données de santé, le périmètre d'un certificat HDS valide, ou les activités HDS qu'exerce un hébergeur, ne sont pas enregistrés : la couverture ne peut pas être vérifiée.",
    'For health data, the scope of a valid HDS certificate, or the HDS activities a host performs, are not recorded: coverage cannot be checked.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const certificates = new Map<string, { c: Certificate; treatments: Map<string, Treatment> }>();
    const engagements = new Map<string, { e: Engagement; treatments: Map<string, Treatment> }>();
    const noteCertificate = (c: Certificate, treatment: Treatment) => {
      if (c.hdsActivities !== undefined) return;
      const entry = certificates.get(c.key) ?? { c, treatments: new Map() };
      entry.treatments.set(treatment.key, treatment);
      certificates.set(c.key, entry);
    };
    for (const { treatment, chain, performers } of healthChains(ctx)) {
      if ([...performers.values()].some((list) => list.some((p) => p.holder === ORGANISATION_HOLDER))) {
        for (const c of validHdsCertificates(ctx, ORGANISATION_HOLDER)) noteCertificate(c, treatment);
      }
      for (const e of chain) {
        if (!ctx.hdsActivitiesOf(e).length && isHdsHost(ctx, e)) {
          const entry = engagements.get(e.key) ?? { e, treatments: new Map() };
          entry.treatments.set(treatment.key, treatment);
          engagements.set(e.key, entry);
        }
        for (const c of validHdsCertificates(ctx, e.provider)) noteCertificate(c, treatment);
      }
    }
    const findings: RuleFinding[] = [];
    for (const { c, treatments } of certificates.values()) {
      const holder = ctx.holderName(c);
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfCertificate(c),
        message: l(
          `Le périmètre (activités 1 à 6) du certificat HDS de ${holder} n'est pas enregistré.`,
          `The scope (activities 1 to 6) of ${holder}'s HDS certificate is not recorded.`,
        ),
        reference: this.reference,
        evidence: { holder, certificate: c.key, treatments: treatmentKeys([...treatments.values()]) },
        remediation: l(
          'Relever sur le certificat les activités couvertes et les enregistrer.',
          'Read the covered activities on the certificate and record them.',
        ),
      });
    }
    for (const { e, treatments } of engagements.values()) {
      const name = ctx.subcontractorName(e.provider);
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfEngagement(e),
        message: l(
          `${name} reçoit des données de santé mais les activités d'hébergement (HDS, n° 1 à 6) qu'il exerce, le cas échéant, ne sont pas enregistrées.`,
          `${name} receives health data but the hosting activities (HDS, no. 1 to 6) it performs, if any, are not recorded.`,
        ),
        reference: this.reference,
        evidence: { provider: name, services: e.services ?? [], treatments: treatmentKeys([...treatments.values()]) },
        remediation: l(
          'Indiquer, d’après le contrat, les activités HDS (1 à 6) exercées par ce prestataire.',
          'Record, from the contract, the HDS activities (1 to 6) this provider performs.',
        ),
      });
    }
    return findings;
  },
};

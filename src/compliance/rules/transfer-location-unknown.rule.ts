import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';

/** Art. 30(1)(e) needs the transfers; they cannot be known while a processor's location is not. */
export const transferLocationUnknown: Rule = {
  id: 'transfer.location-unknown',
  severity: 'warning',
  title: l('Lieu de traitement inconnu', 'Processing location unknown'),
  reference: l('RGPD art. 30(1)(e), 44', 'GDPR Art. 30(1)(e), 44'),
  description: l(
    "Un sous-traitant sur lequel repose un traitement n'a aucun pays de traitement enregistré : les transferts ne peuvent pas être vérifiés.",
    'A processor a treatment relies on has no processing country recorded: transfers cannot be checked.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const e of ctx.engagements) {
      if (e.processingCountries?.length || e.processingArea) continue;
      const treatments = ctx.treatmentsRelyingOn(e.key);
      if (!treatments.length) continue;
      const name = ctx.subcontractorName(e.provider);
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfEngagement(e),
        message: l(
          `Aucun pays de traitement n'est enregistré pour ${name} ; les transferts éventuels ne peuvent pas être vérifiés.`,
          `No processing country is recorded for ${name}; possible transfers cannot be checked.`,
        ),
        reference: this.reference,
        evidence: {
          provider: name,
          accessCountries: e.accessCountries ?? [],
          treatments: treatmentKeys(treatments),
          notes: e.notes ?? null,
        },
        remediation: l(
          'Demander au prestataire les pays d’hébergement et d’accès et les enregistrer.',
          'Ask the provider for its hosting and access countries and record them.',
        ),
      });
    }
    return findings;
  },
};

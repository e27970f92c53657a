import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';

/** Art. 30(1)(f): envisaged erasure time limits, per category of data, "where possible". */
export const registerRetentionMissing: Rule = {
  id: 'register.retention-missing',
  severity: 'warning',
  title: l('Durée de conservation non renseignée', 'Retention period missing'),
  reference: l('RGPD art. 30(1)(f), 5(1)(e)', 'GDPR Art. 30(1)(f), 5(1)(e)'),
  description: l(
    "Un traitement dont l'organisation est responsable n'indique pas de durée de conservation, ni globale ni pour chaque catégorie de données.",
    'A treatment the organisation controls gives no retention period, neither overall nor for each data category.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const t of ctx.inUse) {
      if (t.role === 'processor' || t.retention) continue;
      const categories = t.dataCategories ?? [];
      const without = categories.filter((c) => !c.retention).map((c) => c.label);
      if (categories.length > 0 && without.length === 0) continue;
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfTreatment(t),
        message: l(
          without.length
            ? `Aucune durée de conservation pour ${without.length} catégorie(s) de données du traitement « ${t.name} ».`
            : `Le traitement « ${t.name} » n'indique aucune durée de conservation.`,
          without.length
            ? `No retention period for ${without.length} data categor${without.length > 1 ? 'ies' : 'y'} of treatment "${t.name}".`
            : `Treatment "${t.name}" gives no retention period.`,
        ),
        reference: this.reference,
        evidence: { categoriesWithoutRetention: without },
        remediation: REMEDIATION,
      });
    }
    return findings;
  },
};

// Texts shared by every finding of the rule (one object each, not one per finding).
const REMEDIATION = l(
  'Fixer une durée de conservation (ou un critère) pour le traitement ou pour chaque catégorie de données.',
  'Set a retention period (or criterion) for the treatment or for each data category.',
);

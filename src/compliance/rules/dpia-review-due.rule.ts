import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { isControllerTreatment } from './dpia';

/** Art. 35(11): the controller reviews the DPIA at least when the risk changes; a review date past is a finding. */
export const dpiaReviewDue: Rule = {
  id: 'dpia.review-due',
  severity: 'warning',
  title: l("Analyse d'impact à réexaminer", 'DPIA due for review'),
  reference: l('RGPD art. 35(11)', 'GDPR Art. 35(11)'),
  description: l(
    "L'AIPD d'un traitement est plus ancienne que sa date de réexamen, ou elle est indiquée comme à réexaminer.",
    "A treatment's DPIA is older than its review date, or it is recorded as to review.",
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const t of ctx.inUse) {
      const d = t.dpia;
      if (!d || !isControllerTreatment(t)) continue;
      const overdue = d.reviewOn !== undefined && d.reviewOn < ctx.asOf && d.status !== 'not-needed';
      if (!overdue && d.status !== 'to-review') continue;
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfTreatment(t),
        message: overdue
          ? l(
              `L'AIPD du traitement « ${t.name} »${d.doneOn ? ` (réalisée le ${d.doneOn})` : ''} devait être réexaminée le ${d.reviewOn} au plus tard.`,
              `The DPIA of treatment "${t.name}"${d.doneOn ? ` (done on ${d.doneOn})` : ''} was due for review by ${d.reviewOn}.`,
            )
          : l(
              `L'AIPD du traitement « ${t.name} » est indiquée comme à réexaminer.`,
              `The DPIA of treatment "${t.name}" is recorded as to review.`,
            ),
        reference: this.reference,
        evidence: { status: d.status ?? null, doneOn: d.doneOn ?? null, reviewOn: d.reviewOn ?? null, asOf: ctx.asOf },
        remediation: l(
          "Réexaminer l'AIPD (risques, mesures, sous-traitants, transferts) et enregistrer sa nouvelle date et sa prochaine échéance.",
          'Review the DPIA (risks, measures, processors, transfers) and record its new date and next review.',
        ),
      });
    }
    return findings;
  },
};

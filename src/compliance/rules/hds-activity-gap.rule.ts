import type { HdsActivityCode } from '../../reference/hds-activities';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { activityNumbers, coverage, describeActivities, healthChains } from './hds';

export const hdsActivityGap: Rule = {
  id: 'hds.activity-gap',
  severity: 'error',
  title: l('Activité HDS non couverte dans la chaîne', 'HDS activity uncovered along the chain'),
  reference: l('CSP L.1111-8, R.1111-9', 'CSP L.1111-8, R.1111-9'),
  description: l(
    "Pour un traitement de données de santé, l'union des périmètres HDS valides des acteurs qui exercent une activité ne couvre pas cette activité.",
    'For a health-data treatment, the union of the valid HDS scopes of the actors performing an activity does not cover that activity.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const { treatment, performers } of healthChains(ctx)) {
      const gaps: HdsActivityCode[] = [];
      const who: Record<string, string[]> = {};
      for (const [activity, engagements] of performers) {
        const states = engagements.map((e) => coverage(ctx, e.provider, activity));
        if (states.includes('covered') || states.includes('unknown')) continue;
        gaps.push(activity);
        who[activity] = engagements.map((e) => ctx.subcontractorName(e.provider));
      }
      if (!gaps.length) continue;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfTreatment(treatment),
        message: l(
          `Traitement « ${treatment.name} » : aucun certificat HDS valide ne couvre ${describeActivities(gaps, 'fr')}.`,
          `Treatment "${treatment.name}": no valid HDS certificate covers ${describeActivities(gaps, 'en')}.`,
        ),
        reference: this.reference,
        evidence: { uncovered: activityNumbers(gaps), performedBy: who, asOf: ctx.asOf },
        remediation: l(
          'Faire exercer ces activités par un hébergeur certifié pour elles, ou obtenir l’extension de périmètre du certificat.',
          'Have these activities performed by a host certified for them, or obtain an extension of the certificate scope.',
        ),
      });
    }
    return findings;
  },
};

import { HDS_ACTIVITY_CODES, HdsActivityCode } from '../../reference/hds-activities';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import { Rule, STEP, stepped } from './rule';
import { activityNumbers, describeActivities, healthChainSteps } from './hds';

/** LEGAL.md §1: an activity nobody is recorded as performing is a gap to show, not to guess. */
export const hdsActivityUnassigned: Rule = stepped({
  id: 'hds.activity-unassigned',
  severity: 'warning',
  title: l('Activité HDS sans acteur identifié', 'HDS activity with no recorded performer'),
  reference: l('CSP R.1111-9', 'CSP R.1111-9'),
  description: l(
    "Un traitement de données de santé est hébergé par des tiers, mais certaines des six activités HDS ne sont attribuées ni à un prestataire ni à l'organisation elle-même.",
    'A health-data treatment is hosted by third parties, but some of the six HDS activities are assigned neither to a provider nor to the organisation itself.',
  ),
  *steps(ctx: SnapshotIndex): Generator<void, RuleFinding[]> {
    let n = 0;
    const findings: RuleFinding[] = [];
    for (const { treatment, performers } of yield* healthChainSteps(ctx)) {
      if (++n % STEP === 0) yield;
      if (performers.size === 0) continue;
      const inHouse = new Set<string>(treatment.hdsActivitiesInHouse ?? []);
      const missing: HdsActivityCode[] = HDS_ACTIVITY_CODES.filter((a) => !performers.has(a) && !inHouse.has(a));
      if (!missing.length) continue;
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfTreatment(treatment),
        message: l(
          `Traitement « ${treatment.name} » : personne n'est enregistré comme exerçant ${describeActivities(missing, 'fr')}.`,
          `Treatment "${treatment.name}": nobody is recorded as performing ${describeActivities(missing, 'en')}.`,
        ),
        reference: this.reference,
        evidence: { unassigned: activityNumbers(missing), assigned: activityNumbers(performers.keys()) },
        remediation: l(
          "Indiquer quel prestataire exerce chaque activité, ou que l'organisation l'exerce elle-même (hdsActivitiesInHouse).",
          'Record which provider performs each activity, or that the organisation performs it itself (hdsActivitiesInHouse).',
        ),
      });
    }
    return findings;
  },
});

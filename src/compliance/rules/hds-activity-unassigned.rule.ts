import { HDS_ACTIVITY_CODES, HdsActivityCode } from '../../reference/hds-activities';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import { Rule, STEP, stepped } from './rule';
import { activityNumbers, describeActivities, HealthChain, healthChainSteps } from './hds';
import { deepFreeze } from '../../snapshot/snapshot';

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
    // Treatments of one shape (performers, in-house activities) share their answer: worked out once.
    const shapes = new Map<HealthChain['performers'], Map<string, Unassigned | undefined>>();
    for (const { treatment, performers } of yield* healthChainSteps(ctx)) {
      if (++n % STEP === 0) yield;
      if (performers.size === 0) continue;
      const inHouse = treatment.hdsActivitiesInHouse ?? [];
      const key = inHouse.join(',');
      let byInHouse = shapes.get(performers);
      if (!byInHouse) shapes.set(performers, (byInHouse = new Map<string, Unassigned | undefined>()));
      let found = byInHouse.get(key);
      if (!byInHouse.has(key)) byInHouse.set(key, (found = unassigned(performers, inHouse)));
      if (!found) continue;
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfTreatment(treatment),
        message: l(
          `Traitement « ${treatment.name} » : personne n'est enregistré comme exerçant ${found.fr}.`,
          `Treatment "${treatment.name}": nobody is recorded as performing ${found.en}.`,
        ),
        reference: this.reference,
        evidence: { unassigned: found.unassigned, assigned: found.assigned },
        remediation: REMEDIATION,
      });
    }
    return findings;
  },
});

const REMEDIATION = l(
  "Indiquer quel prestataire exerce chaque activité, ou que l'organisation l'exerce elle-même (hdsActivitiesInHouse).",
  'Record which provider performs each activity, or that the organisation performs it itself (hdsActivitiesInHouse).',
);

/** The activities nobody performs in one shape of chain, described and as evidence (frozen: shared). */
interface Unassigned {
  fr: string;
  en: string;
  unassigned: readonly unknown[];
  assigned: readonly unknown[];
}

function unassigned(
  performers: HealthChain['performers'],
  inHouseActivities: readonly HdsActivityCode[],
): Unassigned | undefined {
  const inHouse = new Set<string>(inHouseActivities);
  const missing: HdsActivityCode[] = HDS_ACTIVITY_CODES.filter((a) => !performers.has(a) && !inHouse.has(a));
  if (!missing.length) return undefined;
  return {
    fr: describeActivities(missing, 'fr'),
    en: describeActivities(missing, 'en'),
    unassigned: deepFreeze(activityNumbers(missing)),
    assigned: deepFreeze(activityNumbers(performers.keys())),
  };
}

import type { HdsActivityCode } from '../../reference/hds-activities';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import { deepFreeze } from '../../snapshot/snapshot';
import { Rule, STEP, stepped } from './rule';
import { activityNumbers, coverage, describeActivities, HealthChain, hdsClaims, healthChainSteps } from './hds';

/**
 * Per health-data treatment, every actor that performs an activity needs a valid, evidenced HDS scope
 * covering it (its own certificate, or that of the actor above which the contract says covers it).
 * Claims count for nothing; a certificate on file with no recorded scope is hds.scope-unknown.
 */
export const hdsActivityGap: Rule = stepped({
  id: 'hds.activity-gap',
  severity: 'error',
  title: l('Activité HDS non couverte dans la chaîne', 'HDS activity uncovered along the chain'),
  reference: l('CSP L.1111-8, R.1111-9', 'CSP L.1111-8, R.1111-9'),
  description: l(
    "Pour un traitement de données de santé, un acteur exerce une activité HDS qu'aucun certificat HDS valide enregistré (le sien, ou celui de l'acteur au-dessus qui le couvre) ne couvre ; une affirmation de certification ne couvre rien.",
    'For a health-data treatment, an actor performs an HDS activity that no valid recorded HDS certificate (its own, or that of the actor above which covers it) covers; a claimed certification covers nothing.',
  ),
  *steps(ctx: SnapshotIndex): Generator<void, RuleFinding[]> {
    let n = 0;
    const findings: RuleFinding[] = [];
    for (const { treatment, performers } of yield* healthChainSteps(ctx)) {
      if (++n % STEP === 0) yield;
      // Treatments of one shape share their performers: the gaps are worked out once per shape.
      const found = ctx.memoBy('hds-gaps', performers, () => gaps(ctx, performers));
      if (!found) continue;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfTreatment(treatment),
        message: l(
          `Traitement « ${treatment.name} » : aucun certificat HDS valide enregistré ne couvre ${found.fr}.`,
          `Treatment "${treatment.name}": no valid recorded HDS certificate covers ${found.en}.`,
        ),
        reference: this.reference,
        evidence: { ...found.evidence, asOf: ctx.asOf },
        remediation: REMEDIATION,
      });
    }
    return findings;
  },
});

const REMEDIATION = l(
  'Obtenir et enregistrer les certificats HDS de ces acteurs couvrant ces activités, faire exercer ces activités par un hébergeur certifié pour elles, ou obtenir l’extension de périmètre du certificat.',
  'Obtain and record these actors’ HDS certificates covering these activities, have the activities performed by a host certified for them, or obtain an extension of the certificate scope.',
);

/** What one shape of chain leaves uncovered: the activities described, and the evidence (frozen: shared). */
interface Gaps {
  fr: string;
  en: string;
  evidence: Readonly<Record<string, unknown>>;
}

function gaps(ctx: SnapshotIndex, performers: HealthChain['performers']): Gaps | undefined {
  const uncoveredActivities: HdsActivityCode[] = [];
  const who: Record<string, string[]> = {};
  const claims: Record<string, string[]> = {};
  for (const [activity, list] of performers) {
    const uncovered = list.filter((p) => coverage(ctx, p, activity) === 'uncovered');
    if (!uncovered.length) continue;
    uncoveredActivities.push(activity);
    who[activity] = [...new Set(uncovered.map((p) => ctx.subcontractorName(p.holder)))];
    for (const p of uncovered) {
      const texts = hdsClaims(ctx, p.holder).map((g) => g.text);
      if (texts.length) claims[ctx.subcontractorName(p.holder)] = texts;
    }
  }
  if (!uncoveredActivities.length) return undefined;
  return {
    fr: describeActivities(uncoveredActivities, 'fr'),
    en: describeActivities(uncoveredActivities, 'en'),
    evidence: deepFreeze({ uncovered: activityNumbers(uncoveredActivities), performedBy: who, claimsToVerify: claims }),
  };
}

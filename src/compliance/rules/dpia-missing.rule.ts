import { REFERENCE } from '../../reference/reference-data';
import type { CnilDpiaItem, DpiaCriterion } from '../../reference/vocabulary';
import { joinList, l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import { Rule, STEP, stepped } from './rule';
import { dpiaNeed, isControllerTreatment } from './dpia';

const CRITERIA = new Map(REFERENCE.dpia.criteria.map((c) => [c.code, c]));
const CNIL = new Map(REFERENCE.dpia.cnilList.items.map((c) => [c.code, c]));
const names = (codes: readonly DpiaCriterion[], lang: 'fr' | 'en') =>
  joinList(
    codes.map((c) => CRITERIA.get(c)?.[lang] ?? c),
    lang,
  );
const cnilNames = (codes: readonly CnilDpiaItem[], lang: 'fr' | 'en') =>
  joinList(
    codes.map((c) => CNIL.get(c)?.[lang] ?? c),
    lang,
  );

/**
 * GDPR art. 35(1), (4): a DPIA before processing likely to result in a high risk — always for the types
 * of the CNIL list, usually when two WP248 criteria are met (LEGAL.md §7b). An error when the record
 * says so (CNIL list, criteria) and no DPIA is done; a warning when the register shows the criteria
 * (health data of patients) and the DPIA question is not answered.
 */
export const dpiaMissing: Rule = stepped({
  id: 'dpia.missing',
  severity: 'error',
  title: l("Analyse d'impact (AIPD) non réalisée", 'Data protection impact assessment (DPIA) not carried out'),
  reference: l(
    'RGPD art. 35(1), 35(4) ; CNIL, délibération 2018-327',
    'GDPR Art. 35(1), 35(4); CNIL délibération 2018-327',
  ),
  description: l(
    `Un traitement relève de la liste de la CNIL, ou réunit au moins ${REFERENCE.dpia.threshold} critères des lignes directrices WP248 (les données de santé de patients en réunissent deux), et aucune AIPD n'est enregistrée comme réalisée.`,
    `A treatment falls under the CNIL list, or meets at least ${REFERENCE.dpia.threshold} criteria of the WP248 guidelines (health data of patients meets two), and no DPIA is recorded as done.`,
  ),
  *steps(ctx: SnapshotIndex): Generator<void, RuleFinding[]> {
    let n = 0;
    const findings: RuleFinding[] = [];
    for (const t of ctx.inUse) {
      if (++n % STEP === 0) yield;
      if (!isControllerTreatment(t)) continue;
      const need = dpiaNeed(ctx, t);
      if (!need.required && !need.likely) continue;
      const status = t.dpia?.status;
      if (status === 'done' || status === 'to-review') continue;
      // A recorded "not needed" (with its reason) answers the criteria, never the CNIL list.
      if (status === 'not-needed' && !need.cnilList.length) continue;
      const criteria = [...need.recorded, ...need.inferred];
      const why = (lang: 'fr' | 'en') =>
        need.cnilList.length
          ? `${lang === 'fr' ? 'liste de la CNIL :' : 'CNIL list:'} ${cnilNames(need.cnilList, lang)}`
          : `${lang === 'fr' ? 'critères :' : 'criteria:'} ${names(criteria, lang)}`;
      const state = (lang: 'fr' | 'en') =>
        status === 'not-needed'
          ? lang === 'fr'
            ? "l'AIPD est indiquée comme non nécessaire, alors que la liste de la CNIL l'exige"
            : 'the DPIA is recorded as not needed, although the CNIL list requires one'
          : status === 'to-do'
            ? lang === 'fr'
              ? "l'AIPD est à faire"
              : 'the DPIA is still to do'
            : lang === 'fr'
              ? "aucune AIPD n'est enregistrée"
              : 'no DPIA is recorded';
      findings.push({
        ruleId: this.id,
        severity: need.required ? 'error' : 'warning',
        subject: ctx.subjectOfTreatment(t),
        message: l(
          `Le traitement « ${t.name} » appelle une analyse d'impact (${why('fr')}) : ${state('fr')}.`,
          `Treatment "${t.name}" calls for an impact assessment (${why('en')}): ${state('en')}.`,
        ),
        reference: this.reference,
        evidence: {
          criteria: need.recorded,
          inferredCriteria: need.inferred,
          cnilList: need.cnilList,
          threshold: REFERENCE.dpia.threshold,
          status: status ?? null,
        },
        remediation: need.required ? REMEDIATION_REQUIRED : REMEDIATION_LIKELY,
      });
    }
    return findings;
  },
});

// Texts shared by every finding of the rule (one object each, not one per finding).
const REMEDIATION_REQUIRED = l(
  "Réaliser l'AIPD avant la mise en œuvre (ou sans délai si le traitement est en cours) et enregistrer sa date.",
  'Carry out the DPIA before processing starts (or at once if it runs already) and record its date.',
);
const REMEDIATION_LIKELY = l(
  "Confirmer les critères (dpia.criteria) et réaliser l'AIPD, ou enregistrer pourquoi elle n'est pas nécessaire (status not-needed et reason).",
  'Confirm the criteria (dpia.criteria) and carry out the DPIA, or record why none is needed (status not-needed and reason).',
);

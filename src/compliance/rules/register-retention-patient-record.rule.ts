import { REFERENCE } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { fold, wordPatterns } from './text-match';

const RULE = REFERENCE.retention.patientRecord;
const RECORD = new RegExp(RULE.recordPatterns.map(fold).join('|'), 'i');
const YEARS = wordPatterns(['\\d+\\s*(?:ans?|annees?|years?)']);

/** A patient record: marked so, or named so ("Dossier patient", "dossier médical") with health data. */
export function isPatientRecord(ctx: SnapshotIndex, t: Treatment): boolean {
  if (t.patientRecord !== undefined) return t.patientRecord;
  if (t.role === 'processor' || !ctx.holdsHealthData(t)) return false;
  return [t.name, ...(t.purposes ?? [])].some((text) => RECORD.test(fold(text)));
}

/** The longest period in years a retention text states ("20 ans", "10 years"), if it states one. */
export function statedYears(text: string): number | undefined {
  const years = [...fold(text).matchAll(new RegExp(YEARS.source, 'gi'))].map((m) => Number(/\d+/.exec(m[0])?.[0]));
  return years.length ? Math.max(...years) : undefined;
}

/**
 * CSP R.1112-7 (LEGAL.md §7c) as a suggested value and a consistency check, never a silent default: for
 * a patient record whose retention is not recorded, or states fewer years than the 20 of R.1112-7, an
 * information with the value the Code gives. Nothing when the retention states at least 20 years.
 */
export const registerRetentionPatientRecord: Rule = {
  id: 'register.retention-patient-record',
  severity: 'info',
  title: l('Conservation du dossier patient (CSP R.1112-7)', 'Patient-record retention (CSP R.1112-7)'),
  reference: l(`${RULE.reference} ; RGPD art. 5(1)(e), 30(1)(f)`, `${RULE.reference}; GDPR Art. 5(1)(e), 30(1)(f)`),
  description: l(
    `Pour un dossier patient d'établissement de santé, la durée de conservation enregistrée est absente ou inférieure aux ${RULE.years} ans de l'article R.1112-7 du CSP : la valeur suggérée est indiquée, jamais appliquée d'office.`,
    `For a health establishment's patient record, the recorded retention is missing or shorter than the ${RULE.years} years of CSP art. R.1112-7: the suggested value is shown, never applied silently.`,
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const t of ctx.inUse) {
      if (!isPatientRecord(ctx, t)) continue;
      const texts = [
        t.retention,
        ...(t.dataCategories ?? []).filter((c) => c.health || c.category === 'health').map((c) => c.retention),
      ].filter((r): r is string => Boolean(r));
      const years = texts.map(statedYears).filter((y): y is number => y !== undefined);
      const longest = years.length ? Math.max(...years) : undefined;
      if (longest !== undefined && longest >= RULE.years) continue;
      const stated = texts.length > 0;
      findings.push({
        ruleId: this.id,
        severity: 'info',
        subject: ctx.subjectOfTreatment(t),
        message: l(
          stated
            ? `Traitement « ${t.name} » : la durée enregistrée (« ${texts[0]} ») ${longest === undefined ? "n'indique pas de nombre d'années" : `est de ${longest} an(s)`} ; pour un dossier patient, le CSP prévoit : ${RULE.suggestion.fr}`
            : `Traitement « ${t.name} » : aucune durée de conservation n'est enregistrée ; pour un dossier patient, le CSP prévoit : ${RULE.suggestion.fr}`,
          stated
            ? `Treatment "${t.name}": the recorded retention ("${texts[0]}") ${longest === undefined ? 'states no number of years' : `is ${longest} year(s)`}; for a patient record the CSP provides: ${RULE.suggestion.en}`
            : `Treatment "${t.name}": no retention is recorded; for a patient record the CSP provides: ${RULE.suggestion.en}`,
        ),
        reference: this.reference,
        evidence: {
          recorded: texts,
          statedYears: longest ?? null,
          suggestedYears: RULE.years,
          suggestion: RULE.suggestion.fr,
          patientRecord: t.patientRecord ?? 'inferred',
        },
        remediation: l(
          "Vérifier la durée applicable (dossier d'établissement de santé : CSP R.1112-7) et l'enregistrer ; si ce n'est pas un dossier médical d'établissement, l'indiquer (patientRecord: false).",
          "Check the applicable period (health-establishment record: CSP R.1112-7) and record it; if this is no establishment's medical record, say so (patientRecord: false).",
        ),
      });
    }
    return findings;
  },
};

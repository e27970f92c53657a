import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';

/** Art. 30(1)(g) / 30(2)(d): a general description of the Art. 32(1) measures, "where possible". */
export const registerSecurityMeasuresMissing: Rule = {
  id: 'register.security-measures-missing',
  severity: 'warning',
  title: l('Mesures de sécurité non décrites', 'Security measures not described'),
  reference: l('RGPD art. 30(1)(g), 30(2)(d), 32(1)', 'GDPR Art. 30(1)(g), 30(2)(d), 32(1)'),
  description: l(
    "Ni l'organisation ni le traitement ne décrivent de mesure de sécurité.",
    'Neither the organisation nor the treatment describes any security measure.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    if ((ctx.organisation.securityMeasures ?? []).length > 0) return [];
    return ctx.inUse
      .filter((t) => (t.securityMeasures ?? []).length === 0)
      .map((t) => ({
        ruleId: this.id,
        severity: 'warning' as const,
        subject: ctx.subjectOfTreatment(t),
        message: l(
          `Aucune mesure de sécurité n'est décrite pour le traitement « ${t.name} ».`,
          `No security measure is described for treatment "${t.name}".`,
        ),
        reference: t.role === 'processor' ? REFERENCE_PROCESSOR : REFERENCE_CONTROLLER,
        evidence: EVIDENCE,
        remediation: REMEDIATION,
      }));
  },
};

// Texts shared by every finding of the rule (one object each, not one per finding).
const EVIDENCE = Object.freeze({ organisationMeasures: 0, treatmentMeasures: 0 });
const REMEDIATION = l(
  "Décrire les mesures techniques et organisationnelles (au niveau de l'organisation ou du traitement).",
  'Describe the technical and organisational measures (for the organisation or the treatment).',
);
const REFERENCE_PROCESSOR = l('RGPD art. 30(2)(d)', 'GDPR Art. 30(2)(d)');
const REFERENCE_CONTROLLER = l('RGPD art. 30(1)(g)', 'GDPR Art. 30(1)(g)');

import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import { Rule, STEP, stepped } from './rule';

/** Art. 6(1) basis for every treatment the organisation controls; an Art. 9(2) condition for special data. */
export const registerLegalBasisMissing: Rule = stepped({
  id: 'register.legal-basis-missing',
  severity: 'warning',
  title: l('Base légale non renseignée', 'Legal basis missing'),
  reference: l('RGPD art. 6(1), 9(2)', 'GDPR Art. 6(1), 9(2)'),
  description: l(
    "Un traitement dont l'organisation est responsable n'a pas de base légale (art. 6), ou traite des données de l'article 9 sans condition de l'article 9(2).",
    'A treatment the organisation controls has no legal basis (Art. 6), or processes Art. 9 data without an Art. 9(2) condition.',
  ),
  *steps(ctx: SnapshotIndex): Generator<void, RuleFinding[]> {
    let n = 0;
    const findings: RuleFinding[] = [];
    for (const t of ctx.inUse) {
      if (++n % STEP === 0) yield;
      if (t.role === 'processor') continue;
      if (!t.legalBasis?.article6?.length) {
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          subject: ctx.subjectOfTreatment(t),
          detail: 'article6',
          message: l(
            `Le traitement « ${t.name} » n'a pas de base légale (art. 6).`,
            `Treatment "${t.name}" has no legal basis (Art. 6).`,
          ),
          reference: REFERENCE_ART6,
          evidence: { legalBasis: t.legalBasis ?? null },
          remediation: REMEDIATION_ART6,
        });
      }
      const special = (t.dataCategories ?? [])
        .filter((c) => c.article9 || c.health || c.category === 'health' || c.category === 'sensitive')
        .map((c) => c.label);
      if (special.length && !t.legalBasis?.article9?.length) {
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          subject: ctx.subjectOfTreatment(t),
          detail: 'article9',
          message: l(
            `Le traitement « ${t.name} » traite des données sensibles sans condition de l'article 9(2).`,
            `Treatment "${t.name}" processes special-category data without an Art. 9(2) condition.`,
          ),
          reference: REFERENCE_ART9,
          evidence: { specialCategories: special },
          remediation: REMEDIATION_ART9,
        });
      }
    }
    return findings;
  },
});

// Texts shared by every finding of the rule (one object each, not one per finding).
const REFERENCE_ART6 = l('RGPD art. 6(1)', 'GDPR Art. 6(1)');
const REMEDIATION_ART6 = l("Indiquer la base légale de l'article 6(1).", 'Record the Art. 6(1) legal basis.');
const REFERENCE_ART9 = l('RGPD art. 9(2)', 'GDPR Art. 9(2)');
const REMEDIATION_ART9 = l(
  "Indiquer l'exception de l'article 9(2) invoquée (par ex. 9(2)(h) pour les soins).",
  'Record the Art. 9(2) condition relied on (e.g. 9(2)(h) for health care).',
);

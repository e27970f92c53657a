import { joinList, l, RuleFinding, Severity } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { tiaSeverity, transfersNeedingTia } from './transfer-tia';
import { destinationCode } from './transfers';

/** An assessment on file that does not support the transfer: negative, measures not listed, review past. */
export const transferTiaIncomplete: Rule = {
  id: 'transfer.tia-incomplete',
  severity: 'error',
  title: l("Analyse d'impact du transfert insuffisante", 'Transfer impact assessment insufficient'),
  reference: l(
    'CJUE C-311/18 (Schrems II), pts 134-135 ; EDPB, recommandations 01/2020',
    'CJEU C-311/18 (Schrems II), paras 134-135; EDPB Recommendations 01/2020',
  ),
  description: l(
    "L'analyse d'impact enregistrée conclut que le droit du pays ne permet pas de respecter la garantie (le transfert doit cesser), ou exige des mesures supplémentaires qui ne sont pas indiquées, ou sa date de revue est passée.",
    'The recorded impact assessment concludes that the destination law does not allow the safeguard to be complied with (the transfer must stop), or requires supplementary measures that are not listed, or is past its review date.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const c of transfersNeedingTia(ctx)) {
      const tia = c.safeguard?.tia;
      if (!tia) continue;
      const problems: { severity: Severity; fr: string; en: string; item: string }[] = [];
      if (tia.conclusion === 'not-essentially-equivalent') {
        problems.push({
          item: 'negative',
          severity: 'error',
          fr: "l'analyse conclut que le droit du pays ne permet pas de respecter la garantie : le transfert doit être suspendu",
          en: 'the assessment concludes that the destination law does not allow the safeguard to be complied with: the transfer must be suspended',
        });
      }
      if (tia.conclusion === 'supplementary-measures' && !tia.supplementaryMeasures?.length) {
        problems.push({
          item: 'measures-missing',
          severity: tiaSeverity(c),
          fr: "l'analyse exige des mesures supplémentaires, mais aucune n'est indiquée",
          en: 'the assessment requires supplementary measures, but none is listed',
        });
      }
      if (tia.reviewOn && tia.reviewOn < ctx.asOf) {
        problems.push({
          item: 'review-due',
          severity: 'warning',
          fr: `la revue prévue le ${tia.reviewOn} n'est pas enregistrée`,
          en: `the review due on ${tia.reviewOn} is not recorded`,
        });
      }
      if (!problems.length) continue;
      findings.push({
        ruleId: this.id,
        severity: problems.some((p) => p.severity === 'error') ? 'error' : 'warning',
        subject: c.subject,
        detail: c.detail,
        message: l(
          `${c.recipient} (${destinationCode(c, 'fr')}) : ${joinList(
            problems.map((p) => p.fr),
            'fr',
          )}.`,
          `${c.recipient} (${destinationCode(c, 'en')}): ${joinList(
            problems.map((p) => p.en),
            'en',
          )}.`,
        ),
        reference: this.reference,
        evidence: { ...c.evidence, tia, problems: problems.map((p) => p.item) },
        remediation: l(
          "Suspendre le transfert si l'analyse est négative ; sinon enregistrer les mesures supplémentaires effectivement prises et revoir l'analyse.",
          'Suspend the transfer if the assessment is negative; otherwise record the supplementary measures actually taken and review the assessment.',
        ),
      });
    }
    return findings;
  },
};

import type { AuthorisationKind } from '../../reference/vocabulary';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement } from '../../snapshot/snapshot';
import type { Rule } from './rule';

/**
 * Art. 28(2): a sub-processor needs the controller's prior specific or general written authorisation.
 * A provider is a sub-processor when it is engaged by another processor (a chain link), or when the
 * organisation itself acts as processor for the treatment that uses it.
 */
export const subprocessorAuthorisationMissing: Rule = {
  id: 'subprocessor.authorisation-missing',
  severity: 'error',
  title: l('Sous-traitant ultérieur non autorisé', 'Sub-processor without authorisation'),
  reference: l('RGPD art. 28(2), 28(4)', 'GDPR Art. 28(2), 28(4)'),
  description: l(
    'Un sous-traitant ultérieur intervient sans autorisation écrite, générale ou spécifique, du responsable de traitement enregistrée.',
    'A sub-processor is engaged with no recorded general or specific written authorisation of the controller.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const e of ctx.engagements) {
      const treatments = ctx.treatmentsRelyingOn(e.key);
      const asProcessor = !e.client && treatments.some((t) => ctx.isProcessorTreatment(t));
      if (!e.client && !asProcessor) continue;
      const authorisation = authorisationFor(ctx, e);
      if (authorisation === 'general' || authorisation === 'specific') continue;
      const name = ctx.subcontractorName(e.provider);
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfEngagement(e),
        message: l(
          `${name} est un sous-traitant ultérieur sans autorisation ${authorisation === 'none' ? '(refusée ou absente)' : 'enregistrée'} du responsable de traitement.`,
          `${name} is a sub-processor with ${authorisation === 'none' ? 'no (refused or absent)' : 'no recorded'} authorisation of the controller.`,
        ),
        reference: this.reference,
        evidence: {
          provider: name,
          engagedBy: e.client ? ctx.subcontractorName(e.client) : ctx.organisation.name,
          authorisation: authorisation ?? null,
          treatments: treatmentKeys(treatments),
        },
        remediation: l(
          "Obtenir l'autorisation écrite du responsable (liste nominative acceptée = autorisation spécifique ; clause générale avec information préalable et droit d'opposition = autorisation générale) et l'enregistrer.",
          "Obtain the controller's written authorisation (an accepted named list = specific; a general clause with prior notice and a right to object = general) and record it.",
        ),
      });
    }
    return findings;
  },
};

/** The engagement's own authorisation, else the one its client's engagement grants, else the organisation's terms. */
function authorisationFor(ctx: SnapshotIndex, e: Engagement): AuthorisationKind | undefined {
  if (e.authorisation) return e.authorisation;
  if (e.client) {
    const parents = ctx.engagementsOf(e.client);
    const granted = parents.map((p) => p.authorisation).find((a) => a === 'general' || a === 'specific');
    return granted ?? parents.map((p) => p.authorisation).find(Boolean);
  }
  return ctx.organisation.processorTerms?.subprocessorAuthorisation;
}

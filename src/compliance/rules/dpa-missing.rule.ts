import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { contractRecorded } from './contract-facts';

/**
 * Art. 28(3) for the organisation's own processors (and 28(4) for the sub-processors it engages as a
 * processor): an error when no contract is recorded. A sub-processor's contract with its processor is
 * first that processor's duty (28(4)): a warning asking the processor for evidence.
 */
export const dpaMissing: Rule = {
  id: 'dpa.missing',
  severity: 'error',
  title: l('Sous-traitant sans contrat de sous-traitance', 'Processor without a data-processing agreement'),
  reference: l('RGPD art. 28(3), 28(4)', 'GDPR Art. 28(3), 28(4)'),
  description: l(
    "Aucun contrat (ou autre acte juridique) au sens de l'article 28(3) n'est enregistré avec un sous-traitant de l'organisation (erreur) ; ou aucun n'est connu entre un sous-traitant et son sous-traitant ultérieur (avertissement : preuve à demander au sous-traitant, dont c'est l'obligation).",
    "No contract (or other legal act) within Art. 28(3) is recorded with one of the organisation's processors (error); or none is known between a processor and its sub-processor (warning: evidence to ask of the processor, whose duty it is).",
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const e of ctx.engagements) {
      if (contractRecorded(e)) continue;
      const provider = ctx.subcontractor(e.provider);
      const contract = (provider?.guarantees ?? []).find((g) => g.kind === 'contract');
      if (contract) continue;
      const name = provider?.name ?? e.provider;
      const treatments = ctx.treatmentsRelyingOn(e.key);
      const client = e.client ? ctx.subcontractorName(e.client) : undefined;
      // The organisation engages this provider only for treatments it processes for its clients: a sub-processor of its own.
      const ours = !e.client && treatments.length > 0 && treatments.every((t) => ctx.isProcessorTreatment(t));
      findings.push({
        ruleId: this.id,
        severity: client ? 'warning' : 'error',
        subject: ctx.subjectOfEngagement(e),
        message: client
          ? l(
              `Aucun contrat de sous-traitance n'est connu entre ${client} et son sous-traitant ultérieur ${name} : cette obligation incombe d'abord à ${client}, à qui en demander la preuve.`,
              `No data-processing agreement is known between ${client} and its sub-processor ${name}: it is first ${client}'s duty, to be asked for evidence.`,
            )
          : ours
            ? l(
                `Aucun contrat de sous-traitance ultérieure (art. 28(4)) n'est enregistré avec ${name}.`,
                `No sub-processing agreement (Art. 28(4)) is recorded with ${name}.`,
              )
            : l(
                `Aucun contrat de sous-traitance (art. 28) n'est enregistré avec ${name}.`,
                `No data-processing agreement (Art. 28) is recorded with ${name}.`,
              ),
        reference: e.client || ours ? l('RGPD art. 28(4)', 'GDPR Art. 28(4)') : l('RGPD art. 28(3)', 'GDPR Art. 28(3)'),
        evidence: {
          provider: name,
          client: client ?? null,
          dutyOf: client ?? ctx.organisation.name,
          treatments: treatmentKeys(treatments),
        },
        remediation: client
          ? l(
              `Demander à ${client} la preuve du contrat qui lui impose, envers ${name}, les obligations de l'article 28(3) (référence et date), et l'enregistrer.`,
              `Ask ${client} for evidence of the contract binding ${name} to the Art. 28(3) obligations (reference and date), and record it.`,
            )
          : l(
              'Signer (ou retrouver) le contrat art. 28 et enregistrer sa référence et sa date.',
              'Sign (or find) the Art. 28 agreement and record its reference and date.',
            ),
      });
    }
    return findings;
  },
};

import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';

export const dpaMissing: Rule = {
  id: 'dpa.missing',
  severity: 'error',
  title: l('Sous-traitant sans contrat de sous-traitance', 'Processor without a data-processing agreement'),
  reference: l('RGPD art. 28(3), 28(4)', 'GDPR Art. 28(3), 28(4)'),
  description: l(
    "Aucun contrat (ou autre acte juridique) au sens de l'article 28(3) n'est enregistré pour un sous-traitant ou sous-traitant ultérieur.",
    'No contract (or other legal act) within Art. 28(3) is recorded for a processor or sub-processor.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const e of ctx.snapshot.engagements) {
      if (e.dpaSignedOn || e.dpaReference) continue;
      const provider = ctx.subcontractor(e.provider);
      const contract = (provider?.guarantees ?? []).find((g) => g.kind === 'contract');
      if (contract) continue;
      const name = provider?.name ?? e.provider;
      const client = e.client ? ctx.subcontractorName(e.client) : undefined;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfEngagement(e),
        message: l(
          client
            ? `Aucun contrat de sous-traitance n'est enregistré entre ${client} et son sous-traitant ultérieur ${name}.`
            : `Aucun contrat de sous-traitance (art. 28) n'est enregistré avec ${name}.`,
          client
            ? `No data-processing agreement is recorded between ${client} and its sub-processor ${name}.`
            : `No data-processing agreement (Art. 28) is recorded with ${name}.`,
        ),
        reference: e.client ? l('RGPD art. 28(4)', 'GDPR Art. 28(4)') : l('RGPD art. 28(3)', 'GDPR Art. 28(3)'),
        evidence: { provider: name, client: client ?? null, treatments: treatmentKeys(ctx.treatmentsRelyingOn(e.key)) },
        remediation: l(
          'Signer (ou retrouver) le contrat art. 28 et enregistrer sa référence et sa date.',
          'Sign (or find) the Art. 28 agreement and record its reference and date.',
        ),
      });
    }
    return findings;
  },
};

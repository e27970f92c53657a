import { surelyAfter } from '../../common/partial-date';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement } from '../../snapshot/snapshot';
import type { Rule } from './rule';

/** The date of the document the organisation holds for an engagement: its DPA version, else its source's. */
function documentDate(e: Engagement): string | undefined {
  return e.dpaVersionDate ?? e.source?.versionDate;
}

/**
 * Art. 28(2): under a general authorisation the processor informs the controller of every addition, so
 * that it can object. A sub-processor listed after the version of the processor's document the
 * organisation holds, with no change notice recorded, means the list it holds is stale — and the
 * addition was never announced to it, or never recorded.
 */
export const subprocessorListStale: Rule = {
  id: 'subprocessor.list-stale',
  severity: 'warning',
  title: l('Liste des sous-traitants ultérieurs périmée', 'Sub-processor list out of date'),
  reference: l('RGPD art. 28(2)', 'GDPR Art. 28(2)'),
  description: l(
    "Un sous-traitant ultérieur a été ajouté à la liste de son sous-traitant après la version du document que détient l'organisation, sans qu'aucun avis de changement soit enregistré.",
    'A sub-processor was added to its processor’s list after the version of the document the organisation holds, with no change notice recorded.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const e of ctx.engagements) {
      if (!e.client || !e.listedOn) continue;
      // The organisation's own contracts with the processor that added it, and the newest version it holds.
      const held = ctx.engagementsOf(e.client).filter((p) => !p.client);
      const dates = held.map(documentDate).filter((d): d is string => d !== undefined);
      if (!dates.length) continue;
      const newest = dates.reduce((a, b) => (surelyAfter(b, a) ? b : a));
      if (!surelyAfter(e.listedOn, newest)) continue;
      const keys = new Set(held.map((p) => p.key));
      const notified = ctx.snapshot.subprocessorChanges.some(
        (c) => c.subprocessor === e.provider && keys.has(c.engagement),
      );
      if (notified) continue;
      const name = ctx.subcontractorName(e.provider);
      const processor = ctx.subcontractorName(e.client);
      findings.push({
        ruleId: this.id,
        severity: 'warning',
        subject: ctx.subjectOfEngagement(e),
        message: l(
          `${name} a été ajouté à la liste des sous-traitants ultérieurs de ${processor} (${e.listedOn}) après la version du document détenu (${newest}), et aucun avis de changement n'est enregistré : la liste détenue est périmée.`,
          `${name} was added to ${processor}'s sub-processor list (${e.listedOn}) after the version of the document held (${newest}), and no change notice is recorded: the list held is out of date.`,
        ),
        reference: this.reference,
        evidence: {
          subprocessor: name,
          processor,
          listedOn: e.listedOn,
          documentVersionDate: newest,
          documents: held.map((p) => p.key),
          treatments: treatmentKeys(ctx.treatmentsRelyingOn(e.key)),
        },
        remediation: l(
          `Demander à ${processor} sa liste à jour et l'avis d'ajout de ${name} ; enregistrer l'avis (subprocessor-changes) et, s'il est encore temps, exercer le droit d'opposition.`,
          `Ask ${processor} for its current list and the notice of ${name}'s addition; record the notice (subprocessor-changes) and, if still in time, consider objecting.`,
        ),
      });
    }
    return findings;
  },
};

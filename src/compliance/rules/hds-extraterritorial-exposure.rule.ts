import { countryName } from '../../reference/countries';
import { isFullyAdequate } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement, Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { healthChains, isHdsHost } from './hds';

/** HDS v2 req. 30: a host subject to a non-adequate third country's law lists those laws and the mitigations. */
export const hdsExtraterritorialExposure: Rule = {
  id: 'hds.extraterritorial-exposure',
  severity: 'warning',
  title: l('Exposition à un droit extra-européen', 'Exposure to a non-EU law'),
  reference: l('Référentiel HDS v2, exigence 30', 'HDS référentiel v2, requirement 30'),
  description: l(
    "Un hébergeur ou sous-traitant de données de santé, ou son groupe, est établi dans un pays sans adéquation complète et le contrat n'enregistre ni les lois étrangères pouvant imposer un accès ni les mesures d'atténuation.",
    'A host or sub-processor of health data, or its group, is established in a country without full adequacy and the contract records neither the foreign laws that could compel access nor the mitigations.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const found = new Map<string, { e: Engagement; countries: string[]; treatments: Map<string, Treatment> }>();
    for (const { treatment, chain } of healthChains(ctx)) {
      for (const e of chain) {
        if (e.foreignLawAssessment || !isHdsHost(ctx, e)) continue;
        const s = ctx.subcontractor(e.provider);
        const countries = [s?.country, s?.parentCountry].filter(
          (c, i, all): c is string => !!c && all.indexOf(c) === i && !isFullyAdequate(c, ctx.asOf),
        );
        if (!countries.length) continue;
        const entry = found.get(e.key) ?? { e, countries, treatments: new Map() };
        entry.treatments.set(treatment.key, treatment);
        found.set(e.key, entry);
      }
    }
    return [...found.values()].map(({ e, countries, treatments }) => {
      const s = ctx.subcontractor(e.provider);
      const name = s?.name ?? e.provider;
      const where = (lang: 'fr' | 'en') => countries.map((c) => countryName(c, lang)).join(', ');
      return {
        ruleId: this.id,
        severity: 'warning' as const,
        subject: ctx.subjectOfEngagement(e),
        message: l(
          `${name} (ou son groupe) relève du droit de : ${where('fr')}, sans que le contrat liste les lois extra-européennes applicables et les mesures d'atténuation.`,
          `${name} (or its group) is subject to the law of: ${where('en')}, and the contract lists neither the applicable non-EU laws nor the mitigations.`,
        ),
        reference: this.reference,
        evidence: {
          provider: name,
          country: s?.country ?? null,
          parentGroup: s?.parentGroup ?? null,
          parentCountry: s?.parentCountry ?? null,
          treatments: treatmentKeys([...treatments.values()]),
        },
        remediation: l(
          'Obtenir de l’hébergeur la liste des lois extra-européennes, les mesures d’atténuation et les risques résiduels, et les enregistrer (foreignLawAssessment).',
          'Obtain from the host the list of non-EU laws, the mitigations and residual risks, and record them (foreignLawAssessment).',
        ),
      };
    });
  },
};

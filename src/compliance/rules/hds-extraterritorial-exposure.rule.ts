import { countryName } from '../../reference/countries';
import { isFullyAdequate } from '../../reference/reference-data';
import { joinList, l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement, Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { healthChains, isHdsHost } from './hds';

type Fact = 'country' | 'parent' | 'access' | 'dpf' | 'worldwide';

/** One fact that makes a host subject to a non-EU law: where it or its group is, where data is reached from, DPF. */
interface Exposure {
  fact: Fact;
  country?: string;
}

const FACTS: Record<Fact, { fr: string; en: string }> = {
  country: { fr: 'établi', en: 'established' },
  parent: { fr: 'groupe', en: 'group' },
  access: { fr: 'accès depuis ce pays', en: 'access from there' },
  dpf: { fr: 'certification DPF invoquée', en: 'relies on the DPF' },
  worldwide: { fr: "accès depuis n'importe quel pays", en: 'access from any country' },
};

/** Every fact the register holds that carries exposure to the law of a country without full adequacy. */
function exposures(ctx: SnapshotIndex, e: Engagement): Exposure[] {
  const s = ctx.subcontractor(e.provider);
  const out: Exposure[] = [];
  const add = (fact: Fact, country: string | undefined) => {
    if (country && !isFullyAdequate(country, ctx.asOf)) out.push({ fact, country });
  };
  add('country', s?.country);
  add('parent', s?.parentCountry);
  for (const c of e.accessCountries ?? []) add('access', c);
  // A DPF-certified organisation is a US organisation: its reliance on the DPF says so.
  const dpf =
    s?.dpfCertified === true ||
    (e.transferSafeguards ?? []).some((g) => g.kind === 'dpf') ||
    (s?.guarantees ?? []).some((g) => g.kind === 'dpf');
  if (dpf) add('dpf', 'US');
  if (e.accessWorldwide) out.push({ fact: 'worldwide' });
  return out;
}

function describe(list: readonly Exposure[], lang: 'fr' | 'en'): string {
  const byCountry = new Map<string, Fact[]>();
  for (const x of list) byCountry.set(x.country ?? '', [...(byCountry.get(x.country ?? '') ?? []), x.fact]);
  return joinList(
    [...byCountry].map(([country, facts]) => {
      const why = [...new Set(facts)].map((f) => FACTS[f][lang]).join(', ');
      return country ? `${countryName(country, lang)} (${why})` : why;
    }),
    lang,
  );
}

/** HDS v2 req. 30: a host subject to a non-adequate third country's law lists those laws and the mitigations. */
export const hdsExtraterritorialExposure: Rule = {
  id: 'hds.extraterritorial-exposure',
  severity: 'warning',
  title: l('Exposition à un droit extra-européen', 'Exposure to a non-EU law'),
  reference: l('Référentiel HDS v2, exigence 30', 'HDS référentiel v2, requirement 30'),
  description: l(
    "Un hébergeur ou sous-traitant de données de santé relève du droit d'un pays sans adéquation complète — par son pays, celui de son groupe, les pays d'où les données sont consultées, ou sa certification DPF — et le contrat n'enregistre ni les lois étrangères pouvant imposer un accès ni les mesures d'atténuation.",
    'A host or sub-processor of health data is subject to the law of a country without full adequacy — through its country, its group’s, the countries data is accessed from, or its DPF certification — and the contract records neither the foreign laws that could compel access nor the mitigations.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const found = new Map<string, { e: Engagement; list: Exposure[]; treatments: Map<string, Treatment> }>();
    // Per engagement, once (thousands of treatments share a few hosts): its exposures, if assessed none.
    const exposedOf = (e: Engagement): Exposure[] =>
      ctx.memoBy('hds-exposures', e, () => (e.foreignLawAssessment || !isHdsHost(ctx, e) ? [] : exposures(ctx, e)));
    for (const { treatment, chain } of healthChains(ctx)) {
      for (const e of chain) {
        const list = exposedOf(e);
        if (!list.length) continue;
        const entry = found.get(e.key) ?? { e, list, treatments: new Map() };
        entry.treatments.set(treatment.key, treatment);
        found.set(e.key, entry);
      }
    }
    return [...found.values()].map(({ e, list, treatments }) => {
      const s = ctx.subcontractor(e.provider);
      const name = s?.name ?? e.provider;
      return {
        ruleId: this.id,
        severity: 'warning' as const,
        subject: ctx.subjectOfEngagement(e),
        message: l(
          `${name} relève d'un droit extra-européen : ${describe(list, 'fr')} ; le contrat ne liste ni les lois pouvant imposer un accès aux données ni les mesures d'atténuation.`,
          `${name} is subject to a non-EU law: ${describe(list, 'en')}; the contract lists neither the laws that could compel access to the data nor the mitigations.`,
        ),
        reference: this.reference,
        evidence: {
          provider: name,
          country: s?.country ?? null,
          parentGroup: s?.parentGroup ?? null,
          parentCountry: s?.parentCountry ?? null,
          exposures: list,
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

import { countryName, isEea } from '../../reference/countries';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Engagement, Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { healthChains, isHdsHost, STORAGE_ACTIVITIES } from './hds';

/** HDS v2 req. 28: health data stored only inside the EEA. */
export const hdsDataLocation: Rule = {
  id: 'hds.data-location',
  severity: 'error',
  title: l('Données de santé stockées hors EEE', 'Health data stored outside the EEA'),
  reference: l('Référentiel HDS v2, exigence 28', 'HDS référentiel v2, requirement 28'),
  description: l(
    "Un hébergeur de données de santé stocke des données dans un pays hors de l'EEE.",
    'A health-data host stores data in a country outside the EEA.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const found = new Map<string, { e: Engagement; country: string; treatments: Map<string, Treatment> }>();
    // Per engagement, once: the countries outside the EEA where it stores health data.
    const outsideOf = (e: Engagement): string[] =>
      ctx.memoBy('hds-storage-outside-eea', e, () => {
        const activities = ctx.hdsActivitiesOf(e);
        const stores = activities.length ? activities.some((a) => STORAGE_ACTIVITIES.has(a)) : isHdsHost(ctx, e);
        return stores ? (e.processingCountries ?? []).filter((country) => !isEea(country)) : [];
      });
    for (const { treatment, chain } of healthChains(ctx)) {
      for (const e of chain) {
        for (const country of outsideOf(e)) {
          const id = `${e.key}:${country}`;
          const entry = found.get(id) ?? { e, country, treatments: new Map() };
          entry.treatments.set(treatment.key, treatment);
          found.set(id, entry);
        }
      }
    }
    return [...found.values()].map(({ e, country, treatments }) => {
      const name = ctx.subcontractorName(e.provider);
      return {
        ruleId: this.id,
        severity: 'error' as const,
        subject: ctx.subjectOfEngagement(e),
        detail: country,
        message: l(
          `${name} stocke des données de santé en/au ${countryName(country, 'fr')} (${country}), hors de l'EEE.`,
          `${name} stores health data in ${countryName(country, 'en')} (${country}), outside the EEA.`,
        ),
        reference: this.reference,
        evidence: {
          provider: name,
          country,
          hdsActivities: ctx.hdsActivitiesOf(e),
          treatments: treatmentKeys([...treatments.values()]),
        },
        remediation: l(
          "Exiger un stockage dans l'EEE (localisation contractuelle) ou changer d'hébergeur.",
          'Require storage inside the EEA (contractual location) or change host.',
        ),
      };
    });
  },
};

import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Breach, Organisation } from '../../snapshot/snapshot';
import type { Rule } from './rule';

/** What Art. 33(3) asks a notification to describe, and where the record keeps it. */
export const BREACH_CONTENT: readonly {
  item: string;
  fr: string;
  en: string;
  present: (b: Breach, o: Organisation) => boolean;
}[] = [
  { item: 'nature', fr: 'nature de la violation', en: 'nature of the breach', present: (b) => Boolean(b.nature) },
  {
    item: 'dataCategories',
    fr: 'catégories de données',
    en: 'categories of data',
    present: (b) => Boolean(b.dataCategories?.length),
  },
  {
    item: 'subjectCategories',
    fr: 'catégories de personnes',
    en: 'categories of data subjects',
    present: (b) => Boolean(b.subjectCategories?.length),
  },
  {
    item: 'approxSubjects',
    fr: 'nombre approximatif de personnes',
    en: 'approximate number of data subjects',
    present: (b) => b.approxSubjects !== undefined,
  },
  {
    item: 'approxRecords',
    fr: "nombre approximatif d'enregistrements",
    en: 'approximate number of records',
    present: (b) => b.approxRecords !== undefined,
  },
  {
    item: 'dpo',
    fr: 'coordonnées du DPO',
    en: 'DPO contact details',
    present: (_b, o) => Boolean(o.dpo?.email || o.dpo?.phone),
  },
  {
    item: 'consequences',
    fr: 'conséquences probables',
    en: 'likely consequences',
    present: (b) => Boolean(b.consequences),
  },
  {
    item: 'measures',
    fr: 'mesures prises ou envisagées',
    en: 'measures taken or proposed',
    present: (b) => Boolean(b.measures?.length),
  },
];

export const breachContentIncomplete: Rule = {
  id: 'breach.content-incomplete',
  severity: 'error',
  title: l('Contenu de notification incomplet', 'Breach notification content incomplete'),
  reference: l('RGPD art. 33(3), 33(4)', 'GDPR Art. 33(3), 33(4)'),
  description: l(
    "Une violation à notifier ne réunit pas les informations de l'article 33(3) : erreur si la CNIL a déjà été notifiée (à compléter, art. 33(4)), avertissement sinon.",
    'A breach to notify lacks the Art. 33(3) information: an error once the CNIL has been notified (to complete, Art. 33(4)), a warning before.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const breach of ctx.snapshot.breaches) {
      if (breach.riskLevel === 'unlikely') continue;
      const missing = BREACH_CONTENT.filter((c) => !c.present(breach, ctx.organisation));
      if (!missing.length) continue;
      const notified = (breach.notifications ?? []).some((n) => n.to === 'cnil');
      findings.push({
        ruleId: this.id,
        severity: notified ? 'error' : 'warning',
        subject: { type: 'breach', id: breach.key, name: breach.title },
        message: l(
          `Violation « ${breach.title} » : il manque ${missing.map((m) => m.fr).join(', ')}.`,
          `Breach "${breach.title}": missing ${missing.map((m) => m.en).join(', ')}.`,
        ),
        reference: this.reference,
        evidence: { missing: missing.map((m) => m.item), notifiedToCnil: notified },
        remediation: l(
          notified
            ? 'Adresser une notification complémentaire à la CNIL (art. 33(4)).'
            : 'Réunir ces informations avant de notifier (ou notifier par phases, art. 33(4)).',
          notified
            ? 'Send the CNIL a complementary notification (Art. 33(4)).'
            : 'Gather this information before notifying (or notify in phases, Art. 33(4)).',
        ),
      });
    }
    return findings;
  },
};

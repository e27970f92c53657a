import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { destinationCode, transferFindings } from './transfers';

/** LEGAL.md §2: "clauses contractuelles types" with no date or version is evidence to complete, with or without a third country. */
export const transferSccVersionUnknown: Rule = {
  id: 'transfer.scc-version-unknown',
  severity: 'warning',
  title: l('Version des CCT inconnue', 'SCC version unknown'),
  reference: l('RGPD art. 46(2)(c) ; décision (UE) 2021/914', 'GDPR Art. 46(2)(c); Decision (EU) 2021/914'),
  description: l(
    'Un contrat ou un document invoque des « clauses contractuelles types » sans date ni version, qu’un pays tiers soit enregistré ou non : preuve à compléter, pas une conformité acquise.',
    'A contract or a document relies on "standard contractual clauses" with no date or version, whether or not a third country is recorded: evidence to complete, not a pass.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transferFindings(ctx, this, 'version-unknown', (c) => ({
      message: c.country
        ? l(
            `${c.recipient} (${destinationCode(c, 'fr')}) : « clauses contractuelles types » sans version ni date ; impossible de savoir si ce sont les CCT 2021/914.`,
            `${c.recipient} (${destinationCode(c, 'en')}): "standard contractual clauses" with no version or date; cannot tell whether they are SCC 2021/914.`,
          )
        : (c.evidence.transfersCoveredOtherwise as string[] | undefined)?.length
          ? l(
              `${c.recipient} : « clauses contractuelles types » invoquées sans version ni date ; les transferts enregistrés (${(c.evidence.transfersCoveredOtherwise as string[]).join(', ')}) reposent sur une autre base, mais ces clauses restent à préciser.`,
              `${c.recipient}: "standard contractual clauses" stated with no version or date; the recorded transfers (${(c.evidence.transfersCoveredOtherwise as string[]).join(', ')}) stand on another ground, but these clauses remain to be specified.`,
            )
          : l(
              `${c.recipient} : « clauses contractuelles types » invoquées sans version ni date, et aucun pays tiers enregistré : vérifier vers quels pays vont les données et sous quelles clauses.`,
              `${c.recipient}: "standard contractual clauses" stated with no version or date, and no third country recorded: check which countries the data goes to and under which clauses.`,
            ),
      evidence: c.evidence,
      remediation: l(
        'Obtenir les clauses signées et enregistrer leur version (2021/914), leur module, leur date et les pays qu’elles couvrent.',
        'Obtain the signed clauses and record their version (2021/914), module, date and the countries they cover.',
      ),
    }));
  },
};

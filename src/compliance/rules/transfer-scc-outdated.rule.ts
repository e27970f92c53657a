import { REFERENCE } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { destinationCode, transferFindings } from './transfers';

const DECISIONS: Record<string, string> = Object.fromEntries(REFERENCE.scc.repealed.map((r) => [r.kind, r.decision]));

/** Decision 2021/914 art. 4: the repealed clauses are no safeguard today, whether or not a third country is recorded. */
export const transferSccOutdated: Rule = {
  id: 'transfer.scc-outdated',
  severity: 'error',
  title: l('Clauses contractuelles types abrogées', 'Repealed standard contractual clauses'),
  reference: l('Décision (UE) 2021/914, art. 4(3) et 4(4)', 'Decision (EU) 2021/914, Art. 4(3) and 4(4)'),
  description: l(
    `Un contrat (ou un document) invoque des CCT des décisions 2001/497, 2004/915 ou 2010/87, qu'un pays tiers soit enregistré ou non : seuls les contrats conclus avant le ${REFERENCE.scc.repealedFrom} restaient valables, et jusqu'au ${REFERENCE.scc.repealedInvalidAfter} inclus.`,
    `A contract (or a document) relies on SCC of decisions 2001/497, 2004/915 or 2010/87, whether or not a third country is recorded: only contracts concluded before ${REFERENCE.scc.repealedFrom} still counted, and only until ${REFERENCE.scc.repealedInvalidAfter} inclusive.`,
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transferFindings(ctx, this, 'outdated', (c) => {
      const kind = c.safeguard?.kind ?? c.detail;
      const decision = DECISIONS[kind] ?? kind;
      return {
        message: c.country
          ? l(
              `${c.recipient} (${destinationCode(c, 'fr')}) : le transfert repose sur des CCT abrogées (décision ${decision}), plus valables au ${ctx.asOf}.`,
              `${c.recipient} (${destinationCode(c, 'en')}): the transfer relies on repealed SCC (decision ${decision}), no longer valid on ${ctx.asOf}.`,
            )
          : l(
              `${c.recipient} : le contrat invoque des CCT abrogées (décision ${decision}), qui ne sont plus une garantie au ${ctx.asOf}, même si aucun pays tiers n'est encore enregistré.`,
              `${c.recipient}: the contract names repealed SCC (decision ${decision}), no safeguard on ${ctx.asOf}, even though no third country is recorded yet.`,
            ),
        evidence: {
          ...c.evidence,
          decision,
          contractsBefore: REFERENCE.scc.repealedFrom,
          invalidAfter: REFERENCE.scc.repealedInvalidAfter,
        },
        remediation: l(
          'Remplacer par les CCT 2021/914 (module adapté) et une analyse d’impact du transfert ; vérifier les pays où les données vont.',
          'Replace them with SCC 2021/914 (right module) and a transfer impact assessment; check where the data goes.',
        ),
      };
    });
  },
};

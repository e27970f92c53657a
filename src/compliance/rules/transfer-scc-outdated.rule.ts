import { REFERENCE } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { transferFindings } from './transfers';

export const transferSccOutdated: Rule = {
  id: 'transfer.scc-outdated',
  severity: 'error',
  title: l('Clauses contractuelles types abrogées', 'Repealed standard contractual clauses'),
  reference: l('Décision (UE) 2021/914, art. 4(3) et 4(4)', 'Decision (EU) 2021/914, Art. 4(3) and 4(4)'),
  description: l(
    `Un transfert repose sur des CCT des décisions 2001/497, 2004/915 ou 2010/87 : seuls les contrats conclus avant le ${REFERENCE.scc.repealedFrom} restaient valables, et jusqu'au ${REFERENCE.scc.repealedInvalidAfter} inclus.`,
    `A transfer relies on SCC of decisions 2001/497, 2004/915 or 2010/87: only contracts concluded before ${REFERENCE.scc.repealedFrom} still counted, and only until ${REFERENCE.scc.repealedInvalidAfter} inclusive.`,
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transferFindings(ctx, this, 'outdated', (c) => ({
      message: l(
        `${c.recipient} (${c.country}) : le transfert repose sur des CCT abrogées (${c.safeguard?.kind ?? ''}), plus valables au ${ctx.asOf}.`,
        `${c.recipient} (${c.country}): the transfer relies on repealed SCC (${c.safeguard?.kind ?? ''}), no longer valid on ${ctx.asOf}.`,
      ),
      evidence: {
        ...c.evidence,
        contractsBefore: REFERENCE.scc.repealedFrom,
        invalidAfter: REFERENCE.scc.repealedInvalidAfter,
      },
      remediation: l(
        'Remplacer par les CCT 2021/914 (module adapté) et une analyse d’impact du transfert.',
        'Replace them with SCC 2021/914 (right module) and a transfer impact assessment.',
      ),
    }));
  },
};

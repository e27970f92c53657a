import { REFERENCE } from '../../reference/reference-data';
import { l, RuleFinding } from '../finding';
import type { RuleContext } from '../rule-context';
import type { Rule } from './rule';
import { transferCases } from './transfers';

export const transferSccOutdated: Rule = {
  id: 'transfer.scc-outdated',
  severity: 'error',
  title: l('Clauses contractuelles types abrogées', 'Repealed standard contractual clauses'),
  reference: l('Décision (UE) 2021/914, art. 4', 'Decision (EU) 2021/914, Art. 4'),
  description: l(
    `Un transfert repose sur des CCT des décisions 2001/497, 2004/915 ou 2010/87 : plus de nouveau contrat après le ${REFERENCE.scc.repealedNoNewContractsAfter}, plus valables après le ${REFERENCE.scc.repealedInvalidAfter}.`,
    `A transfer relies on SCC of decisions 2001/497, 2004/915 or 2010/87: no new contract after ${REFERENCE.scc.repealedNoNewContractsAfter}, not valid after ${REFERENCE.scc.repealedInvalidAfter}.`,
  ),
  evaluate(ctx: RuleContext): RuleFinding[] {
    return transferCases(ctx)
      .filter((c) => c.verdict === 'outdated')
      .map((c) => ({
        ruleId: this.id,
        severity: 'error' as const,
        subject: c.subject,
        detail: c.country,
        message: l(
          `${c.recipient} (${c.country}) : le transfert repose sur des CCT abrogées (${c.safeguard?.kind ?? ''}), plus valables au ${ctx.asOf}.`,
          `${c.recipient} (${c.country}): the transfer relies on repealed SCC (${c.safeguard?.kind ?? ''}), no longer valid on ${ctx.asOf}.`,
        ),
        reference: this.reference,
        evidence: {
          ...c.evidence,
          noNewContractsAfter: REFERENCE.scc.repealedNoNewContractsAfter,
          invalidAfter: REFERENCE.scc.repealedInvalidAfter,
        },
        remediation: l(
          'Remplacer par les CCT 2021/914 (module adapté) et une analyse d’impact du transfert.',
          'Replace them with SCC 2021/914 (right module) and a transfer impact assessment.',
        ),
      }));
  },
};

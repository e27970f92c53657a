import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { transferFindings } from './transfers';

export const transferSccVersionUnknown: Rule = {
  id: 'transfer.scc-version-unknown',
  severity: 'warning',
  title: l('Version des CCT inconnue', 'SCC version unknown'),
  reference: l('RGPD art. 46(2)(c) ; décision (UE) 2021/914', 'GDPR Art. 46(2)(c); Decision (EU) 2021/914'),
  description: l(
    'Un transfert est couvert par des « clauses contractuelles types » sans date ni version : preuve à compléter, pas une conformité acquise.',
    'A transfer is covered by "standard contractual clauses" with no date or version: evidence to complete, not a pass.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transferFindings(ctx, this, 'version-unknown', (c) => ({
      message: l(
        `${c.recipient} (${c.country}) : « clauses contractuelles types » sans version ni date ; impossible de savoir si ce sont les CCT 2021/914.`,
        `${c.recipient} (${c.country}): "standard contractual clauses" with no version or date; cannot tell whether they are SCC 2021/914.`,
      ),
      evidence: c.evidence,
      remediation: l(
        'Obtenir les clauses signées et enregistrer leur version (2021/914), leur module et leur date.',
        'Obtain the signed clauses and record their version (2021/914), module and date.',
      ),
    }));
  },
};

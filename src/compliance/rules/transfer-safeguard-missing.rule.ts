import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { destination, transferFindings, WORLDWIDE } from './transfers';

export const transferSafeguardMissing: Rule = {
  id: 'transfer.safeguard-missing',
  severity: 'error',
  title: l('Transfert hors EEE sans garantie', 'Transfer outside the EEA without a safeguard'),
  reference: l('RGPD art. 44 à 46, 49', 'GDPR Art. 44 to 46, 49'),
  description: l(
    "Des données sont traitées dans, ou consultées depuis, un pays hors EEE (ou depuis n'importe quel pays) sans décision d'adéquation en vigueur (États-Unis : seulement les organisations certifiées DPF), ni CCT 2021/914, ni BCR, ni dérogation de l'article 49 documentée.",
    'Data is processed in, or accessed from, a country outside the EEA (or from any country) with no adequacy decision in force (US: DPF-certified organisations only), no SCC 2021/914, no BCR and no documented Art. 49 derogation.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transferFindings(ctx, this, 'missing', (c) => ({
      message: l(
        `${c.recipient} : données ${c.via === 'access' ? 'consultées depuis' : 'traitées en/au'} ${destination(c, 'fr')} sans garantie de transfert valable au ${ctx.asOf}${c.country === WORLDWIDE ? ' (une garantie limitée à certains pays ne couvre pas un accès depuis partout)' : ''}.`,
        `${c.recipient}: data ${c.via === 'access' ? 'accessed from' : 'processed in'} ${destination(c, 'en')} with no transfer safeguard valid on ${ctx.asOf}${c.country === WORLDWIDE ? ' (a safeguard limited to some countries does not cover access from anywhere)' : ''}.`,
      ),
      reference: l('RGPD art. 44, 45, 46(2)(c), 49', 'GDPR Art. 44, 45, 46(2)(c), 49'),
      evidence: c.evidence,
      remediation: l(
        "Conclure les CCT 2021/914 (module adapté) ou vérifier la certification DPF du destinataire, ou documenter une dérogation de l'article 49 ; sinon cesser le transfert.",
        'Sign SCC 2021/914 (right module) or verify the recipient’s DPF certification, or document an Art. 49 derogation; otherwise stop the transfer.',
      ),
    }));
  },
};

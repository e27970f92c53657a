import { countryName } from '../../reference/countries';
import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { transferFindings } from './transfers';

export const transferSafeguardMissing: Rule = {
  id: 'transfer.safeguard-missing',
  severity: 'error',
  title: l('Transfert hors EEE sans garantie', 'Transfer outside the EEA without a safeguard'),
  reference: l('RGPD art. 44 à 46, 49', 'GDPR Art. 44 to 46, 49'),
  description: l(
    "Des données sont traitées dans, ou consultées depuis, un pays hors EEE sans décision d'adéquation en vigueur (États-Unis : seulement les organisations certifiées DPF), ni CCT 2021/914, ni BCR, ni dérogation de l'article 49 documentée.",
    'Data is processed in, or accessed from, a country outside the EEA with no adequacy decision in force (US: DPF-certified organisations only), no SCC 2021/914, no BCR and no documented Art. 49 derogation.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transferFindings(ctx, this, 'missing', (c) => ({
      message: l(
        `${c.recipient} : données ${c.via === 'access' ? 'consultées depuis' : 'traitées en/au'} ${countryName(c.country, 'fr')} (${c.country}) sans garantie de transfert valable au ${ctx.asOf}.`,
        `${c.recipient}: data ${c.via === 'access' ? 'accessed from' : 'processed in'} ${countryName(c.country, 'en')} (${c.country}) with no transfer safeguard valid on ${ctx.asOf}.`,
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

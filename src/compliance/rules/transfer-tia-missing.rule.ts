import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { tiaSeverity, transfersNeedingTia } from './transfer-tia';
import { destinationCode } from './transfers';

export const transferTiaMissing: Rule = {
  id: 'transfer.tia-missing',
  severity: 'error',
  title: l("Transfert sans analyse d'impact (TIA)", 'Transfer without an impact assessment (TIA)'),
  reference: l(
    'RGPD art. 46 ; CJUE C-311/18 (Schrems II) ; EDPB, recommandations 01/2020',
    'GDPR Art. 46; CJEU C-311/18 (Schrems II); EDPB Recommendations 01/2020',
  ),
  description: l(
    "Un transfert vers un pays sans décision d'adéquation repose sur des CCT ou des BCR sans analyse d'impact enregistrée (date, conclusion, mesures supplémentaires) : erreur hors États-Unis, avertissement pour les États-Unis (les garanties de l'Executive Order 14086 valent pour tout transfert vers les États-Unis).",
    'A transfer to a country without adequacy stands on SCC or BCR with no recorded impact assessment (date, conclusion, supplementary measures): an error outside the US, a warning for the US (the safeguards of Executive Order 14086 apply to every transfer to the US).',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    return transfersNeedingTia(ctx)
      .filter((c) => !c.safeguard?.tia)
      .map((c) => ({
        ruleId: this.id,
        severity: tiaSeverity(c),
        subject: c.subject,
        detail: c.detail,
        message: l(
          `${c.recipient} (${destinationCode(c, 'fr')}) : le transfert repose sur ${c.safeguard?.kind === 'bcr' ? 'des BCR' : 'des CCT'} sans analyse d'impact du transfert enregistrée${c.dpfCountry ? ' (pays couvert par le DPF, mais pas ce destinataire)' : ''}.`,
          `${c.recipient} (${destinationCode(c, 'en')}): the transfer stands on ${c.safeguard?.kind === 'bcr' ? 'BCR' : 'SCC'} with no recorded transfer impact assessment${c.dpfCountry ? ' (a DPF country, but not this recipient)' : ''}.`,
        ),
        reference: this.reference,
        evidence: { ...c.evidence, safeguard: c.safeguard ?? null, dpfCountry: c.dpfCountry },
        remediation: l(
          "Réaliser (ou obtenir de l'importateur) l'analyse d'impact : droit du pays de destination, accès des autorités, mesures supplémentaires (chiffrement avec clés dans l'EEE, pseudonymisation) ; l'enregistrer (date, conclusion, mesures).",
          'Carry out (or obtain from the importer) the impact assessment: destination law, public-authority access, supplementary measures (encryption with keys in the EEA, pseudonymisation); record it (date, conclusion, measures).',
        ),
      }));
  },
};

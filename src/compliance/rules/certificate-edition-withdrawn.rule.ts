import { iso27001Edition } from '../../reference/reference-data';
import { endedByWithdrawal } from '../../subcontractors/certificate-validity';
import { l, RuleFinding } from '../finding';
import { SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { reliedCertificates } from './certificates';

/** ISO/IEC 27001:2013 certificates ended on 31 Oct 2025 (IAF MD 26), whatever date they print. */
export const certificateEditionWithdrawn: Rule = {
  id: 'certificate.edition-withdrawn',
  severity: 'error',
  title: l('Édition de norme retirée', 'Withdrawn standard edition'),
  reference: l('IAF MD 26 (ISO/IEC 27001:2013)', 'IAF MD 26 (ISO/IEC 27001:2013)'),
  description: l(
    "Un certificat ISO/IEC 27001 d'une édition retirée (2013, y compris son adoption européenne EN ISO/IEC 27001:2017, ou 2005), quelle que soit la façon dont elle est imprimée, est invoqué après la fin de la transition vers l'édition 2022.",
    'An ISO/IEC 27001 certificate of a withdrawn edition (2013, including its European adoption EN ISO/IEC 27001:2017, or 2005), however it is printed, is relied on after the end of the transition to the 2022 edition.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const { certificate: c, treatments, supersededBy } of reliedCertificates(ctx)) {
      if (c.kind !== 'iso-27001' || supersededBy) continue;
      // Only while the withdrawn edition is what ends it; past its own printed end it is certificate.expired.
      if (!endedByWithdrawal(c, ctx.asOf)) continue;
      const edition = iso27001Edition(c.edition);
      if (!edition?.validUntil) continue;
      const holder = ctx.holderName(c);
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfCertificate(c),
        message: l(
          `Le certificat ISO/IEC 27001:${edition.edition} de ${holder} (imprimé « ${c.edition ?? ''} ») n'est plus valable après le ${edition.validUntil} (fin de l'édition) : il est échu, malgré sa date de fin imprimée (${c.validTo ?? '—'}).`,
          `The ISO/IEC 27001:${edition.edition} certificate of ${holder} (printed "${c.edition ?? ''}") is no longer valid after ${edition.validUntil} (end of the edition): it has ended, despite its printed end date (${c.validTo ?? '—'}).`,
        ),
        reference: this.reference,
        evidence: {
          holder,
          edition: c.edition,
          normalisedEdition: edition.edition,
          editionValidUntil: edition.validUntil,
          printedValidTo: c.validTo ?? null,
          treatments: treatmentKeys(treatments),
        },
        remediation: l('Obtenir le certificat ISO/IEC 27001:2022.', 'Obtain the ISO/IEC 27001:2022 certificate.'),
      });
    }
    return findings;
  },
};

import { l, RuleFinding } from '../finding';
import { ORGANISATION_HOLDER, SnapshotIndex } from '../../snapshot/snapshot-index';
import type { SubjectRef } from '../../snapshot/snapshot';
import type { Rule } from './rule';
import { certificateKind } from '../../reference/reference-data';
import { certificateFamily } from '../../subcontractors/certificate-validity';

/** Guarantee kinds that a certificate proves. */
const CERTIFIED_GUARANTEES = new Set(['hds', 'hds-agrement', 'iso-27001', 'iso-27701', 'soc2']);

export const certificateEvidenceMissing: Rule = {
  id: 'certificate.evidence-missing',
  severity: 'warning',
  title: l('Garantie affirmée sans certificat daté', 'Guarantee claimed without a dated certificate'),
  reference: l('RGPD art. 24(3), 28(1), 28(5)', 'GDPR Art. 24(3), 28(1), 28(5)'),
  description: l(
    "Un document affirme une certification (« Certifié ISO 27001 », « HADS ») d'un sous-traitant ou de l'organisation elle-même sans qu'un certificat avec ses dates soit enregistré.",
    'A document claims a certification ("Certifié ISO 27001", "HADS") of a subcontractor or of the organisation itself but no certificate with its dates is recorded.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const holders: { key: string; name: string; subject: SubjectRef }[] = [
      ...ctx.snapshot.subcontractors.map((s) => ({ key: s.key, name: s.name, subject: ctx.subjectOfSubcontractor(s) })),
      { key: ORGANISATION_HOLDER, name: ctx.organisation.name, subject: ctx.subjectOfOrganisation() },
    ];
    const findings: RuleFinding[] = [];
    for (const holder of holders) {
      const dated = new Set(
        ctx
          .certificatesOf(holder.key)
          .filter((c) => ctx.certificateEnd(c).date)
          .map((c) => certificateFamily(c.kind)),
      );
      const claims = new Map<string, string[]>();
      for (const g of ctx.guaranteesOf(holder.key)) {
        if (!CERTIFIED_GUARANTEES.has(g.kind)) continue;
        const family = certificateFamily(g.kind);
        claims.set(family, [...(claims.get(family) ?? []), g.text]);
      }
      for (const [family, texts] of claims) {
        if (dated.has(family)) continue;
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          subject: holder.subject,
          detail: family,
          message: l(
            `${holder.name} : « ${texts[0]} » est affirmé, mais aucun certificat ${certificateKind(family).short} daté n'est enregistré.`,
            `${holder.name}: "${texts[0]}" is claimed, but no dated ${certificateKind(family).short} certificate is recorded.`,
          ),
          reference: this.reference,
          evidence: { claims: texts, kind: family },
          remediation: l(
            'Obtenir le certificat (numéro, organisme, périmètre, dates de validité) et l’enregistrer.',
            'Obtain the certificate (number, body, scope, validity dates) and record it.',
          ),
        });
      }
    }
    return findings;
  },
};

import { l, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
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
    "Un document affirme une certification (« Certifié ISO 27001 », « HADS ») sans qu'un certificat avec ses dates soit enregistré.",
    'A document claims a certification ("Certifié ISO 27001", "HADS") but no certificate with its dates is recorded.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const s of ctx.snapshot.subcontractors) {
      const dated = new Set(
        ctx
          .certificatesOf(s.key)
          .filter((c) => ctx.certificateEnd(c).date)
          .map((c) => certificateFamily(c.kind)),
      );
      const claims = new Map<string, string[]>();
      for (const g of s.guarantees ?? []) {
        if (!CERTIFIED_GUARANTEES.has(g.kind)) continue;
        const family = certificateFamily(g.kind);
        claims.set(family, [...(claims.get(family) ?? []), g.text]);
      }
      for (const [family, texts] of claims) {
        if (dated.has(family)) continue;
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          subject: ctx.subjectOfSubcontractor(s),
          detail: family,
          message: l(
            `${s.name} : « ${texts[0]} » est affirmé, mais aucun certificat ${certificateKind(family).short} daté n'est enregistré.`,
            `${s.name}: "${texts[0]}" is claimed, but no dated ${certificateKind(family).short} certificate is recorded.`,
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

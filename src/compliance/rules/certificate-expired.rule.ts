import { capitalize } from '../../common/i18n';
import { l, RuleFinding } from '../finding';
import { holderOf, SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import { Rule, STEP, stepped } from './rule';
import { certificateKind } from '../../reference/reference-data';
import { certificateFamily, endedByWithdrawal } from '../../subcontractors/certificate-validity';
import { reliedCertificateSteps } from './certificates';

export const certificateExpired: Rule = stepped({
  id: 'certificate.expired',
  severity: 'error',
  title: l('Certificat expiré', 'Certificate expired'),
  reference: l('RGPD art. 28(1), 32 ; CSP L.1111-8 pour HDS', 'GDPR Art. 28(1), 32; CSP L.1111-8 for HDS'),
  description: l(
    'Un certificat sur lequel repose un traitement en cours est arrivé à échéance à la date demandée, sans renouvellement enregistré.',
    'A certificate a treatment in use relies on has ended on the date asked, with no renewal recorded.',
  ),
  *steps(ctx: SnapshotIndex): Generator<void, RuleFinding[]> {
    let n = 0;
    const findings: RuleFinding[] = [];
    const reported = new Set<string>();
    // Newest first, so that only the latest certificate of a holder and family is reported.
    // (ISO dates: their order is the strings' order.)
    const relied = (yield* reliedCertificateSteps(ctx))
      .map((r) => ({ r, end: ctx.certificateEnd(r.certificate).date ?? '' }))
      .sort((a, b) => (a.end < b.end ? 1 : a.end > b.end ? -1 : 0))
      .map(({ r }) => r);
    for (const { certificate: c, treatments } of relied) {
      if (++n % STEP === 0) yield;
      const end = ctx.certificateEnd(c);
      // Ended by a withdrawn edition before its printed end: certificate.edition-withdrawn says why.
      if (!end.date || ctx.asOf <= end.date || endedByWithdrawal(c, ctx.asOf)) continue;
      const family = `${holderOf(c)}:${certificateFamily(c.kind)}`;
      const familyValid = ctx
        .certificatesOf(holderOf(c))
        .some((o) => certificateFamily(o.kind) === certificateFamily(c.kind) && ctx.isValidOn(o));
      if (familyValid || reported.has(family)) continue;
      reported.add(family);
      const holder = ctx.holderName(c);
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfCertificate(c),
        message: l(
          `${capitalize(certificateKind(c.kind).frThe)} de ${holder} a expiré le ${end.date}${end.derived ? ' (fin calculée : début + 3 ans)' : ''} ; ${treatments.length} traitement(s) en dépendent.`,
          `${capitalize(certificateKind(c.kind).enThe)} of ${holder} expired on ${end.date}${end.derived ? ' (computed end: start + 3 years)' : ''}; ${treatments.length} treatment(s) rely on it.`,
        ),
        reference: c.kind.startsWith('hds')
          ? l('CSP L.1111-8, R.1111-10', 'CSP L.1111-8, R.1111-10')
          : l('RGPD art. 28(1), 32', 'GDPR Art. 28(1), 32'),
        evidence: {
          holder,
          kind: c.kind,
          number: c.number ?? null,
          validFrom: c.validFrom ?? null,
          validTo: end.date,
          endDerived: end.derived,
          asOf: ctx.asOf,
          treatments: treatmentKeys(treatments),
          source: c.source ?? null,
        },
        remediation: l(
          'Obtenir le certificat renouvelé et l’enregistrer, ou remplacer le prestataire.',
          'Obtain the renewed certificate and record it, or replace the provider.',
        ),
      });
    }
    return findings;
  },
});

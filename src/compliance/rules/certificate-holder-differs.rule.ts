import { countryName } from '../../reference/countries';
import { certificateKind } from '../../reference/reference-data';
import { certificateFamily } from '../../subcontractors/certificate-validity';
import { l, RuleFinding } from '../finding';
import { holderOf, ORGANISATION_HOLDER, SnapshotIndex, treatmentKeys } from '../../snapshot/snapshot-index';
import type { Rule } from './rule';
import { reliedCertificates } from './certificates';
import { fold } from './text-match';

/** Legal forms and affiliates wording that do not tell two entities apart. */
const NOISE =
  /\b(?:sas|sasu|sarl|sa|se|inc|incorporated|ltd|limited|llc|gmbh|ag|bv|nv|plc|corp|corporation|co|company|group|groupe|and its affiliates|and affiliates|et ses filiales|ses affilies)\b/g;

function words(name: string): string[] {
  return fold(name)
    .replace(/\([^()]*(?:\([^()]*\)[^()]*)*\)/g, ' ')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(NOISE, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The same entity, as far as names tell: the same words once legal forms, "and its affiliates" and
 * parentheses are set aside, or one the initials of the other ("AWS"). A word more is another entity:
 * "Amazon Web Services EMEA SARL" is not "Amazon Web Services, Inc.".
 */
export function sameEntity(a: string, b: string): boolean {
  const [x, y] = [words(a), words(b)];
  if (!x.length || !y.length) return true;
  const [sx, sy] = [x.join(''), y.join('')];
  const initials = (w: string[]) => w.map((p) => p[0]).join('');
  return sx === sy || (x.length > 1 && initials(x) === sy) || (y.length > 1 && initials(y) === sx);
}

/**
 * The contract is with one entity, the certificate names another (the group, a sister company): a
 * certificate proves what its named entity does. For HDS, the entity that performs the activities must
 * hold the certificate (CSP L.1111-8): a warning; for other schemes, information to check.
 */
export const certificateHolderDiffers: Rule = {
  id: 'certificate.holder-differs',
  severity: 'warning',
  title: l('Certificat au nom d’une autre entité', 'Certificate in the name of another entity'),
  reference: l('CSP L.1111-8 ; RGPD art. 28(1)', 'CSP L.1111-8; GDPR Art. 28(1)'),
  description: l(
    "Le certificat nomme une entité juridique différente de l'entité contractante (par exemple la maison mère) : vérifier que son périmètre couvre l'entité contractante et les services utilisés.",
    'The certificate names a legal entity other than the contracting entity (e.g. the parent company): check that its scope covers the contracting entity and the services used.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    for (const { certificate: c, treatments } of reliedCertificates(ctx)) {
      if (!c.certifiedEntity) continue;
      const holder = holderOf(c);
      const contracting = holder === ORGANISATION_HOLDER ? ctx.organisation.name : ctx.subcontractor(holder)?.legalName;
      if (!contracting || sameEntity(contracting, c.certifiedEntity)) continue;
      const hds = certificateFamily(c.kind) === 'hds';
      const where = (lang: 'fr' | 'en') =>
        c.certifiedEntityCountry ? ` (${countryName(c.certifiedEntityCountry, lang)})` : '';
      findings.push({
        ruleId: this.id,
        severity: hds ? 'warning' : 'info',
        subject: ctx.subjectOfCertificate(c),
        message: l(
          `${certificateKind(c.kind).short} : le certificat est au nom de « ${c.certifiedEntity} »${where('fr')}, l'entité contractante est « ${contracting} »${hds ? " ; l'entité qui exerce les activités HDS doit elle-même être certifiée" : ''}.`,
          `${certificateKind(c.kind).short}: the certificate names "${c.certifiedEntity}"${where('en')}, the contracting entity is "${contracting}"${hds ? '; the entity performing the HDS activities must itself be certified' : ''}.`,
        ),
        reference: hds
          ? l('CSP L.1111-8, R.1111-9', 'CSP L.1111-8, R.1111-9')
          : l('RGPD art. 28(1)', 'GDPR Art. 28(1)'),
        evidence: {
          certifiedEntity: c.certifiedEntity,
          certifiedEntityCountry: c.certifiedEntityCountry ?? null,
          contractingEntity: contracting,
          treatments: treatmentKeys(treatments),
        },
        remediation: l(
          "Obtenir le certificat de l'entité contractante, ou la preuve que le périmètre du certificat l'inclut (liste des entités et sites couverts).",
          'Obtain the contracting entity’s certificate, or evidence that the certificate’s scope includes it (list of entities and sites covered).',
        ),
      });
    }
    return findings;
  },
};

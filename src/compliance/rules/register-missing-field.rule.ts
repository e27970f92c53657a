import { l, Localized, RuleFinding } from '../finding';
import type { SnapshotIndex } from '../../snapshot/snapshot-index';
import type { Treatment } from '../../snapshot/snapshot';
import type { Rule } from './rule';

interface Check {
  field: string;
  label: Localized;
  reference: Localized;
  missing: (t: Treatment) => boolean;
}

const empty = (list: readonly unknown[] | undefined) => !list || list.length === 0;

const CONTROLLER_CHECKS: Check[] = [
  {
    field: 'purposes',
    label: l('finalités', 'purposes'),
    reference: l('RGPD art. 30(1)(b)', 'GDPR Art. 30(1)(b)'),
    missing: (t) => empty(t.purposes),
  },
  {
    field: 'dataSubjects',
    label: l('catégories de personnes concernées', 'categories of data subjects'),
    reference: l('RGPD art. 30(1)(c)', 'GDPR Art. 30(1)(c)'),
    missing: (t) => empty(t.dataSubjects),
  },
  {
    field: 'dataCategories',
    label: l('catégories de données', 'categories of personal data'),
    reference: l('RGPD art. 30(1)(c)', 'GDPR Art. 30(1)(c)'),
    missing: (t) => empty(t.dataCategories),
  },
  {
    // Processors the treatment uses are recipients too: only a treatment with neither lacks them.
    field: 'recipients',
    label: l('catégories de destinataires', 'categories of recipients'),
    reference: l('RGPD art. 30(1)(d)', 'GDPR Art. 30(1)(d)'),
    missing: (t) => empty(t.recipients) && empty(t.uses),
  },
];

const JOINT_CHECKS: Check[] = [
  {
    field: 'jointControllers',
    label: l('responsables conjoints', 'joint controllers'),
    reference: l('RGPD art. 30(1)(a), 26', 'GDPR Art. 30(1)(a), 26'),
    missing: (t) => empty(t.jointControllers),
  },
];

const PROCESSOR_CHECKS: Check[] = [
  {
    field: 'controllers',
    label: l('responsables de traitement pour le compte desquels il est agi', 'controllers on whose behalf it acts'),
    reference: l('RGPD art. 30(2)(a)', 'GDPR Art. 30(2)(a)'),
    missing: (t) => empty(t.controllers),
  },
  {
    field: 'purposes',
    label: l('catégories de traitements effectués pour chaque responsable', 'categories of processing carried out'),
    reference: l('RGPD art. 30(2)(b)', 'GDPR Art. 30(2)(b)'),
    missing: (t) => empty(t.purposes),
  },
];

function checksFor(t: Treatment): Check[] {
  if (t.role === 'processor') return PROCESSOR_CHECKS;
  return t.role === 'joint-controller' ? [...JOINT_CHECKS, ...CONTROLLER_CHECKS] : CONTROLLER_CHECKS;
}

/** Art. 30 fields without which the register is incomplete, per treatment and for the organisation. */
export const registerMissingField: Rule = {
  id: 'register.missing-field',
  severity: 'error',
  title: l('Champ obligatoire du registre manquant', 'Mandatory register field missing'),
  reference: l('RGPD art. 30(1) et 30(2)', 'GDPR Art. 30(1) and 30(2)'),
  description: l(
    "Une mention exigée par l'article 30 est vide pour un traitement, ou les coordonnées du responsable ou du DPO manquent.",
    'A mention Article 30 requires is empty for a treatment, or the controller or DPO contact is missing.',
  ),
  evaluate(ctx: SnapshotIndex): RuleFinding[] {
    const findings: RuleFinding[] = [];
    const org = ctx.organisation;
    const hasContact = Boolean(org.address || org.contact?.email || org.contact?.phone || org.contact?.address);
    const hasDpo = Boolean(org.dpo?.email || org.dpo?.phone || org.dpo?.address);
    const orgChecks: [string, boolean, Localized][] = [
      ['contact', hasContact, l('coordonnées du responsable de traitement', 'contact details of the controller')],
      [
        'dpo',
        hasDpo,
        l('coordonnées du délégué à la protection des données', 'contact details of the data protection officer'),
      ],
    ];
    for (const [field, present, label] of orgChecks) {
      if (present) continue;
      findings.push({
        ruleId: this.id,
        severity: 'error',
        subject: ctx.subjectOfOrganisation(),
        detail: field,
        message: l(`Le registre ne donne pas les ${label.fr}.`, `The register does not give the ${label.en}.`),
        reference: l('RGPD art. 30(1)(a), 30(2)(a), 37(7)', 'GDPR Art. 30(1)(a), 30(2)(a), 37(7)'),
        evidence: { field, organisation: org.slug },
        remediation: l(
          `Renseigner les ${label.fr} (nom, adresse, e-mail ou téléphone).`,
          `Record the ${label.en} (name, address, e-mail or phone).`,
        ),
      });
    }
    for (const t of ctx.inUse) {
      for (const check of checksFor(t)) {
        if (!check.missing(t)) continue;
        findings.push({
          ruleId: this.id,
          severity: 'error',
          subject: ctx.subjectOfTreatment(t),
          detail: check.field,
          message: l(
            `Le traitement « ${t.name} » ne mentionne pas les ${check.label.fr}.`,
            `Treatment "${t.name}" does not state the ${check.label.en}.`,
          ),
          reference: check.reference,
          evidence: { field: check.field, role: t.role, status: t.status ?? 'active' },
          remediation: l(`Compléter les ${check.label.fr}.`, `Fill in the ${check.label.en}.`),
        });
      }
    }
    return findings;
  },
};

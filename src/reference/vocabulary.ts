/**
 * Closed vocabularies of the register. Codes are stable identifiers (English, kebab-case); labels
 * for documents live with the templates. Sources: CNIL register model (data categories, recipient
 * kinds), GDPR art. 6(1), 9(2), 46, 49; CSP R.1111-9 for HDS (see hds-activities.ts).
 */
export const TREATMENT_ROLES = ['controller', 'joint-controller', 'processor'] as const;
export type TreatmentRole = (typeof TREATMENT_ROLES)[number];

export const TREATMENT_STATUSES = ['active', 'option', 'retired'] as const;
export type TreatmentStatus = (typeof TREATMENT_STATUSES)[number];

export const ORGANISATION_ROLES = ['controller', 'processor'] as const;
export type OrganisationRole = (typeof ORGANISATION_ROLES)[number];

/** CNIL register data categories (LEGAL.md §3). */
export const DATA_CATEGORIES = [
  'identity',
  'personal-life',
  'professional-life',
  'economic-financial',
  'connection',
  'location',
  'nir',
  'health',
  'sensitive',
  'offences',
  'other',
] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

/** CNIL recipient kinds. */
export const RECIPIENT_KINDS = ['internal', 'processor', 'third-country', 'partner', 'other'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];

/** GDPR art. 6(1) (a)–(f). */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal-obligation',
  'vital-interests',
  'public-task',
  'legitimate-interests',
] as const;
export type LegalBasis = (typeof LEGAL_BASES)[number];

/** GDPR art. 9(2) (a)–(j). */
export const ARTICLE9_CONDITIONS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'] as const;
export type Article9Condition = (typeof ARTICLE9_CONDITIONS)[number];

export const CERTIFICATE_KINDS = [
  'hds',
  'hds-agrement',
  'iso-27001',
  'iso-27017',
  'iso-27018',
  'iso-27701',
  'iso-22301',
  'iso-9001',
  'iso-20000-1',
  'soc2',
  'csa-star',
  'other',
] as const;
export type CertificateKind = (typeof CERTIFICATE_KINDS)[number];

export const HDS_REFERENTIALS = ['2018', 'v2'] as const;
export type HdsReferential = (typeof HDS_REFERENTIALS)[number];

/** Guarantees a document claims for a subcontractor, before any certificate is recorded. */
export const GUARANTEE_KINDS = [
  'hds',
  'hds-agrement',
  'iso-27001',
  'iso-27701',
  'soc2',
  'dpf',
  'scc',
  'bcr',
  'contract',
  'other',
] as const;
export type GuaranteeKind = (typeof GUARANTEE_KINDS)[number];

/** Transfer safeguards (GDPR ch. V). `scc-unspecified`: "clauses contractuelles types" without a version. */
export const SAFEGUARD_KINDS = [
  'none',
  'adequacy',
  'dpf',
  'scc-2021',
  'scc-2010',
  'scc-2004',
  'scc-2001',
  'scc-unspecified',
  'bcr',
  'derogation',
] as const;
export type SafeguardKind = (typeof SAFEGUARD_KINDS)[number];

export const SCC_MODULES = ['C2C', 'C2P', 'P2P', 'P2C'] as const;
export type SccModule = (typeof SCC_MODULES)[number];

export const AUTHORISATION_KINDS = ['general', 'specific', 'none'] as const;
export type AuthorisationKind = (typeof AUTHORISATION_KINDS)[number];

export const PERIOD_UNITS = [
  'hours',
  'calendar-days',
  'working-days',
  'business-days',
  'weeks',
  'months',
  'years',
] as const;
/**
 * working-days = jours ouvrés (Mon–Fri), business-days = jours ouvrables (Mon–Sat), both minus holidays;
 * weeks end on the same weekday as the starting day (Reg. 1182/71 art. 3(2)(c)), i.e. 7 calendar days each.
 */
export type PeriodUnit = (typeof PERIOD_UNITS)[number];

export const DEADLINE_KINDS = [
  'breach-notice',
  'objection-window',
  'data-subject-request',
  'audit-notice',
  'audit-report',
  'data-return',
  'data-destruction',
  'acknowledgement',
  'maintenance-notice',
  'termination-notice',
  'renewal',
  'other',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

/**
 * A processor's notice about its sub-processors. `addition` and `replacement` are the changes of
 * GDPR art. 28(2) the controller may object to; `relocation` (the sub-processor processes in another
 * country) and `safeguard-change` (another transfer safeguard) change where and on what ground data
 * leaves the EEA, which the processor may do only on the controller's documented instructions
 * (art. 28(3)(a)): the contract's objection window applies to them too. A `removal` is recorded for
 * the history of the list and opens no window.
 */
export const CHANGE_KINDS = ['addition', 'replacement', 'relocation', 'safeguard-change', 'removal'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** WP248 rev.01 criteria (data/dpia.json): two or more usually mean a DPIA is required (LEGAL.md §7b). */
export const DPIA_CRITERIA = [
  'evaluation-scoring',
  'automated-decision',
  'systematic-monitoring',
  'sensitive-data',
  'large-scale',
  'matching-datasets',
  'vulnerable-subjects',
  'innovative-technology',
  'prevents-right',
] as const;
export type DpiaCriterion = (typeof DPIA_CRITERIA)[number];

/** Types of the CNIL list (délibération 2018-327) that LEGAL.md states; `other` for the rest of the list. */
export const CNIL_DPIA_ITEMS = [
  'health-establishment-care',
  'genetic-large-scale',
  'medico-social-vulnerable',
  'other',
] as const;
export type CnilDpiaItem = (typeof CNIL_DPIA_ITEMS)[number];

/** LEGAL.md §7b: not needed (with the reason), to do, done (with its date), to review. */
export const DPIA_STATUSES = ['not-needed', 'to-do', 'done', 'to-review'] as const;
export type DpiaStatus = (typeof DPIA_STATUSES)[number];

/** What a transfer impact assessment concluded (EDPB Recommendations 01/2020, steps 3 to 5). */
export const TIA_CONCLUSIONS = [
  'essentially-equivalent',
  'supplementary-measures',
  'not-essentially-equivalent',
] as const;
export type TiaConclusion = (typeof TIA_CONCLUSIONS)[number];
/** Whether a notice of this kind opens the contract's objection window. */
export function opensObjectionWindow(kind: ChangeKind): boolean {
  return kind !== 'removal';
}

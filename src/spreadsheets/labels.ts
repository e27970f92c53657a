import type { Lang } from '../common/i18n';
import { normaliseName } from '../reference/countries';
import { HDS_ACTIVITIES, HDS_ACTIVITY_CODES } from '../reference/hds-activities';
import { certificateKind, REFERENCE } from '../reference/reference-data';
import {
  ARTICLE9_CONDITIONS,
  AUTHORISATION_KINDS,
  CERTIFICATE_KINDS,
  CHANGE_KINDS,
  CNIL_DPIA_ITEMS,
  DATA_CATEGORIES,
  DEADLINE_KINDS,
  DPIA_CRITERIA,
  DPIA_STATUSES,
  GUARANTEE_KINDS,
  LEGAL_BASES,
  ORGANISATION_ROLES,
  PERIOD_UNITS,
  RECIPIENT_KINDS,
  SAFEGUARD_KINDS,
  TIA_CONCLUSIONS,
  TREATMENT_ROLES,
  TREATMENT_STATUSES,
} from '../reference/vocabulary';
import type { FieldSpec, SheetSpec } from './schema';

/**
 * Words of the workbook, French first. Everything here is a fallback chain: a field or a code this
 * table does not know (one another module added) still gets a header and a label — its own name made
 * readable — so the workbook never needs an edit to carry a new field.
 */

type Pair = { fr: string; en: string };
const p = (fr: string, en: string): Pair => ({ fr, en });

export const SHEET_NAMES: Record<string, Pair> = {
  organisation: p('Organisation', 'Organisation'),
  'organisation.securityMeasures': p('Mesures générales', 'General measures'),
  'organisation.processorTerms.deadlines': p('Délais dus aux clients', 'Deadlines owed to clients'),
  'organisation.guarantees': p("Garanties de l'organisme", "Organisation's guarantees"),
  subcontractors: p('Sous-traitants', 'Subcontractors'),
  'subcontractors.guarantees': p('Garanties annoncées', 'Claimed guarantees'),
  certificates: p('Certificats', 'Certificates'),
  engagements: p('Engagements', 'Engagements'),
  'engagements.deadlines': p('Délais contractuels', 'Contract deadlines'),
  'engagements.serviceScopes': p('Périmètres des prestations', 'Service scopes'),
  'engagements.transferSafeguards': p('Garanties de transfert', 'Transfer safeguards'),
  treatments: p('Traitements', 'Treatments'),
  'treatments.controllers': p('Pour le compte de', 'On behalf of'),
  'treatments.jointControllers': p('Responsables conjoints', 'Joint controllers'),
  'treatments.dataCategories': p('Catégories de données', 'Data categories'),
  'treatments.recipients': p('Destinataires', 'Recipients'),
  'treatments.transfers': p('Transferts', 'Transfers'),
  'treatments.securityMeasures': p('Mesures des traitements', 'Treatment measures'),
  'treatments.uses': p('Utilisations', 'Uses'),
  subprocessorChanges: p('Changements de sous-traitants', 'Sub-processor changes'),
  breaches: p('Violations', 'Breaches'),
  'breaches.providerAwareness': p('Prises de connaissance', 'Awareness'),
  'breaches.notifications': p('Notifications', 'Notifications'),
  waivers: p('Dérogations', 'Waivers'),
};

export const README_SHEET = p('Lisez-moi', 'Read me');
export const LISTS_SHEET = p('Listes', 'Lists');

/** A collection's record in the singular: the header of the column that names it in its list sheets. */
const RECORD_NAMES: Record<string, Pair> = {
  subcontractors: p('Sous-traitant', 'Subcontractor'),
  certificates: p('Certificat', 'Certificate'),
  engagements: p('Engagement', 'Engagement'),
  treatments: p('Traitement', 'Treatment'),
  subprocessorChanges: p('Changement', 'Change'),
  breaches: p('Violation', 'Breach'),
  waivers: p('Dérogation', 'Waiver'),
};

/** Labels of properties, most specific first: `collection:path`, `parent.property`, `property`. */
const FIELD_LABELS: Record<string, Pair> = {
  key: p('Clé', 'Key'),
  slug: p('Identifiant (slug)', 'Slug'),
  name: p('Nom', 'Name'),
  title: p('Titre', 'Title'),
  description: p('Description', 'Description'),
  registrationId: p('Immatriculation', 'Registration number'),
  country: p('Pays', 'Country'),
  address: p('Adresse', 'Address'),
  roles: p('Rôles', 'Roles'),
  contact: p('Contact', 'Contact'),
  'contact.role': p('fonction', 'function'),
  'contact.email': p('e-mail', 'e-mail'),
  'contact.phone': p('téléphone', 'phone'),
  'contact.name': p('nom', 'name'),
  'contact.address': p('adresse', 'address'),
  dpo: p('DPO', 'DPO'),
  'dpo.name': p('nom', 'name'),
  'dpo.role': p('fonction', 'function'),
  'dpo.email': p('e-mail', 'e-mail'),
  'dpo.phone': p('téléphone', 'phone'),
  'dpo.address': p('adresse', 'address'),
  representative: p("Représentant dans l'UE", 'EU representative'),
  'representative.name': p('nom', 'name'),
  'representative.country': p('pays', 'country'),
  'representative.description': p('description', 'description'),
  processorTerms: p('Engagements de sous-traitant', 'Processor terms'),
  dpaReference: p('Référence du DPA', 'DPA reference'),
  breachNoticeHours: p('Notification des violations (heures)', 'Breach notice (hours)'),
  objectionWindowDays: p("Délai d'opposition (jours)", 'Objection window (days)'),
  subprocessorAuthorisation: p('Autorisation des sous-traitants ultérieurs', 'Sub-processor authorisation'),
  notes: p('Notes', 'Notes'),
  source: p('Source', 'Source'),
  'source.document': p('document', 'document'),
  'source.section': p('section', 'section'),
  'source.quote': p('citation', 'quote'),
  'source.version': p('version', 'version'),
  'source.versionDate': p('date de la version', 'version date'),
  settings: p('Réglages', 'Settings'),
  expiryHorizonDays: p("Horizon d'expiration (jours)", 'Expiry horizon (days)'),
  alertThresholdDays: p("Seuils d'alerte (jours)", 'Alert thresholds (days)'),
  category: p('Catégorie', 'Category'),
  'securityMeasures.category': p('Famille', 'Family'),
  'securityMeasures.title': p('Mesure', 'Measure'),
  'deadlines.kind': p('Type de délai', 'Deadline kind'),
  period: p('Délai', 'Period'),
  value: p('valeur', 'value'),
  unit: p('unité', 'unit'),
  trigger: p('Point de départ', 'Starts from'),
  nextWorkingDay: p('Reporté au jour ouvré suivant', 'Moved to the next working day'),
  'deadlines.description': p('Obligation', 'Obligation'),
  legalName: p('Raison sociale', 'Legal name'),
  parentGroup: p('Groupe', 'Parent group'),
  parentCountry: p('Pays du groupe', 'Country of the group'),
  website: p('Site web', 'Website'),
  dpfCertified: p('Certifié DPF (UE–États-Unis)', 'DPF certified (EU–US)'),
  'guarantees.kind': p('Type', 'Kind'),
  'guarantees.text': p('Garantie annoncée', 'Claimed guarantee'),
  subcontractor: p('Sous-traitant', 'Subcontractor'),
  'certificates:kind': p('Type de certificat', 'Certificate kind'),
  edition: p('Édition', 'Edition'),
  hdsReferential: p('Référentiel HDS', 'HDS referential'),
  number: p('Numéro', 'Number'),
  issuer: p('Organisme certificateur', 'Issuer'),
  hdsActivities: p('Activités HDS', 'HDS activities'),
  scope: p('Périmètre', 'Scope'),
  validFrom: p('Valide du', 'Valid from'),
  validTo: p("Valide jusqu'au (inclus)", 'Valid to (inclusive)'),
  evidenceUrl: p('Lien vers le certificat', 'Link to the certificate'),
  certifiedEntity: p('Entité certifiée', 'Certified entity'),
  certifiedEntityCountry: p("Pays de l'entité certifiée", 'Certified entity country'),
  coveredByCertificate: p('Couvert par le certificat', 'Covered by certificate'),
  provider: p('Prestataire', 'Provider'),
  client: p('Client (chaîne)', 'Client (chain)'),
  services: p('Prestations', 'Services'),
  healthData: p('Données de santé', 'Health data'),
  processingCountries: p('Pays de traitement', 'Processing countries'),
  processingArea: p('Zone de traitement', 'Processing area'),
  accessCountries: p("Pays d'accès à distance", 'Remote access countries'),
  accessWorldwide: p("Accès depuis n'importe quel pays", 'Access worldwide'),
  accessExceptCountries: p('Accès : pays exclus', 'Access except countries'),
  dpaSignedOn: p('DPA signé le', 'DPA signed on'),
  dpaVersion: p('Version du DPA', 'DPA version'),
  dpaVersionDate: p('Date de la version du DPA', 'DPA version date'),
  listedOn: p('Inscrit sur la liste le', 'Listed on'),
  removedOn: p('Retiré de la liste le', 'Removed on'),
  'serviceScopes.service': p('Prestation', 'Service'),
  'transferSafeguards.kind': p('Type', 'Kind'),
  'transferSafeguards.details': p('Précisions', 'Details'),
  countries: p('Pays', 'Countries'),
  tia: p('AITD', 'TIA'),
  'tia.assessedOn': p('réalisée le', 'assessed on'),
  'tia.conclusion': p('conclusion', 'conclusion'),
  'tia.supplementaryMeasures': p('mesures supplémentaires', 'supplementary measures'),
  'tia.reviewOn': p('à réexaminer le', 'review on'),
  'tia.reference': p('référence', 'reference'),
  authorisation: p('Autorisation (art. 28(2))', 'Authorisation (Art. 28(2))'),
  transferSafeguards: p('Garanties de transfert', 'Transfer safeguards'),
  safeguard: p('Garantie', 'Safeguard'),
  'safeguard.kind': p('type', 'kind'),
  sccModule: p('module CCT', 'SCC module'),
  signedOn: p('signée le', 'signed on'),
  'safeguard.details': p('précisions', 'details'),
  foreignLawAssessment: p('Lois extra-UE : évaluation', 'Extra-EU laws: assessment'),
  term: p('Contrat', 'Term'),
  startsOn: p('début', 'starts on'),
  endsOn: p('fin', 'ends on'),
  duration: p('durée', 'duration'),
  tacitRenewal: p('reconduction tacite', 'tacit renewal'),
  renewalPeriod: p('période de reconduction', 'renewal period'),
  terminationNotice: p('préavis de résiliation', 'termination notice'),
  'term.details': p('précisions', 'details'),
  'treatments:name': p('Nom du traitement', 'Treatment name'),
  'treatments:role': p("Rôle de l'organisme", "Organisation's role"),
  status: p('Statut', 'Status'),
  purposes: p('Finalités', 'Purposes'),
  legalBasis: p('Base légale', 'Legal basis'),
  article6: p('art. 6(1)', 'Art. 6(1)'),
  'legalBasis.article9': p('art. 9(2)', 'Art. 9(2)'),
  'legalBasis.details': p('précisions', 'details'),
  dataSubjects: p('Personnes concernées', 'Data subjects'),
  retention: p('Durée de conservation', 'Retention'),
  retentionPeriod: p('Durée de conservation lue', 'Retention as read'),
  hdsActivitiesInHouse: p('Activités HDS assurées en interne', 'HDS activities performed in house'),
  dpia: p('AIPD', 'DPIA'),
  'dpia.criteria': p('critères WP248', 'WP248 criteria'),
  'dpia.cnilList': p('liste CNIL', 'CNIL list'),
  'dpia.cnilListDetails': p('liste CNIL — précisions', 'CNIL list — details'),
  'dpia.status': p('statut', 'status'),
  'dpia.reason': p('motif', 'reason'),
  'dpia.doneOn': p('réalisée le', 'done on'),
  'dpia.reviewOn': p('à réexaminer le', 'review on'),
  'dpia.reference': p('référence', 'reference'),
  patientRecord: p('Dossier patient (CSP R.1112-2)', 'Patient record (CSP R.1112-2)'),
  'dataCategories.category': p('Catégorie', 'Category'),
  'dataCategories.label': p('Données', 'Data'),
  health: p('Santé', 'Health'),
  nir: p('NIR', 'NIR'),
  'dataCategories.article9': p('Art. 9 ou 10', 'Art. 9 or 10'),
  'recipients.kind': p('Type de destinataire', 'Recipient kind'),
  'recipients.name': p('Destinataire', 'Recipient'),
  recipient: p('Destinataire', 'Recipient'),
  engagement: p('Engagement', 'Engagement'),
  'uses.purpose': p('Usage', 'Purpose'),
  'subprocessorChanges:engagement': p('Engagement (contrat du sous-traitant)', "Engagement (the processor's contract)"),
  subprocessor: p('Sous-traitant ultérieur', 'Sub-processor'),
  'subprocessorChanges:kind': p('Type de changement', 'Kind of change'),
  replaces: p('Remplace', 'Replaces'),
  noticeReceivedAt: p('Notification reçue le', 'Notice received at'),
  plannedEffectiveOn: p('Effectif le (prévu)', 'Planned effective on'),
  objection: p('Opposition', 'Objection'),
  'objection.at': p('le', 'at'),
  'objection.reason': p('motif', 'reason'),
  nature: p('Nature', 'Nature'),
  occurredAt: p('Survenue le', 'Occurred at'),
  discoveredBy: p('Découverte par', 'Discovered by'),
  organisationAwareAt: p("Connue de l'organisme le", 'Organisation aware at'),
  riskLevel: p('Niveau de risque', 'Risk level'),
  'breaches:dataCategories': p('Catégories de données', 'Data categories'),
  subjectCategories: p('Catégories de personnes', 'Subject categories'),
  approxSubjects: p('Personnes concernées (approx.)', 'Data subjects (approx.)'),
  approxRecords: p('Enregistrements (approx.)', 'Records (approx.)'),
  consequences: p('Conséquences', 'Consequences'),
  measures: p('Mesures', 'Measures'),
  treatments: p('Traitements concernés', 'Treatments concerned'),
  delayReasons: p('Motifs du retard', 'Reasons for delay'),
  'providerAwareness.at': p('Connue le', 'Aware at'),
  'notifications.from': p('De', 'From'),
  'notifications.to': p('À', 'To'),
  'notifications.at': p('Le', 'At'),
  reference: p('Référence', 'Reference'),
  phase: p('Phase', 'Phase'),
  findingId: p('Constat (identifiant)', 'Finding id'),
  reason: p('Motif', 'Reason'),
  until: p("Jusqu'au (inclus)", 'Until (inclusive)'),
};

/** "processingCountries" → "Processing countries": the label of a property no table names. */
export function humanise(property: string): string {
  const words = property
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_.]/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The table's label of `path[i]` in `collection`, if it has one. */
export function findLabel(collection: string, path: readonly string[], i: number): Pair | undefined {
  const property = path[i];
  const parent = i > 0 ? path[i - 1] : undefined;
  return (
    FIELD_LABELS[`${collection}:${path.slice(0, i + 1).join('.')}`] ??
    (parent ? FIELD_LABELS[`${parent}.${property}`] : undefined) ??
    FIELD_LABELS[property]
  );
}

function propertyLabel(collection: string, path: string[], i: number, lang: Lang): string {
  return findLabel(collection, path, i)?.[lang] ?? humanise(path[i]);
}

/** The header of a field in a sheet: its path's labels joined ("Garantie de transfert — type"). */
export function fieldHeader(sheet: SheetSpec, field: FieldSpec, lang: Lang): string {
  // Labels of list items use the list's name as parent ("dataCategories.label"), so look them up with it.
  const base = sheet.listPath.length ? [sheet.listPath[sheet.listPath.length - 1]] : [];
  const full = [...base, ...field.path];
  const parts: string[] = [];
  for (let i = base.length; i < full.length; i++) parts.push(propertyLabel(sheet.collection, full, i, lang));
  return parts.join(' — ');
}

export function sheetName(sheet: SheetSpec, lang: Lang): string {
  return SHEET_NAMES[sheet.id]?.[lang] ?? composedSheetName(sheet, lang);
}

/**
 * "Engagements — Service scopes": a list sheet's name made of its collection's and its list's. The name
 * of a sheet SHEET_NAMES does not name, and the name workbooks written before 2026-12-03 gave some that it
 * now names: still recognised on import.
 */
export function composedSheetName(sheet: SheetSpec, lang: Lang): string {
  const last = sheet.listPath[sheet.listPath.length - 1] ?? sheet.collection;
  return safeSheetName(
    `${SHEET_NAMES[sheet.collection]?.[lang] ?? humanise(sheet.collection)} — ${propertyLabel(sheet.collection, [last], 0, lang)}`,
  );
}

/** Spreadsheet sheet names: at most 31 characters, none of `[]:*?/\`. */
export function safeSheetName(name: string): string {
  return name
    .replace(/[[\]:*?/\\]/g, ' ')
    .slice(0, 31)
    .trim();
}

export function recordName(collection: string, lang: Lang): string {
  return RECORD_NAMES[collection]?.[lang] ?? humanise(collection);
}

/** The header of the column giving an item's position in an enclosing list ("N° transfers"). */
export function positionHeader(collection: string, listPath: string[], lang: Lang): string {
  const label = propertyLabel(collection, listPath, listPath.length - 1, lang);
  return lang === 'fr' ? `N° (${label})` : `No. (${label})`;
}

// Codes → labels, by vocabulary (the arrays the DTOs validate with), then by code alone.
const VOCABULARIES = new Map<readonly string[], Record<string, Pair>>([
  [
    TREATMENT_ROLES,
    {
      controller: p('Responsable de traitement', 'Controller'),
      'joint-controller': p('Responsable conjoint', 'Joint controller'),
      processor: p('Sous-traitant', 'Processor'),
    },
  ],
  [
    ORGANISATION_ROLES,
    { controller: p('Responsable de traitement', 'Controller'), processor: p('Sous-traitant', 'Processor') },
  ],
  [
    TREATMENT_STATUSES,
    { active: p('En cours', 'Active'), option: p('Option', 'Option'), retired: p('Clos', 'Retired') },
  ],
  [
    DATA_CATEGORIES,
    {
      identity: p(
        "État civil, identité, données d'identification, images",
        'Civil status, identity, identification data, images',
      ),
      'personal-life': p('Vie personnelle', 'Personal life'),
      'professional-life': p('Vie professionnelle', 'Professional life'),
      'economic-financial': p("Informations d'ordre économique et financier", 'Economic and financial information'),
      connection: p('Données de connexion', 'Connection data'),
      location: p('Données de localisation', 'Location data'),
      nir: p('Numéro de sécurité sociale (NIR)', 'Social security number (NIR)'),
      health: p('Données de santé', 'Health data'),
      sensitive: p('Données sensibles', 'Sensitive data'),
      offences: p('Infractions, condamnations', 'Offences, convictions'),
      other: p('Autres', 'Other'),
    },
  ],
  [
    RECIPIENT_KINDS,
    {
      internal: p('Service interne', 'Internal department'),
      processor: p('Sous-traitant', 'Processor'),
      'third-country': p('Destinataire dans un pays tiers', 'Recipient in a third country'),
      partner: p('Partenaire institutionnel ou commercial', 'Institutional or commercial partner'),
      other: p('Autre', 'Other'),
    },
  ],
  [
    LEGAL_BASES,
    {
      consent: p('Consentement (art. 6(1)(a))', 'Consent (Art. 6(1)(a))'),
      contract: p("Exécution d'un contrat (art. 6(1)(b))", 'Contract (Art. 6(1)(b))'),
      'legal-obligation': p('Obligation légale (art. 6(1)(c))', 'Legal obligation (Art. 6(1)(c))'),
      'vital-interests': p('Intérêts vitaux (art. 6(1)(d))', 'Vital interests (Art. 6(1)(d))'),
      'public-task': p("Mission d'intérêt public (art. 6(1)(e))", 'Public task (Art. 6(1)(e))'),
      'legitimate-interests': p('Intérêt légitime (art. 6(1)(f))', 'Legitimate interests (Art. 6(1)(f))'),
    },
  ],
  [ARTICLE9_CONDITIONS, Object.fromEntries(ARTICLE9_CONDITIONS.map((c) => [c, p(`9(2)(${c})`, `9(2)(${c})`)]))],
  [
    CERTIFICATE_KINDS,
    Object.fromEntries(CERTIFICATE_KINDS.map((k) => [k, p(certificateKind(k).fr, certificateKind(k).en)])),
  ],
  [
    GUARANTEE_KINDS,
    {
      hds: p('Certification HDS', 'HDS certification'),
      'hds-agrement': p('Agrément HDS', 'HDS agrément'),
      'iso-27001': p('ISO/IEC 27001', 'ISO/IEC 27001'),
      'iso-27701': p('ISO/IEC 27701', 'ISO/IEC 27701'),
      soc2: p('SOC 2', 'SOC 2'),
      dpf: p('Data Privacy Framework', 'Data Privacy Framework'),
      scc: p('Clauses contractuelles types', 'Standard contractual clauses'),
      bcr: p("Règles d'entreprise contraignantes", 'Binding corporate rules'),
      contract: p('Engagement contractuel', 'Contractual commitment'),
      other: p('Autre', 'Other'),
    },
  ],
  [
    SAFEGUARD_KINDS,
    {
      none: p('Aucune', 'None'),
      adequacy: p("Décision d'adéquation", 'Adequacy decision'),
      dpf: p('Data Privacy Framework UE–États-Unis', 'EU–US Data Privacy Framework'),
      'scc-2021': p('Clauses contractuelles types 2021/914', 'Standard contractual clauses 2021/914'),
      'scc-2010': p(
        'Clauses contractuelles types 2010/87 (abrogées)',
        'Standard contractual clauses 2010/87 (repealed)',
      ),
      'scc-2004': p(
        'Clauses contractuelles types 2004/915 (abrogées)',
        'Standard contractual clauses 2004/915 (repealed)',
      ),
      'scc-2001': p(
        'Clauses contractuelles types 2001/497 (abrogées)',
        'Standard contractual clauses 2001/497 (repealed)',
      ),
      'scc-unspecified': p(
        'Clauses contractuelles types (version non précisée)',
        'Standard contractual clauses (version not stated)',
      ),
      bcr: p("Règles d'entreprise contraignantes (BCR)", 'Binding corporate rules (BCR)'),
      derogation: p('Dérogation (art. 49)', 'Derogation (Art. 49)'),
    },
  ],
  [
    AUTHORISATION_KINDS,
    { general: p('Générale', 'General'), specific: p('Spécifique', 'Specific'), none: p('Aucune', 'None') },
  ],
  [
    PERIOD_UNITS,
    {
      hours: p('heures', 'hours'),
      'calendar-days': p('jours calendaires', 'calendar days'),
      'working-days': p('jours ouvrés', 'working days (Mon–Fri)'),
      'business-days': p('jours ouvrables', 'business days (Mon–Sat)'),
      weeks: p('semaines', 'weeks'),
      months: p('mois', 'months'),
      years: p('ans', 'years'),
    },
  ],
  [
    DEADLINE_KINDS,
    {
      'breach-notice': p('Notification de violation', 'Breach notice'),
      'objection-window': p("Délai d'opposition", 'Objection window'),
      'data-subject-request': p('Demande de personne concernée', 'Data-subject request'),
      'audit-notice': p("Préavis d'audit", 'Audit notice'),
      'audit-report': p("Rapport d'audit", 'Audit report'),
      'data-return': p('Restitution des données', 'Data return'),
      'data-destruction': p('Destruction des données', 'Data destruction'),
      acknowledgement: p('Accusé de réception', 'Acknowledgement'),
      'maintenance-notice': p('Préavis de maintenance', 'Maintenance notice'),
      'termination-notice': p('Préavis de résiliation', 'Termination notice'),
      renewal: p('Reconduction', 'Renewal'),
      other: p('Autre', 'Other'),
    },
  ],
  [
    CHANGE_KINDS,
    {
      addition: p('Ajout', 'Addition'),
      replacement: p('Remplacement', 'Replacement'),
      removal: p('Retrait', 'Removal'),
      relocation: p('Changement de pays', 'Relocation'),
      'safeguard-change': p('Nouvelle garantie de transfert', 'New transfer safeguard'),
    },
  ],
  [DPIA_CRITERIA, Object.fromEntries(REFERENCE.dpia.criteria.map((c) => [c.code, p(c.fr, c.en)]))],
  [CNIL_DPIA_ITEMS, Object.fromEntries(REFERENCE.dpia.cnilList.items.map((c) => [c.code, p(c.fr, c.en)]))],
  [
    DPIA_STATUSES,
    {
      'not-needed': p('Non nécessaire', 'Not needed'),
      'to-do': p('À réaliser', 'To do'),
      done: p('Réalisée', 'Done'),
      'to-review': p('À réexaminer', 'To review'),
    },
  ],
  [
    TIA_CONCLUSIONS,
    {
      'essentially-equivalent': p('Protection essentiellement équivalente', 'Essentially equivalent protection'),
      'supplementary-measures': p(
        'Essentiellement équivalente avec des mesures supplémentaires',
        'Essentially equivalent with supplementary measures',
      ),
      'not-essentially-equivalent': p(
        'Protection non essentiellement équivalente',
        'Protection not essentially equivalent',
      ),
    },
  ],
  [
    HDS_ACTIVITY_CODES,
    Object.fromEntries(
      HDS_ACTIVITIES.map((a) => [a.code, p(`${a.number} — ${a.short.fr}`, `${a.number} — ${a.short.en}`)]),
    ),
  ],
]);

/** Codes of inline vocabularies (declared in a DTO, not in reference/vocabulary.ts). */
const CODE_LABELS: Record<string, Pair> = {
  eu: p('Union européenne', 'European Union'),
  eea: p('Espace économique européen', 'European Economic Area'),
  unlikely: p('Risque improbable', 'Risk unlikely'),
  risk: p('Risque', 'Risk'),
  high: p('Risque élevé', 'High risk'),
  initial: p('Initiale', 'Initial'),
  complement: p('Complémentaire', 'Complementary'),
  '2018': p('2018', '2018'),
  v2: p('v2 (arrêté du 26 avril 2024)', 'v2 (arrêté of 26 April 2024)'),
};

function vocabularyOf(values: readonly string[]): Record<string, Pair> | undefined {
  const direct = VOCABULARIES.get(values);
  if (direct) return direct;
  // The same vocabulary may reach a DTO as a copy (e.g. a spread array): match by content.
  for (const [list, labels] of VOCABULARIES) {
    if (list.length === values.length && list.every((v, i) => v === values[i])) return labels;
  }
  return undefined;
}

export function codeLabel(values: readonly string[], code: string, lang: Lang): string {
  return findCodeLabel(values, code)?.[lang] ?? code;
}

/** The label of a code in its vocabulary, if the tables have one. */
export function findCodeLabel(values: readonly string[], code: string): Pair | undefined {
  return vocabularyOf(values)?.[code] ?? CODE_LABELS[code];
}

/**
 * A code from what a person wrote: the label in either language, or the code itself, ignoring case,
 * accents and punctuation. Undefined when nothing matches.
 */
export function codeFromLabel(values: readonly string[], text: string): string | undefined {
  const wanted = normaliseName(text);
  if (!wanted) return undefined;
  for (const code of values) {
    if (normaliseName(code) === wanted) return code;
    for (const lang of ['fr', 'en'] as const) if (normaliseName(codeLabel(values, code, lang)) === wanted) return code;
  }
  return undefined;
}

export const BOOLEAN_LABELS = { true: p('Oui', 'Yes'), false: p('Non', 'No') };

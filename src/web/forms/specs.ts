import { RISK_LEVELS, FIXED_PARTIES } from '../../breaches/breach.dto';
import type { Lang } from '../../common/i18n';
import { countryName } from '../../reference/countries';
import { HDS_ACTIVITIES } from '../../reference/hds-activities';
import { certificateKind, REFERENCE } from '../../reference/reference-data';
import {
  ARTICLE9_CONDITIONS,
  AUTHORISATION_KINDS,
  CERTIFICATE_KINDS,
  CHANGE_KINDS,
  DATA_CATEGORIES,
  DEADLINE_KINDS,
  DPIA_STATUSES,
  GUARANTEE_KINDS,
  HDS_REFERENTIALS,
  LEGAL_BASES,
  ORGANISATION_ROLES,
  PERIOD_UNITS,
  RECIPIENT_KINDS,
  SAFEGUARD_KINDS,
  SCC_MODULES,
  TIA_CONCLUSIONS,
  TREATMENT_ROLES,
  TREATMENT_STATUSES,
} from '../../reference/vocabulary';
import type { ComplianceSnapshot } from '../../snapshot/snapshot';
import type { FieldSpec, FormSpec, ListSpec, OptionSpec } from './form';
import countries from 'i18n-iso-countries';

/** Options of a closed vocabulary, labelled by `prefix.code` keys (shared with the documents). */
const vocab = (codes: readonly string[], prefix: string): OptionSpec[] =>
  codes.map((value) => ({ value, label: `${prefix}.${value}` }));

const text = (name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  kind: 'text',
  name,
  label: `field.${name}`,
  ...extra,
});
const of = (kind: FieldSpec['kind'], name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  kind,
  name,
  label: `field.${name}`,
  ...extra,
});
/** Fields of a row use labels of their own name (`field.row.<name>`), the same for every list. */
const row = (kind: FieldSpec['kind'], name: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
  kind,
  name,
  label: `field.row.${name}`,
  ...extra,
});
const list = (name: string, fields: FieldSpec[], extra: Partial<ListSpec> = {}): ListSpec => ({
  kind: 'list',
  name,
  label: `field.${name}`,
  item: `field.${name}.item`,
  fields,
  ...extra,
});

const key = (hint: string): FieldSpec => text('key', { hint, autocomplete: 'off' });

const safeguardFields = (prefix: string): FieldSpec[] => [
  row('select', `${prefix}kind`, { label: 'field.row.safeguard', options: vocab(SAFEGUARD_KINDS, 'safeguard') }),
  row('select', `${prefix}sccModule`, {
    label: 'field.row.sccModule',
    options: SCC_MODULES.map((m) => ({ value: m, label: m, literal: true })),
  }),
  row('date', `${prefix}signedOn`, { label: 'field.row.signedOn', hint: 'hint.date' }),
  row('text', `${prefix}details`, { label: 'field.row.safeguardDetails' }),
  row('countries', `${prefix}countries`, { label: 'field.row.safeguardCountries', hint: 'hint.safeguardCountries' }),
  // The transfer impact assessment behind the safeguard (Schrems II; EDPB Recommendations 01/2020).
  row('date', `${prefix}tia.assessedOn`, { label: 'field.row.tia.assessedOn', hint: 'hint.tia' }),
  row('select', `${prefix}tia.conclusion`, {
    label: 'field.row.tia.conclusion',
    options: vocab(TIA_CONCLUSIONS, 'tia'),
  }),
  row('lines', `${prefix}tia.supplementaryMeasures`, {
    label: 'field.row.tia.supplementaryMeasures',
    hint: 'hint.lines',
  }),
  row('date', `${prefix}tia.reviewOn`, { label: 'field.row.tia.reviewOn', hint: 'hint.date' }),
  row('text', `${prefix}tia.reference`, { label: 'field.row.tia.reference' }),
];

const party = (name: string) =>
  list(name, [
    row('text', 'name', { required: true }),
    row('select', 'country', { choices: 'countries' }),
    row('text', 'description', { wide: true }),
    row('text', 'contact.name', { label: 'field.contact.name' }),
    row('text', 'contact.role', { label: 'field.contact.role' }),
    row('email', 'contact.email', { label: 'field.contact.email' }),
    row('text', 'contact.phone', { label: 'field.contact.phone' }),
    row('text', 'contact.address', { label: 'field.contact.address', wide: true }),
  ]);

/** The CNIL register fiche, field by field, in its order. */
export const treatmentForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.identity',
      items: [
        text('name', { required: true, wide: true }),
        ...(create ? [key('hint.key.treatment')] : []),
        of('select', 'role', { required: true, options: vocab(TREATMENT_ROLES, 'role'), empty: 'form.choose' }),
        of('select', 'status', { options: vocab(TREATMENT_STATUSES, 'status'), empty: 'form.defaultActive' }),
        of('textarea', 'description'),
      ],
    },
    {
      legend: 'section.controllers',
      hint: 'hint.controllers',
      items: [party('controllers'), party('jointControllers')],
    },
    { legend: 'section.purposes', items: [of('lines', 'purposes', { hint: 'hint.lines' })] },
    {
      legend: 'section.legalBasis',
      items: [
        of('checkboxes', 'legalBasis.article6', { options: vocab(LEGAL_BASES, 'basis') }),
        of('checkboxes', 'legalBasis.article9', {
          options: vocab(ARTICLE9_CONDITIONS, 'article9'),
          hint: 'hint.article9',
        }),
        text('legalBasis.details', { wide: true, hint: 'hint.legalBasisDetails' }),
      ],
    },
    {
      legend: 'section.data',
      items: [
        of('lines', 'dataSubjects', { hint: 'hint.lines' }),
        list('dataCategories', [
          row('select', 'category', { required: true, options: vocab(DATA_CATEGORIES, 'cat'), empty: 'form.choose' }),
          row('text', 'label', { required: true }),
          row('text', 'retention', { wide: true }),
          row('int', 'retentionPeriod.value', { label: 'field.row.retentionPeriodValue' }),
          row('select', 'retentionPeriod.unit', {
            label: 'field.row.retentionPeriodUnit',
            options: vocab(PERIOD_UNITS, 'unit'),
          }),
          row('checkbox', 'health'),
          row('checkbox', 'nir'),
          row('checkbox', 'article9'),
        ]),
        text('retention', { wide: true, hint: 'hint.retention' }),
        of('tristate', 'patientRecord', { empty: 'form.inferred', hint: 'hint.patientRecord' }),
      ],
    },
    {
      legend: 'section.dpia',
      hint: 'hint.dpia',
      items: [
        of('select', 'dpia.status', { options: vocab(DPIA_STATUSES, 'dpia') }),
        of('checkboxes', 'dpia.criteria', { choices: 'dpiaCriteria', hint: 'hint.dpiaCriteria' }),
        of('checkboxes', 'dpia.cnilList', { choices: 'cnilList' }),
        text('dpia.cnilListDetails', { wide: true }),
        of('textarea', 'dpia.reason', { hint: 'hint.dpiaReason' }),
        of('date', 'dpia.doneOn', { hint: 'hint.date' }),
        of('date', 'dpia.reviewOn', { hint: 'hint.date' }),
        text('dpia.reference', { wide: true }),
      ],
    },
    {
      legend: 'section.recipients',
      items: [
        list('recipients', [
          row('select', 'kind', { required: true, options: vocab(RECIPIENT_KINDS, 'recipient'), empty: 'form.choose' }),
          row('text', 'name', { required: true }),
          row('select', 'country', { choices: 'countries' }),
        ]),
      ],
    },
    {
      legend: 'section.transfers',
      hint: 'hint.transfers',
      items: [
        list('transfers', [
          row('select', 'country', { required: true, choices: 'countries', empty: 'form.choose' }),
          row('text', 'recipient', { required: true }),
          ...safeguardFields('safeguard.'),
        ]),
      ],
    },
    {
      legend: 'section.security',
      hint: 'hint.security',
      items: [
        list('securityMeasures', [
          row('text', 'category'),
          row('text', 'title', { required: true }),
          row('textarea', 'description', { wide: true }),
        ]),
      ],
    },
    {
      legend: 'section.subcontracting',
      items: [
        list('uses', [
          row('select', 'engagement', { required: true, choices: 'engagements', empty: 'form.choose' }),
          row('text', 'purpose'),
        ]),
        of('checkboxes', 'hdsActivitiesInHouse', { choices: 'hdsActivities', hint: 'hint.hdsInHouse' }),
      ],
    },
    { legend: 'section.notes', items: [of('textarea', 'notes')] },
  ],
});

const contactFields = (prefix: string): FieldSpec[] => [
  text(`${prefix}.name`, { label: 'field.contact.name', autocomplete: 'off' }),
  text(`${prefix}.role`, { label: 'field.contact.role' }),
  of('email', `${prefix}.email`, { label: 'field.contact.email', autocomplete: 'off' }),
  text(`${prefix}.phone`, { label: 'field.contact.phone' }),
  text(`${prefix}.address`, { label: 'field.contact.address', wide: true }),
];

export const subcontractorForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.identity',
      items: [
        text('name', { required: true, wide: true }),
        ...(create ? [key('hint.key.subcontractor')] : []),
        text('legalName'),
        text('registrationId'),
        of('select', 'country', { choices: 'countries', hint: 'hint.country' }),
        text('parentGroup'),
        of('select', 'parentCountry', { choices: 'countries' }),
        text('address', { wide: true }),
        of('url', 'website'),
        of('tristate', 'dpfCertified', { empty: 'form.unknown' }),
        of('textarea', 'description'),
      ],
    },
    { legend: 'section.contact', items: contactFields('contact') },
    {
      legend: 'section.guarantees',
      hint: 'hint.guarantees',
      items: [
        list('guarantees', [
          row('select', 'kind', { required: true, options: vocab(GUARANTEE_KINDS, 'guarantee'), empty: 'form.choose' }),
          row('text', 'text', { required: true, wide: true }),
          row('select', 'hdsReferential', { options: vocab(HDS_REFERENTIALS, 'hdsReferential') }),
        ]),
      ],
    },
  ],
});

export const certificateForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.certificate',
      items: [
        ...(create ? [key('hint.key.certificate')] : []),
        of('select', 'subcontractor', { required: true, choices: 'subcontractors', empty: 'form.choose' }),
        text('certifiedEntity', { hint: 'hint.certifiedEntity' }),
        of('select', 'certifiedEntityCountry', { choices: 'countries' }),
        of('select', 'kind', { required: true, choices: 'certificateKinds', empty: 'form.choose' }),
        text('edition', { hint: 'hint.edition' }),
        of('select', 'hdsReferential', { options: vocab(HDS_REFERENTIALS, 'hdsReferential') }),
        text('number'),
        text('issuer'),
        of('date', 'validFrom', { hint: 'hint.date' }),
        of('date', 'validTo', { hint: 'hint.validTo' }),
        of('checkboxes', 'hdsActivities', { choices: 'hdsActivities', hint: 'hint.certHds' }),
        of('textarea', 'scope'),
        of('lines', 'services', { label: 'field.certificateServices', hint: 'hint.lines' }),
        of('url', 'evidenceUrl', { hint: 'hint.evidenceUrl' }),
        of('textarea', 'notes'),
      ],
    },
  ],
});

const period = (prefix: string, label: string): FieldSpec[] => [
  of('int', `${prefix}.value`, { label: `${label}.value` }),
  of('select', `${prefix}.unit`, { label: `${label}.unit`, options: vocab(PERIOD_UNITS, 'unit') }),
];

export const engagementForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.engagement',
      items: [
        ...(create ? [key('hint.key.engagement')] : []),
        of('select', 'provider', { required: true, choices: 'subcontractors', empty: 'form.choose' }),
        of('select', 'client', { choices: 'subcontractors', empty: 'form.theOrganisation', hint: 'hint.client' }),
        of('lines', 'services', { hint: 'hint.lines' }),
        of('tristate', 'healthData', { empty: 'form.unknown' }),
        of('checkboxes', 'hdsActivities', { choices: 'hdsActivities' }),
        of('select', 'coveredByCertificate', { choices: 'certificates', hint: 'hint.coveredByCertificate' }),
        list(
          'serviceScopes',
          [
            row('text', 'service', { required: true, wide: true }),
            row('checkboxes', 'hdsActivities', { choices: 'hdsActivities' }),
            row('tristate', 'healthData', { empty: 'form.unknown' }),
          ],
          { hint: 'hint.serviceScopes' },
        ),
      ],
    },
    {
      legend: 'section.location',
      items: [
        of('countries', 'processingCountries', { hint: 'hint.countries' }),
        of('select', 'processingArea', {
          options: [
            { value: 'eu', label: 'eu' },
            { value: 'eea', label: 'eea' },
          ],
          hint: 'hint.processingArea',
        }),
        of('countries', 'accessCountries', { hint: 'hint.countries' }),
        of('checkbox', 'accessWorldwide', { hint: 'hint.accessWorldwide' }),
        of('countries', 'accessExceptCountries', { hint: 'hint.countries' }),
        list('transferSafeguards', safeguardFields('')),
        of('textarea', 'foreignLawAssessment', { hint: 'hint.foreignLaw' }),
      ],
    },
    {
      legend: 'section.dpa',
      items: [
        of('date', 'dpaSignedOn', { hint: 'hint.date' }),
        text('dpaReference', { hint: 'hint.dpaReference' }),
        text('dpaVersion', { hint: 'hint.dpaVersion' }),
        of('date', 'dpaVersionDate', { hint: 'hint.date' }),
        of('date', 'listedOn', { hint: 'hint.listedOn' }),
        of('date', 'removedOn', { hint: 'hint.removedOn' }),
        of('int', 'breachNoticeHours', { hint: 'hint.breachNoticeHours' }),
        of('int', 'objectionWindowDays', { hint: 'hint.objectionWindowDays' }),
        of('select', 'authorisation', { options: vocab(AUTHORISATION_KINDS, 'authorisation') }),
      ],
    },
    {
      legend: 'section.term',
      items: [
        of('date', 'term.startsOn', { hint: 'hint.date' }),
        of('date', 'term.endsOn', { hint: 'hint.date' }),
        ...period('term.duration', 'field.term.duration'),
        of('checkbox', 'term.tacitRenewal'),
        ...period('term.renewalPeriod', 'field.term.renewalPeriod'),
        ...period('term.terminationNotice', 'field.term.terminationNotice'),
        text('term.details', { wide: true }),
        list('deadlines', [
          row('select', 'kind', {
            required: true,
            options: vocab(DEADLINE_KINDS, 'deadlineKind'),
            empty: 'form.choose',
          }),
          row('text', 'description', { required: true, wide: true }),
          row('int', 'period.value', { label: 'field.row.periodValue' }),
          row('select', 'period.unit', { label: 'field.row.periodUnit', options: vocab(PERIOD_UNITS, 'unit') }),
          row('text', 'trigger'),
          row('checkbox', 'nextWorkingDay'),
        ]),
      ],
    },
    { legend: 'section.notes', items: [of('textarea', 'notes')] },
  ],
});

const partyOptions: OptionSpec[] = FIXED_PARTIES.map((p) => ({ value: p, label: `party.${p}` }));

export const breachForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.breach',
      items: [
        text('title', { required: true, wide: true }),
        ...(create ? [key('hint.key.breach')] : []),
        of('select', 'riskLevel', {
          required: true,
          options: vocab(RISK_LEVELS, 'risk'),
          empty: 'form.choose',
          hint: 'hint.riskLevel',
        }),
        of('textarea', 'nature', { hint: 'hint.nature' }),
      ],
    },
    {
      legend: 'section.awareness',
      hint: 'hint.awareness',
      items: [
        of('instant', 'occurredAt', { hint: 'hint.instant' }),
        of('instant', 'organisationAwareAt', { hint: 'hint.instant' }),
        of('select', 'discoveredBy', { choices: 'subcontractors', empty: 'form.theOrganisation' }),
        list('providerAwareness', [
          row('select', 'subcontractor', { required: true, choices: 'subcontractors', empty: 'form.choose' }),
          row('instant', 'at', { required: true, hint: 'hint.instant' }),
        ]),
      ],
    },
    {
      legend: 'section.content',
      hint: 'hint.content',
      items: [
        of('lines', 'dataCategories', { label: 'field.breach.dataCategories', hint: 'hint.lines' }),
        of('lines', 'subjectCategories', { hint: 'hint.lines' }),
        of('int', 'approxSubjects'),
        of('int', 'approxRecords'),
        of('textarea', 'consequences'),
        of('lines', 'measures', { hint: 'hint.lines' }),
        of('checkboxes', 'treatments', { label: 'field.breach.treatments', choices: 'treatments' }),
      ],
    },
    {
      legend: 'section.notifications',
      hint: 'hint.notifications',
      items: [
        list('notifications', [
          row('select', 'from', { required: true, choices: 'parties', empty: 'form.choose' }),
          row('select', 'to', { required: true, choices: 'parties', empty: 'form.choose' }),
          row('instant', 'at', { required: true, hint: 'hint.instant' }),
          row('text', 'reference'),
          row('select', 'phase', {
            options: [
              { value: 'initial', label: 'phase.initial' },
              { value: 'complement', label: 'phase.complement' },
            ],
          }),
        ]),
        of('textarea', 'delayReasons', { hint: 'hint.delayReasons' }),
      ],
    },
  ],
});

export const changeForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.change',
      items: [
        ...(create ? [key('hint.key.change')] : []),
        of('select', 'engagement', {
          required: true,
          choices: 'engagements',
          empty: 'form.choose',
          hint: 'hint.changeEngagement',
        }),
        of('select', 'kind', { required: true, options: vocab(CHANGE_KINDS, 'changeKind'), empty: 'form.choose' }),
        of('select', 'subprocessor', { required: true, choices: 'subcontractors', empty: 'form.choose' }),
        of('select', 'replaces', { choices: 'subcontractors' }),
        of('instant', 'noticeReceivedAt', { required: true, hint: 'hint.instant' }),
        of('date', 'plannedEffectiveOn', { hint: 'hint.date' }),
      ],
    },
    {
      legend: 'section.objection',
      items: [of('instant', 'objection.at', { hint: 'hint.instant' }), of('textarea', 'objection.reason')],
    },
    { legend: 'section.notes', items: [of('textarea', 'notes')] },
  ],
});

export const organisationForm = (options: { create: boolean; settings: boolean }): FormSpec => ({
  sections: [
    {
      legend: 'section.organisation',
      items: [
        text('name', { required: true, wide: true, label: 'field.orgName' }),
        ...(options.create ? [text('slug', { required: true, hint: 'hint.slug', autocomplete: 'off' })] : []),
        of('select', 'country', { required: true, choices: 'countries', empty: 'form.choose' }),
        of('checkboxes', 'roles', { options: vocab(ORGANISATION_ROLES, 'orgRole') }),
        ...(options.create
          ? []
          : [text('registrationId'), text('address', { wide: true }), of('textarea', 'description')]),
      ],
    },
    ...(options.create
      ? []
      : [
          { legend: 'section.orgContact', hint: 'hint.orgContact', items: contactFields('contact') },
          { legend: 'section.dpo', items: contactFields('dpo') },
          {
            legend: 'section.representative',
            items: [
              text('representative.name', { label: 'field.contact.name' }),
              of('select', 'representative.country', { label: 'field.country', choices: 'countries' }),
              text('representative.description', { label: 'field.description', wide: true }),
            ],
          },
          {
            legend: 'section.generalMeasures',
            items: [
              list('securityMeasures', [
                row('text', 'category'),
                row('text', 'title', { required: true }),
                row('textarea', 'description', { wide: true }),
              ]),
            ],
          },
          {
            legend: 'section.processorTerms',
            hint: 'hint.processorTerms',
            items: [
              text('processorTerms.dpaReference', { label: 'field.dpaReference' }),
              of('int', 'processorTerms.breachNoticeHours', { label: 'field.breachNoticeHours' }),
              of('int', 'processorTerms.objectionWindowDays', { label: 'field.objectionWindowDays' }),
              of('select', 'processorTerms.subprocessorAuthorisation', {
                label: 'field.authorisation',
                options: vocab(AUTHORISATION_KINDS, 'authorisation'),
              }),
            ],
          },
          ...(options.settings
            ? [
                {
                  legend: 'section.settings',
                  items: [
                    of('int', 'settings.expiryHorizonDays', { hint: 'hint.expiryHorizon' }),
                    of('ints', 'settings.alertThresholdDays', { hint: 'hint.thresholds' }),
                  ],
                },
              ]
            : []),
          { legend: 'section.notes', items: [of('textarea', 'notes')] },
        ]),
  ],
});

export const waiverForm: FormSpec = {
  sections: [
    {
      legend: 'section.waiver',
      items: [
        of('textarea', 'reason', { required: true, hint: 'hint.waiverReason' }),
        of('date', 'until', { required: true, hint: 'hint.waiverUntil' }),
      ],
    },
  ],
};

export const channelForm = (create: boolean): FormSpec => ({
  sections: [
    {
      legend: 'section.channel',
      items: [
        ...(create ? [key('hint.key.channel')] : []),
        of('select', 'kind', {
          required: true,
          options: [
            { value: 'webhook', label: 'channel.webhook' },
            { value: 'email', label: 'channel.email' },
          ],
          empty: 'form.choose',
        }),
        of('url', 'url', { hint: 'hint.webhookUrl' }),
        of('password', 'secret', { hint: create ? 'hint.secret' : 'hint.secretKeep', autocomplete: 'new-password' }),
        of('lines', 'recipients', { hint: 'hint.recipients' }),
        of('select', 'lang', {
          options: [
            { value: 'fr', label: 'Français', literal: true },
            { value: 'en', label: 'English', literal: true },
          ],
          empty: 'form.defaultFrench',
        }),
        of('tristate', 'enabled', { empty: 'form.defaultEnabled' }),
      ],
    },
  ],
});

/** Options that depend on the organisation's records and on the language. */
export function choicesFor(lang: Lang, snapshot?: ComplianceSnapshot): Record<string, OptionSpec[]> {
  const codes = Object.keys(countries.getAlpha2Codes());
  const countryOptions = codes
    .map((code) => ({ value: code, label: `${countryName(code, lang)} (${code})`, literal: true }))
    .sort((a, b) => a.label.localeCompare(b.label, lang));
  const subcontractors = (snapshot?.subcontractors ?? []).map((s) => ({
    value: s.key,
    label: `${s.name} (${s.key})`,
    literal: true,
  }));
  const name = (k: string) => snapshot?.subcontractors.find((s) => s.key === k)?.name ?? k;
  return {
    countries: countryOptions,
    hdsActivities: HDS_ACTIVITIES.map((a) => ({
      value: a.code,
      label: `${a.number}. ${a.label[lang]}`,
      literal: true,
    })),
    subcontractors,
    engagements: (snapshot?.engagements ?? []).map((e) => ({
      value: e.key,
      label: `${name(e.provider)}${e.client ? ` (${lang === 'fr' ? 'via' : 'through'} ${name(e.client)})` : ''} — ${e.key}`,
      literal: true,
    })),
    treatments: (snapshot?.treatments ?? []).map((t) => ({
      value: t.key,
      label: `${t.name} (${t.key})`,
      literal: true,
    })),
    parties: [...partyOptions, ...subcontractors],
    certificates: (snapshot?.certificates ?? []).map((c) => ({
      value: c.key,
      label: `${certificateKind(c.kind)[lang]}${c.number ? ` ${c.number}` : ''} — ${c.subcontractor ? name(c.subcontractor) : (snapshot?.organisation.name ?? '')} (${c.key})`,
      literal: true,
    })),
    // WP248 criteria and the CNIL list: their wording comes from the reference data, as in the documents.
    dpiaCriteria: REFERENCE.dpia.criteria.map((c) => ({ value: c.code, label: c[lang], literal: true })),
    cnilList: REFERENCE.dpia.cnilList.items.map((c) => ({ value: c.code, label: c[lang], literal: true })),
    // Names of the schemes come from the reference data, as in the documents and the findings.
    certificateKinds: CERTIFICATE_KINDS.map((k) => ({ value: k, label: certificateKind(k)[lang], literal: true })),
  };
}

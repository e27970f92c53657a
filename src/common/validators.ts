import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsInt,
  IsObject,
  Max,
  Min,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateBy,
  ValidationArguments,
  ValidateNested,
  ValidationOptions,
  buildMessage,
} from 'class-validator';
import { countryHint, isCountryCode } from '../reference/countries';
import { HDS_ACTIVITY_CODES, isHdsActivityCode } from '../reference/hds-activities';

/** Limits shared by every DTO: oversized input is a 400, not a slow request or a truncated column. */
export const LIMITS = {
  key: 80,
  name: 300,
  shortText: 1000,
  longText: 10000,
  list: 500,
} as const;

/** `YYYY-MM-DD` that names a real calendar day (no 2025-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** ISO 8601 instant with an explicit offset (`Z` or `±hh:mm`): an instant must not depend on a server's zone. */
export function isIsoInstant(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/.exec(value);
  if (!m || !isIsoDate(m[1])) return false;
  const [h, min, s] = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
  return h < 24 && min < 60 && s < 60 && !Number.isNaN(Date.parse(value));
}

export function IsIsoDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (v) => isIsoDate(v),
        defaultMessage: buildMessage((each) => `${each}$property must be a real date as YYYY-MM-DD`, options),
      },
    },
    options,
  );
}

export function IsIsoInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoInstant',
      validator: {
        validate: (v) => isIsoInstant(v),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be an ISO 8601 date-time with offset, e.g. 2026-03-06T18:30:00+01:00`,
          options,
        ),
      },
    },
    options,
  );
}

/** A day (`YYYY-MM-DD`) or an instant with offset: the breach timeline takes either. */
export function IsIsoDateOrInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoDateOrInstant',
      validator: {
        validate: (v) => isIsoDate(v) || isIsoInstant(v),
        defaultMessage: buildMessage(
          (each) =>
            `${each}$property must be a real date as YYYY-MM-DD or an ISO 8601 date-time with offset, e.g. 2026-03-06T18:30:00+01:00`,
          options,
        ),
      },
    },
    options,
  );
}

/** `YYYY-MM` (a document dated by its month, "Janvier 2025") or a real `YYYY-MM-DD`. */
export function isIsoMonthOrDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (m) return Number(m[2]) >= 1 && Number(m[2]) <= 12;
  return isIsoDate(value);
}

export function IsIsoMonthOrDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isIsoMonthOrDate',
      validator: {
        validate: (v) => isIsoMonthOrDate(v),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be a month as YYYY-MM or a real date as YYYY-MM-DD`,
          options,
        ),
      },
    },
    options,
  );
}

/** The hints for the values of a country field (a list under `each`) that are not country codes. */
function countryHints(value: unknown): string {
  const values = Array.isArray(value) ? value : [value];
  const hints = values
    .filter((v) => !isCountryCode(v))
    .map(countryHint)
    .filter(Boolean);
  return hints.length ? `; ${[...new Set(hints)].join('; ')}` : '';
}

export function IsCountry(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountry',
      validator: {
        validate: (v) => isCountryCode(v),
        defaultMessage: buildMessage(
          (each, args) =>
            `${each}$property must be an ISO 3166-1 alpha-2 country code in upper case (e.g. FR, US)${countryHints(args?.value)}`,
          options,
        ),
      },
    },
    options,
  );
}

export function IsHdsActivity(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isHdsActivity',
      validator: {
        validate: (v) => isHdsActivityCode(v),
        defaultMessage: buildMessage(
          (each) => `${each}$property must be one of the HDS activity codes: ${HDS_ACTIVITY_CODES.join(', ')}`,
          options,
        ),
      },
    },
    options,
  );
}

/** `to` must not be before the date in `field` (both YYYY-MM-DD, compared as strings). */
export function IsNotBefore(field: string, options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isNotBefore',
      constraints: [field],
      validator: {
        validate: (value: unknown, args?: ValidationArguments) => {
          const other = (args?.object as Record<string, unknown>)[field];
          if (!isIsoDate(value) || !isIsoDate(other)) return true;
          return value >= other;
        },
        defaultMessage: buildMessage((each) => `${each}$property must not be before ${field}`, options),
      },
    },
    options,
  );
}

export const KEY_PATTERN = /^[a-z0-9](?:[a-z0-9._-]*[a-z0-9])?$/;

/** A record's stable key within its organisation: lower-case letters, digits, `.`, `_`, `-`. */
export function IsKey(description = 'stable key, unique within the organisation'): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, example: 'ovh-hosting', pattern: KEY_PATTERN.source }),
    IsString(),
    MinLength(1),
    MaxLength(LIMITS.key),
    Matches(KEY_PATTERN, { message: '$property must be lower-case letters, digits, ".", "_" or "-"' }),
  );
}

/** A reference to another record of the same organisation, by its key. */
export function IsKeyRef(description: string, optional = false): PropertyDecorator {
  return applyDecorators(
    optional ? ApiPropertyOptional({ description }) : ApiProperty({ description }),
    ...(optional ? [IsOptional()] : []),
    IsString(),
    MaxLength(LIMITS.key),
    Matches(KEY_PATTERN, { message: '$property must be the key of an existing record' }),
  );
}

/** Optional free text of bounded length. */
export function OptionalText(max: number = LIMITS.shortText, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, maxLength: max }),
    IsOptional(),
    IsString(),
    MaxLength(max),
  );
}

/** Text a person can read: at least one character that is neither a space nor a control character. */
export function hasVisibleText(value: unknown): boolean {
  return typeof value === 'string' && /[^\s\p{C}]/u.test(value);
}

export function HasVisibleText(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'hasVisibleText',
      validator: {
        validate: (v) => hasVisibleText(v),
        defaultMessage: buildMessage(
          (each) => `${each}$property must contain visible text, not only spaces or control characters`,
          options,
        ),
      },
    },
    options,
  );
}

/** Required non-empty text of bounded length, with something visible in it (names, titles). */
export function Text(max: number = LIMITS.name, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiProperty({ description, maxLength: max }),
    IsString(),
    MinLength(1),
    MaxLength(max),
    HasVisibleText(),
  );
}

/** Optional list of bounded strings. */
export function OptionalTextList(max: number = LIMITS.shortText, description?: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, type: [String] }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LIMITS.list),
    IsString({ each: true }),
    MaxLength(max, { each: true }),
  );
}

/** An object field, never a list: ValidateNested alone would validate each element of an array instead. */
export const IsPlainObject = () => IsObject({ message: '$property must be an object, not a list or a value' });

/** Optional nested object validated with its own DTO class. */
export function NestedObject(type: () => new () => object, description?: string): PropertyDecorator {
  // `type: () => type()` and not `type`: Swagger takes a function for a lazy type only when it is named "type".
  return applyDecorators(
    ApiPropertyOptional({ type: () => type(), description }),
    IsOptional(),
    IsPlainObject(),
    ValidateNested(),
    Type(type),
  );
}

/** Optional bounded list of nested objects, each validated with its DTO class. */
export function NestedList(
  type: () => new () => object,
  description?: string,
  max: number = LIMITS.list,
): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: () => [type()], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(max),
    ValidateNested({ each: true }),
    Type(type),
  );
}

/** Optional list of HDS activity codes (R.1111-9), at most the six. */
export function OptionalHdsActivities(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ enum: HDS_ACTIVITY_CODES, isArray: true, description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(HDS_ACTIVITY_CODES.length),
    IsHdsActivity({ each: true }),
  );
}

/** Optional list of ISO 3166-1 alpha-2 country codes. */
export function OptionalCountries(description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: [String], description }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(250),
    IsCountry({ each: true }),
  );
}

/** Optional whole number within bounds (hours, days). */
export function OptionalInt(min: number, max: number, description: string): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ description, minimum: min, maximum: max }),
    IsOptional(),
    IsInt(),
    Min(min),
    Max(max),
  );
}

const CERTIFICATES_ELSEWHERE =
  'certificates are records of their own (certificates, with subcontractor: <key>, or without it for the organisation itself); a claim such as "certifié HDS" goes in guarantees';
const ON_THE_ENGAGEMENT = 'belongs on the engagement (the contract with this subcontractor)';
const PROCESSING_PLACE =
  'where data is processed or stored belongs in processingCountries (ISO codes), or processingArea ("eu" or "eea") when the contract names no country';

/**
 * Where a fact people often put in a field that does not exist belongs, by kind of record (the DTO's
 * name without Create/Update and Dto) and then for any record (`*`). Names are compared in lower case.
 * The API, the bundle import and the spreadsheet import all report unknown fields through this map.
 */
const FIELD_HINTS: Record<string, Record<string, string>> = {
  '*': {
    id: 'records are named by their key; database ids never leave the service',
    createdat: 'set by the service: leave it out',
    updatedat: 'set by the service: leave it out',
    certificates: CERTIFICATES_ELSEWHERE,
    certifications: CERTIFICATES_ELSEWHERE,
    siren: 'the SIREN, SIRET or RCS number goes in registrationId',
    siret: 'the SIREN, SIRET or RCS number goes in registrationId',
    rcs: 'the SIREN, SIRET or RCS number goes in registrationId',
    aipd: 'the DPIA (AIPD) of a treatment goes in dpia: { criteria, cnilList, status, doneOn, reviewOn }',
    pia: 'the DPIA (AIPD) of a treatment goes in dpia: { criteria, cnilList, status, doneOn, reviewOn }',
  },
  Engagement: {
    transfersafeguard: 'safeguards are a list: transferSafeguards: [{ kind, sccModule, signedOn, countries, tia }]',
    safeguard: 'safeguards are a list: transferSafeguards: [{ kind, … }]',
    safeguards: 'safeguards are a list: transferSafeguards: [{ kind, … }]',
    country: PROCESSING_PLACE,
    countries: PROCESSING_PLACE,
    location: PROCESSING_PLACE,
    locations: PROCESSING_PLACE,
    hostingcountries: PROCESSING_PLACE,
    storagecountries: PROCESSING_PLACE,
    area: PROCESSING_PLACE,
    accessfrom:
      'countries data is accessed from belong in accessCountries, or accessWorldwide with accessExceptCountries',
    supportcountries:
      'countries data is accessed from belong in accessCountries, or accessWorldwide with accessExceptCountries',
    dpadate: 'the DPA signature date goes in dpaSignedOn, its version date in dpaVersionDate',
    signedon: 'the DPA signature date goes in dpaSignedOn (a safeguard has its own signedOn)',
    signaturedate: 'the DPA signature date goes in dpaSignedOn',
    version: 'the DPA version goes in dpaVersion, its date in dpaVersionDate',
    breachhours: 'the hours within which the provider notifies a breach go in breachNoticeHours',
    breachnotificationhours: 'the hours within which the provider notifies a breach go in breachNoticeHours',
    breachnotice: 'the hours within which the provider notifies a breach go in breachNoticeHours',
    objectiondays: 'the days the client has to object go in objectionWindowDays',
    objectionwindow: 'the days the client has to object go in objectionWindowDays',
    subcontractor: 'the subcontractor that performs the services is the provider (its key)',
    subprocessor: 'the subcontractor that performs the services is the provider (its key)',
    processor: 'the subcontractor that performs the services is the provider (its key)',
    hds: 'HDS activities go in hdsActivities, or per service in serviceScopes[].hdsActivities',
    activities: 'HDS activities go in hdsActivities, or per service in serviceScopes[].hdsActivities',
    tia: 'a transfer impact assessment belongs to the safeguard it supports: transferSafeguards[].tia',
    endson: 'the contract term goes in term: { startsOn, endsOn, duration, … }',
    startson: 'the contract term goes in term: { startsOn, endsOn, duration, … }',
    addedon: 'the day the provider was added to its client’s sub-processor list goes in listedOn',
    listed: 'the day the provider was added to its client’s sub-processor list goes in listedOn',
    removed: 'the day the provider was removed from the sub-processor list goes in removedOn',
    coveredby: 'the certificate of the actor above whose scope covers this provider goes in coveredByCertificate',
  },
  Subcontractor: {
    dpf: 'certification under the EU–US Data Privacy Framework goes in dpfCertified (true/false)',
    privacyshield: 'the Privacy Shield is no safeguard any more; DPF certification goes in dpfCertified',
    group: 'the parent group goes in parentGroup, its country in parentCountry',
    parent: 'the parent group goes in parentGroup, its country in parentCountry',
    groupcountry: 'the country of the parent group goes in parentCountry',
    parentgroupcountry: 'the country of the parent group goes in parentCountry',
    email: 'contact details go in contact: { name, email, phone, address }',
    phone: 'contact details go in contact: { name, email, phone, address }',
    processingcountries: ON_THE_ENGAGEMENT,
    hdsactivities: ON_THE_ENGAGEMENT,
    breachnoticehours: ON_THE_ENGAGEMENT,
    dpasignedon: ON_THE_ENGAGEMENT,
    transfersafeguards: ON_THE_ENGAGEMENT,
  },
  Certificate: {
    holder:
      'the holder is the subcontractor (its key), or none for the organisation itself; the entity printed on the certificate goes in certifiedEntity',
    provider: 'the holder is the subcontractor (its key), or none for the organisation itself',
    validuntil: 'the last valid day goes in validTo (inclusive)',
    expireson: 'the last valid day goes in validTo (inclusive)',
    expiry: 'the last valid day goes in validTo (inclusive)',
    expirationdate: 'the last valid day goes in validTo (inclusive)',
    enddate: 'the last valid day goes in validTo (inclusive)',
    issuedon: 'the first valid day goes in validFrom',
    issuedate: 'the first valid day goes in validFrom',
    startdate: 'the first valid day goes in validFrom',
    activities: 'the HDS activities covered go in hdsActivities',
    hdsscope: 'the HDS activities covered go in hdsActivities, the printed scope in scope',
    referential: 'the HDS référentiel goes in hdsReferential ("2018" or "v2"), an ISO edition in edition',
    version: 'the HDS référentiel goes in hdsReferential ("2018" or "v2"), an ISO edition in edition',
    standard: 'the standard and its edition as printed go in edition, e.g. "ISO/IEC 27001:2022"',
    certificationbody: 'the certification body goes in issuer',
    body: 'the certification body goes in issuer',
    issuedby: 'the certification body goes in issuer',
    certificatenumber: 'the certificate number goes in number',
    url: 'a link to the certificate goes in evidenceUrl',
    legalentity: 'the legal entity printed on the certificate goes in certifiedEntity',
  },
  Treatment: {
    legalbases: 'the legal basis goes in legalBasis: { article6: [...], article9: [...] }',
    lawfulbasis: 'the legal basis goes in legalBasis: { article6: [...], article9: [...] }',
    retentionperiod: 'retention goes in retention, or per data category in dataCategories[].retention',
    subjects: 'categories of data subjects go in dataSubjects',
    categories: 'categories of personal data go in dataCategories',
    processors: 'the engagements a treatment relies on go in uses: [{ engagement: <key> }]',
    subcontractors: 'the engagements a treatment relies on go in uses: [{ engagement: <key> }]',
    engagements: 'the engagements a treatment relies on go in uses: [{ engagement: <key> }]',
    purpose: 'purposes are a list: purposes',
    measures: 'security measures go in securityMeasures',
    controller: 'the controllers served (as a processor) go in controllers',
  },
  Organisation: {
    dpoemail: 'the DPO contact goes in dpo: { name, email, phone, address }',
    breachnoticehours: 'what the organisation owes its clients as a processor goes in processorTerms.breachNoticeHours',
    objectionwindowdays:
      'what the organisation owes its clients as a processor goes in processorTerms.objectionWindowDays',
  },
};

/** The kind of record a DTO class holds: CreateEngagementDto → Engagement. */
function recordFamily(className: string | undefined): string {
  return (className ?? '').replace(/^(Create|Update)/, '').replace(/Dto$/, '');
}

/**
 * The problem reported for a field the record does not have: refused (nothing is silently dropped),
 * with where such a fact belongs when there is a usual place for it.
 */
export function unknownFieldProblem(className: string | undefined, property: string): string {
  const name = property.toLowerCase();
  const hint = FIELD_HINTS[recordFamily(className)]?.[name] ?? FIELD_HINTS['*'][name];
  return hint ? `is not a field of this record; ${hint}` : 'is not a field of this record (unknown fields are refused)';
}

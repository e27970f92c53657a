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
import { isCountryCode } from '../reference/countries';
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

/** Codes people write for a country that ISO 3166-1 spells otherwise, and areas that are no country. */
const COUNTRY_HINTS: Record<string, string> = {
  UK: 'did you mean GB (United Kingdom)?',
  EL: 'did you mean GR (Greece)?',
  EU: "the European Union is not a country: name the countries, or record the area (an engagement's processingArea)",
  UE: "the European Union is not a country: name the countries, or record the area (an engagement's processingArea)",
  EEA: "the EEA is not a country: name the countries, or record the area (an engagement's processingArea)",
  EEE: "the EEA is not a country: name the countries, or record the area (an engagement's processingArea)",
};

/** What a wrong country code probably meant ("UK" → GB), when something obvious can be said. */
export function countryHint(value: unknown): string | undefined {
  const values = Array.isArray(value) ? value : [value];
  for (const v of values) {
    if (isCountryCode(v) || typeof v !== 'string') continue;
    const upper = v.trim().toUpperCase();
    const hint = COUNTRY_HINTS[upper] ?? (isCountryCode(upper) ? `did you mean ${upper}?` : undefined);
    // In a list, say which value is meant.
    if (hint) return Array.isArray(value) ? `"${v}": ${hint}` : hint;
  }
  return undefined;
}

export function IsCountry(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCountry',
      validator: {
        validate: (v) => isCountryCode(v),
        defaultMessage: buildMessage((each, args) => {
          const hint = countryHint(args?.value);
          return `${each}$property must be an ISO 3166-1 alpha-2 country code in upper case (e.g. FR, US)${hint ? ` — ${hint}` : ''}`;
        }, options),
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
  return applyDecorators(
    ApiPropertyOptional({ type, description }),
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

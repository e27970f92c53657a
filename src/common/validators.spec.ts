import { IsOptional, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import {
  IsCountry,
  isIsoDate,
  isIsoInstant,
  isIsoMonthOrDate,
  OptionalCountries,
  unknownFieldProblem,
} from './validators';
import { validateAs } from './validate';
import { countryHint, isCountryCode, isEea } from '../reference/countries';
import { isHdsActivityCode, sortHdsActivities } from '../reference/hds-activities';

describe('shared validators', () => {
  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2026-12-31', true],
    ['2026-13-01', false],
    ['2026-04-31', false],
    ['26-04-01', false],
    ['2026-4-1', false],
    ['2026-04-01T00:00:00Z', false],
  ])('isIsoDate(%s) = %s', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it.each([
    ['2026-03-29T01:59:59+01:00', true],
    ['2026-03-29T03:00:00+02:00', true],
    ['2026-11-24T10:00:00Z', true],
    ['2026-11-24T10:00:00.123Z', true],
    ['2026-11-24T10:00:00', false],
    ['2026-11-24 10:00:00Z', false],
    ['2026-11-24T24:00:00Z', false],
    ['2026-02-30T10:00:00Z', false],
  ])('isIsoInstant(%s) = %s', (value, expected) => {
    expect(isIsoInstant(value)).toBe(expected);
  });

  it('accepts officially assigned ISO 3166-1 alpha-2 codes only', () => {
    expect(['FR', 'US', 'IL', 'NO', 'GB'].every(isCountryCode)).toBe(true);
    expect(['fr', 'EU', 'UK', 'XX', 'FRA', ''].some(isCountryCode)).toBe(false);
  });

  it('knows the EEA: the 27 member states plus Norway, Iceland and Liechtenstein', () => {
    expect(['FR', 'DE', 'NO', 'IS', 'LI'].every(isEea)).toBe(true);
    expect(['CH', 'GB', 'US', 'IL'].some(isEea)).toBe(false);
  });

  it('orders HDS activities by their official R.1111-9 number', () => {
    expect(sortHdsActivities(['backup', 'physical-sites', 'virtual-infrastructure', 'hardware'])).toEqual([
      'physical-sites',
      'hardware',
      'virtual-infrastructure',
      'backup',
    ]);
    expect(isHdsActivityCode('couche-1')).toBe(false);
  });

  it.each([
    ['2025-08', true],
    ['2025-12', true],
    ['2025-13', false],
    ['2025-00', false],
    ['2025-8', false],
    ['2025-02-29', false],
    ['2024-02-29', true],
    ['Janvier 2025', false],
  ])('isIsoMonthOrDate(%s) = %s', (value, expected) => {
    expect(isIsoMonthOrDate(value)).toBe(expected);
  });

  it.each([
    ['UK', '"UK": did you mean GB (United Kingdom)?'],
    ['EL', '"EL": did you mean GR (Greece)?'],
    ['EU', '"EU" is an area, not a country: an area is recorded as processingArea ("eu" or "eea")'],
    ['UE', '"UE" is an area, not a country: an area is recorded as processingArea ("eu" or "eea")'],
    ['eea', '"eea" is an area, not a country: an area is recorded as processingArea ("eu" or "eea")'],
    ['fr', '"fr": country codes are upper case, FR'],
    ['FRA', '"FRA" is an alpha-3 code: use FR'],
    ['Allemagne', '"Allemagne" is a name: use the code DE'],
    ['Germany', '"Germany" is a name: use the code DE'],
  ])('teaches what "%s" most likely meant', (value, hint) => {
    expect(countryHint(value)).toBe(hint);
  });

  it('has no hint for what means nothing, or for a number', () => {
    expect(countryHint('XX')).toBeUndefined();
    expect(countryHint(42)).toBeUndefined();
  });

  it('puts the hint in the country validators, for one value and for the bad values of a list', () => {
    class Place {
      @IsOptional()
      @IsCountry()
      country?: string;

      @OptionalCountries('countries')
      countries?: string[];
    }
    const { problems } = validateAs(Place, { country: 'UK', countries: ['FR', 'EU', 'UK'] });
    expect(problems).toEqual([
      {
        field: 'country',
        problem:
          'must be an ISO 3166-1 alpha-2 country code in upper case (e.g. FR, US); "UK": did you mean GB (United Kingdom)?',
      },
      {
        field: 'countries',
        problem:
          'each value in countries must be an ISO 3166-1 alpha-2 country code in upper case (e.g. FR, US); "EU" is an area, not a country: an area is recorded as processingArea ("eu" or "eea"); "UK": did you mean GB (United Kingdom)?',
      },
    ]);
  });

  it('names where a fact belongs for a field that does not exist, per kind of record, then for any', () => {
    expect(unknownFieldProblem('CreateEngagementDto', 'transferSafeguard')).toBe(
      'is not a field of this record; safeguards are a list: transferSafeguards: [{ kind, sccModule, signedOn, countries, tia }]',
    );
    expect(unknownFieldProblem('UpdateEngagementDto', 'Country')).toContain('belongs in processingCountries');
    expect(unknownFieldProblem('CreateCertificateDto', 'expiresOn')).toBe(
      'is not a field of this record; the last valid day goes in validTo (inclusive)',
    );
    expect(unknownFieldProblem('CreateSubcontractorDto', 'hdsActivities')).toContain('belongs on the engagement');
    expect(unknownFieldProblem('CreateTreatmentDto', 'aipd')).toContain('dpia: { criteria, cnilList');
    expect(unknownFieldProblem('CreateOrganisationDto', 'siren')).toContain('registrationId');
    expect(unknownFieldProblem('SomethingElse', 'colour')).toBe(
      'is not a field of this record (unknown fields are refused)',
    );
    expect(unknownFieldProblem(undefined, 'id')).toContain('named by their key');
  });

  it('reports an unknown nested field with its path and its hint', () => {
    class Inner {
      @IsOptional()
      @IsCountry()
      country?: string;
    }
    class CreateEngagementDto {
      @IsOptional()
      @ValidateNested()
      @Type(() => Inner)
      inner?: Inner;
    }
    const { problems } = validateAs(CreateEngagementDto, { safeguard: {}, inner: { expiry: 1 } });
    expect(problems).toEqual([
      {
        field: 'safeguard',
        problem: 'is not a field of this record; safeguards are a list: transferSafeguards: [{ kind, … }]',
      },
      { field: 'inner.expiry', problem: 'is not a field of this record (unknown fields are refused)' },
    ]);
  });
});

import { IsOptional } from 'class-validator';
import { validateAs } from './validate';
import { countryHint, IsCountry, isIsoDate, isIsoInstant, OptionalCountries } from './validators';
import { isCountryCode, isEea } from '../reference/countries';
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

  it('says what a wrong country code probably meant, in the message every path shares', () => {
    expect(countryHint('UK')).toBe('did you mean GB (United Kingdom)?');
    expect(countryHint('fr')).toBe('did you mean FR?');
    expect(countryHint(['FR', 'EU'])).toMatch(/^"EU": the European Union is not a country/);
    expect(countryHint('ZZ')).toBeUndefined();
    class Dto {
      @IsOptional()
      @IsCountry()
      country?: string;

      @OptionalCountries('countries')
      countries?: string[];
    }
    expect(validateAs(Dto, { country: 'UK', countries: ['DE', 'EL'] }).problems).toEqual([
      {
        field: 'country',
        problem:
          'must be an ISO 3166-1 alpha-2 country code in upper case (e.g. FR, US) — did you mean GB (United Kingdom)?',
      },
      {
        field: 'countries',
        problem:
          'each value in countries must be an ISO 3166-1 alpha-2 country code in upper case (e.g. FR, US) — "EL": did you mean GR (Greece)?',
      },
    ]);
  });
});

import countries from 'i18n-iso-countries';
import fr from 'i18n-iso-countries/langs/fr.json';
import en from 'i18n-iso-countries/langs/en.json';
import eea from './data/eea.json';

countries.registerLocale(fr);
countries.registerLocale(en);

export type CountryCode = string;

/** ISO 3166-1 alpha-2, upper case, officially assigned (no "EU", no "UK"). */
export function isCountryCode(value: unknown): value is CountryCode {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && countries.isValid(value);
}

export function countryName(code: CountryCode, lang: 'fr' | 'en' = 'fr'): string {
  return countries.getName(code, lang) ?? code;
}

const EEA = new Set<string>(eea.countries);

export function isEea(code: CountryCode): boolean {
  return EEA.has(code);
}

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

/**
 * What a value that is not a country code most likely meant, for error messages that teach: "UK" is
 * GB, "EL" is the EU's code for Greece, an area ("EU", "UE", "EEA") is no country, "fr" is upper case,
 * "FRA" is alpha-3, "France" is a name. Undefined when nothing sensible comes to mind.
 */
export function countryHint(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const upper = text.toUpperCase();
  if (AREAS.has(upper)) {
    return `"${text}" is an area, not a country: an area is recorded as processingArea ("eu" or "eea")`;
  }
  const alias = ALIASES[upper];
  if (alias) return `"${text}": did you mean ${alias} (${countryName(alias, 'en')})?`;
  if (/^[A-Za-z]{2}$/.test(text) && text !== upper && isCountryCode(upper)) {
    return `"${text}": country codes are upper case, ${upper}`;
  }
  if (/^[A-Za-z]{3}$/.test(text)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2) return `"${text}" is an alpha-3 code: use ${alpha2}`;
  }
  const named = countries.getAlpha2Code(text, 'fr') ?? countries.getAlpha2Code(text, 'en');
  if (named) return `"${text}" is a name: use the code ${named}`;
  return undefined;
}

/** Names of areas people write where a country is asked. */
const AREAS = new Set(['EU', 'UE', 'EEA', 'EEE', 'EWR', 'EUROPE', 'WORLD', 'MONDE']);
/** Codes that are not ISO 3166-1 alpha-2 but are often used for one that is. */
const ALIASES: Record<string, string> = { UK: 'GB', EL: 'GR' };

export function countryName(code: CountryCode, lang: 'fr' | 'en' = 'fr'): string {
  return countries.getName(code, lang) ?? code;
}

const EEA = new Set<string>(eea.countries);

export function isEea(code: CountryCode): boolean {
  return EEA.has(code);
}

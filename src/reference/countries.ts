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

/** Lower case, no accents, words separated by single spaces: "Îles Féroé" → "iles feroe". */
export function normaliseName(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * Spellings found in registers that the ISO name lists do not carry (the CNIL template's own country
 * list among them: "Etats-Unis", "Viêt Nam", "Rép. dém. du Congo"…). Names, never codes: a wrong
 * code such as "UK" is left to the validators, which say what it should be.
 */
const NAME_ALIASES: Record<string, string> = {
  'etats unis': 'US',
  usa: 'US',
  'u s a': 'US',
  'etats unis d amerique': 'US',
  amerique: 'US',
  birmanie: 'MM',
  brunei: 'BN',
  kirghizstan: 'KG',
  macedoine: 'MK',
  marshall: 'MH',
  'iles marshall': 'MH',
  'rep dem du congo': 'CD',
  rdc: 'CD',
  salomon: 'SB',
  'iles salomon': 'SB',
  salvador: 'SV',
  swaziland: 'SZ',
  tanzanie: 'TZ',
  'timor oriental': 'TL',
  'viet nam': 'VN',
  angleterre: 'GB',
  'grande bretagne': 'GB',
  ecosse: 'GB',
  hollande: 'NL',
  'coree du sud': 'KR',
  'republique de coree': 'KR',
};

let namesToCodes: Map<string, string> | undefined;

/** The ISO 3166-1 alpha-2 code of a country written by name, in French or English ("Andorre" → AD). */
export function countryCodeFromName(name: string): CountryCode | undefined {
  if (!namesToCodes) {
    namesToCodes = new Map<string, string>();
    for (const lang of ['fr', 'en']) {
      for (const [code, names] of Object.entries(countries.getNames(lang, { select: 'all' }))) {
        for (const n of names) namesToCodes.set(normaliseName(n), code);
      }
    }
    for (const [alias, code] of Object.entries(NAME_ALIASES)) namesToCodes.set(alias, code);
  }
  const key = normaliseName(name);
  return key.length > 2 ? namesToCodes.get(key) : undefined;
}

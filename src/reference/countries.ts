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

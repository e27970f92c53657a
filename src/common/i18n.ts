/** The users' languages: French first, English on request. */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** A text in both of the users' languages. */
export interface Localized {
  fr: string;
  en: string;
}

export const l = (fr: string, en: string): Localized => ({ fr, en });

/** First letter in upper case, for a sentence that starts with a phrase from the reference data. */
export const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);

/** A list inside a sentence: French puts a space before the semicolon, English does not. */
export const joinList = (items: readonly string[], lang: Lang): string => items.join(lang === 'fr' ? ' ; ' : '; ');

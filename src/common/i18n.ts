/** The users' languages: French first, English on request. */
export type Lang = 'fr' | 'en';
export const LANGS: readonly Lang[] = ['fr', 'en'];

/** A text in both of the users' languages. */
export interface Localized {
  fr: string;
  en: string;
}

export const l = (fr: string, en: string): Localized => ({ fr, en });

/** Lower case without accents, so that "Élèves" and "eleves" match one pattern. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** Patterns from reference data, folded the same way, matched as whole words. */
export function wordPatterns(patterns: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${patterns.map(fold).join('|')})`, 'i');
}

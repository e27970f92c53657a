/** Lower case without accents, so that "Élèves" and "eleves" match one pattern. */
export function fold(text: string): string {
  // Plain ASCII has no accent to take off (most names and purposes of a large register are checked here).
  if (ASCII.test(text)) return text.toLowerCase();
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

// eslint-disable-next-line no-control-regex -- the whole ASCII range, on purpose
const ASCII = /^[\x00-\x7f]*$/;

/** Patterns from reference data, folded the same way, matched as whole words. */
export function wordPatterns(patterns: readonly string[]): RegExp {
  return new RegExp(`\\b(?:${patterns.map(fold).join('|')})`, 'i');
}

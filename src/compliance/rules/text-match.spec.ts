import { fold, wordPatterns } from './text-match';

describe('fold', () => {
  it('lowers the case and drops the accents', () => {
    expect(fold('Élèves ÂGÉES')).toBe('eleves agees');
    expect(fold('Résidents de l’EHPAD')).toBe('residents de l’ehpad');
    expect(fold('plain')).toBe('plain');
  });
});

describe('wordPatterns', () => {
  it('matches a folded pattern at the start of a word, whatever the case', () => {
    const pattern = wordPatterns(['élève', 'personnes? âgées?']);
    expect(pattern.source).toBe('\\b(?:eleve|personnes? agees?)');
    expect(pattern.flags).toBe('i');
    expect(pattern.test('les eleves')).toBe(true);
    expect(pattern.test('ELEVES')).toBe(true);
    expect(pattern.test('personne agee')).toBe(true);
    expect(pattern.test('releve de notes')).toBe(false);
  });
});

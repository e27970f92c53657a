import type { PeriodDto } from '../common/shared.dto';
import { normaliseName } from '../reference/countries';

const NUMBERS: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  onze: 11,
  douze: 12,
  quinze: 15,
  vingt: 20,
  trente: 30,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  ten: 10,
};

const UNITS: { pattern: RegExp; unit: PeriodDto['unit']; factor?: number }[] = [
  { pattern: /^(ans?|annees?|years?)$/, unit: 'years' },
  { pattern: /^(mois|months?)$/, unit: 'months' },
  { pattern: /^(semaines?|weeks?)$/, unit: 'calendar-days', factor: 7 },
  { pattern: /^(jours? ouvres|working days?)$/, unit: 'working-days' },
  { pattern: /^(jours? ouvrables)$/, unit: 'business-days' },
  { pattern: /^(jours?|days?)$/, unit: 'calendar-days' },
  { pattern: /^(heures?|hours?)$/, unit: 'hours' },
];

/**
 * The duration a retention text states, when it states exactly one: "5 ans à compter du versement
 * de la paie" → 5 years, "six mois" → 6 months. The text stays the reference (where the period starts
 * is in its words); a text with several durations ("2 ans en base active puis 8 ans en archive") or
 * none ("durée du contrat") gives no period, and says why.
 */
export function readRetention(text: string): { period?: PeriodDto; why?: string } {
  const words = normaliseName(text);
  const numbers = Object.keys(NUMBERS).join('|');
  const re = new RegExp(
    `(?:^|\\s)(\\d+|${numbers})\\s+(jours? ouvres|jours? ouvrables|working days?|ans?|annees?|years?|mois|months?|semaines?|weeks?|jours?|days?|heures?|hours?)(?=\\s|$)`,
    'g',
  );
  const found: PeriodDto[] = [];
  for (const m of words.matchAll(re)) {
    const n = /^\d+$/.test(m[1]) ? Number(m[1]) : NUMBERS[m[1]];
    const unit = UNITS.find((u) => u.pattern.test(m[2]));
    if (!unit || !Number.isInteger(n) || n > 100000) continue;
    found.push({ value: n * (unit.factor ?? 1), unit: unit.unit });
  }
  const distinct = [...new Map(found.map((f) => [`${f.value} ${f.unit}`, f])).values()];
  if (distinct.length === 1) return { period: distinct[0] };
  if (distinct.length > 1) return { why: 'it states several durations' };
  return { why: 'no duration could be read from it' };
}

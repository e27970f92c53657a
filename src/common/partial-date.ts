/**
 * Dates a document gives to the month only ("Version 1.2 - Janvier 2025" → `2025-01`) or to the day.
 * Such a date is the interval of the days it may mean; two are ordered only when their intervals are.
 */
export interface DayRange {
  first: string;
  last: string;
}

/** `2025-02` → 2025-02-01 … 2025-02-28; `2025-02-14` → that day. */
export function dayRange(value: string): DayRange {
  if (/^\d{4}-\d{2}$/.test(value)) {
    const [y, m] = value.split('-').map(Number);
    const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
    return { first: `${value}-01`, last: `${value}-${String(last).padStart(2, '0')}` };
  }
  return { first: value, last: value };
}

/** Surely after: every day `a` may mean is after every day `b` may mean (same month: cannot tell). */
export function surelyAfter(a: string, b: string): boolean {
  return dayRange(a).first > dayRange(b).last;
}

/** Surely on or before the day: the whole period has begun by then. */
export function begunBy(value: string, day: string): boolean {
  return dayRange(value).first <= day;
}

/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no server time zone can shift a day.
 * A legal day is a day in Europe/Paris: `parisDate` turns an instant into it.
 */
const DAY_MS = 86_400_000;

function toUtc(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y, m - 1, d);
}

function fromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromUtc(toUtc(date) + days * DAY_MS);
}

/**
 * Adds calendar months the way French law counts them (CPC art. 641): the same day number, or the
 * last day of a shorter month (31 January + 1 month is 28 or 29 February). The only month arithmetic.
 */
export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const index = y * 12 + (m - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return fromUtc(Date.UTC(year, month, Math.min(d, lastDay)));
}

/** Adds years as twelve months each: 29 Feb + 1 year is 28 Feb. */
export function addYears(date: string, years: number): string {
  return addMonths(date, 12 * years);
}

/**
 * The last day of a validity of `years` years starting on `date`: the day before the anniversary,
 * where the anniversary of 29 February in a common year is 1 March (so the last day is 28 February).
 */
export function lastDayOfYears(date: string, years: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return fromUtc(Date.UTC(y + years, m - 1, d) - DAY_MS);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

const parisFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Paris',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar day in Europe/Paris of an instant (ISO 8601 with offset, or a Date). */
export function parisDate(instant: string | Date): string {
  return parisFormat.format(typeof instant === 'string' ? new Date(instant) : instant);
}

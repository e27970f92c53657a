import data from '../reference/data/holidays-fr.json';
import { addDays } from '../common/calendar-date';

/**
 * French public holidays (Code du travail L3133-1; Alsace-Moselle adds L3134-13) and the working-day
 * notions of LEGAL.md §6, on `YYYY-MM-DD` calendar days. Easter is computed, never hard-coded; the
 * list of holidays comes from `reference/data/holidays-fr.json`.
 */
export interface HolidayOptions {
  /** Bas-Rhin, Haut-Rhin, Moselle: Good Friday and 26 December are holidays too. */
  alsaceMoselle?: boolean;
}

export interface Holiday {
  date: string;
  /** French name, e.g. "Lundi de Pâques". */
  name: string;
}

/** working-days = jours ouvrés (Mon–Fri), business-days = jours ouvrables (Mon–Sat), both minus holidays. */
export type WorkingDayKind = 'working-days' | 'business-days';

type HolidayRule = { name: string; month: number; day: number } | { name: string; easterOffset: number };

interface HolidayData {
  version: string;
  source: string;
  holidays: HolidayRule[];
  alsaceMoselle: HolidayRule[];
}

const HOLIDAY_DATA: HolidayData = data;

/** Version and source of the holiday reference data. */
export const HOLIDAYS_REFERENCE = { version: HOLIDAY_DATA.version, source: HOLIDAY_DATA.source } as const;

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Throws a RangeError unless `date` is a real `YYYY-MM-DD` calendar day; returns [year, month, day]. */
export function parseCalendarDate(date: string): [number, number, number] {
  const match = DATE_PATTERN.exec(date);
  if (match) {
    const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const probe = new Date(Date.UTC(y, m - 1, d));
    if (probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d) {
      return [y, m, d];
    }
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
}

/** Day of the week of a calendar day: 0 = Sunday … 6 = Saturday. */
export function dayOfWeek(date: string): number {
  const [y, m, d] = parseCalendarDate(date);
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < 1583 || year > 9999) {
    throw new RangeError(`year out of the Gregorian range 1583–9999: ${year}`);
  }
}

/** Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher). */
export function easterSunday(year: number): string {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

const cache = new Map<string, readonly Holiday[]>();

function resolve(rule: HolidayRule, year: number, easter: string): Holiday {
  const date =
    'easterOffset' in rule ? addDays(easter, rule.easterOffset) : `${pad(year, 4)}-${pad(rule.month)}-${pad(rule.day)}`;
  return { date, name: rule.name };
}

/** The public holidays of `year`, sorted by date (memoized per year and region). */
export function frenchHolidays(year: number, options: HolidayOptions = {}): readonly Holiday[] {
  assertYear(year);
  const alsaceMoselle = options.alsaceMoselle === true;
  const key = `${year}:${alsaceMoselle}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const easter = easterSunday(year);
  const rules = alsaceMoselle ? [...HOLIDAY_DATA.holidays, ...HOLIDAY_DATA.alsaceMoselle] : HOLIDAY_DATA.holidays;
  const holidays = rules
    .map((rule) => Object.freeze(resolve(rule, year, easter)))
    .sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
  const frozen = Object.freeze(holidays);
  cache.set(key, frozen);
  return frozen;
}

/** The French name of the holiday on `date`, or undefined when it is not a public holiday. */
export function holidayName(date: string, options: HolidayOptions = {}): string | undefined {
  const [year] = parseCalendarDate(date);
  return frenchHolidays(year, options).find((holiday) => holiday.date === date)?.name;
}

export function isHoliday(date: string, options: HolidayOptions = {}): boolean {
  return holidayName(date, options) !== undefined;
}

/**
 * Whether `date` counts as a day of the given kind: jours ouvrés (`working-days`, Monday–Friday) or
 * jours ouvrables (`business-days`, Monday–Saturday), public holidays excluded in both.
 */
export function isWorkingDay(
  date: string,
  kind: WorkingDayKind = 'working-days',
  options: HolidayOptions = {},
): boolean {
  const weekday = dayOfWeek(date);
  if (weekday === 0) return false;
  if (weekday === 6 && kind === 'working-days') return false;
  return !isHoliday(date, options);
}

/** The first day on or after `date` that is Monday–Friday and not a public holiday (CPC art. 642). */
export function nextWorkingDay(date: string, options: HolidayOptions = {}): string {
  let day = date;
  while (!isWorkingDay(day, 'working-days', options)) day = addDays(day, 1);
  return day;
}

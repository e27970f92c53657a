import type { PeriodUnit } from '../reference/vocabulary';
import { addDays, addMonths, addYears, parisDate } from '../common/calendar-date';
import { dayOfWeek, holidayName, HolidayOptions, isWorkingDay, nextWorkingDay, parseCalendarDate } from './holidays';

/**
 * Pure deadline arithmetic (LEGAL.md §5–§6): no clock, every input is explicit. Deadlines are legal
 * instants in Europe/Paris, returned as ISO 8601 with the Paris offset valid at that instant.
 *
 * A period in days, months or years ends at 24:00 Paris on its last day (CPC art. 642). "24:00" is
 * not a valid ISO 8601 time here, so `due` is the instant of the following day at 00:00:00 Paris and
 * `dueDate` is the last day itself, for displays such as "jusqu'au <dueDate> à 24 h".
 */
export interface DeadlineOptions extends HolidayOptions {
  /** CPC art. 642: a period ending on a Saturday, Sunday or public holiday runs to the next working day. */
  nextWorkingDay?: boolean;
}

export interface DeadlinePeriod {
  value: number;
  unit: PeriodUnit;
}

export interface Deadline {
  /** The instant the period ends, ISO 8601 with the Europe/Paris offset. */
  due: string;
  /** Last day of the period (`YYYY-MM-DD`, Paris); the period runs until 24:00 on it. Absent for hours. */
  dueDate?: string;
  /** Human-readable steps of the computation, in English. */
  rule: string[];
}

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,3})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const TIME_PATTERN = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

const parisParts = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Paris',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Paris wall-clock fields of an instant (whole seconds), as a UTC timestamp. */
function parisWallClock(ms: number): number {
  const fields: Record<string, number> = {};
  for (const part of parisParts.formatToParts(new Date(ms))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  return Date.UTC(fields.year, fields.month - 1, fields.day, fields.hour, fields.minute, fields.second);
}

function floorToSecond(ms: number): number {
  return ms - (((ms % 1000) + 1000) % 1000);
}

/** Offset of Europe/Paris from UTC at an instant, in minutes. */
function offsetMinutesAt(ms: number): number {
  return Math.round((parisWallClock(ms) - floorToSecond(ms)) / 60_000);
}

function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

function parseTime(time: string): [number, number, number] {
  const match = TIME_PATTERN.exec(time);
  if (match) {
    const [h, m, s] = [Number(match[1]), Number(match[2]), Number(match[3] ?? '0')];
    if (h <= 23 && m <= 59 && s <= 59) return [h, m, s];
  }
  throw new RangeError(`not a wall-clock time (HH:MM or HH:MM:SS): ${time}`);
}

function wallClockUtc(date: string, time: string): number {
  const [y, mo, d] = parseCalendarDate(date);
  const [h, mi, s] = parseTime(time);
  return Date.UTC(y, mo - 1, d, h, mi, s);
}

function offsetMinutesForWallClock(wall: number): number {
  const candidates = [...new Set([offsetMinutesAt(wall - DAY_MS), offsetMinutesAt(wall + DAY_MS)])];
  const valid = candidates.filter((offset) => offsetMinutesAt(wall - offset * 60_000) === offset);
  // Ambiguous (autumn, the hour happens twice): the first occurrence, i.e. the larger offset.
  if (valid.length > 0) return Math.max(...valid);
  // Nonexistent (spring, skipped hour): the offset in force after the change.
  return offsetMinutesAt(wall + DAY_MS);
}

/**
 * The Europe/Paris offset (`+01:00` or `+02:00`) for a Paris wall-clock time. A time that happens twice
 * (autumn change) takes the first, summer offset `+02:00`; a time that does not exist (spring change)
 * takes the later, summer offset `+02:00`.
 */
export function parisOffset(date: string, time: string): string {
  return formatOffset(offsetMinutesForWallClock(wallClockUtc(date, time)));
}

/** `YYYY-MM-DDTHH:MM:SS±HH:MM` for a Paris wall-clock time (see `parisOffset` for DST edges). */
export function parisInstant(date: string, time: string): string {
  const [h, m, s] = parseTime(time);
  return `${date}T${pad(h)}:${pad(m)}:${pad(s)}${parisOffset(date, time)}`;
}

function toMs(instant: Date | string): number {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`not an instant: ${String(instant)}`);
  return ms;
}

/**
 * The same instant rendered in Paris as `YYYY-MM-DDTHH:MM:SS±HH:MM` (milliseconds are appended as
 * `.sss` only when not zero, so no instant is altered).
 */
export function toParisIso(instant: Date | string): string {
  return parisIsoFromMs(toMs(instant));
}

function parisIsoFromMs(ms: number): string {
  const wall = parisWallClock(ms);
  const offset = offsetMinutesAt(ms);
  const millis = ms - floorToSecond(ms);
  const fraction = millis === 0 ? '' : `.${pad(millis, 3)}`;
  return `${new Date(wall).toISOString().slice(0, 19)}${fraction}${formatOffset(offset)}`;
}

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function describeDay(date: string, options: HolidayOptions): string {
  const weekday = WEEKDAYS[dayOfWeek(date)];
  const holiday = holidayName(date, options);
  return holiday === undefined ? `${date} (${weekday})` : `${date} (${weekday}, public holiday: ${holiday})`;
}

function countDays(
  startDay: string,
  value: number,
  unit: 'working-days' | 'business-days',
  options: HolidayOptions,
): { lastDay: string; skippedHolidays: string[] } {
  let day = startDay;
  let counted = 0;
  const skippedHolidays: string[] = [];
  while (counted < value) {
    day = addDays(day, 1);
    if (isWorkingDay(day, unit, options)) {
      counted += 1;
    } else {
      const holiday = holidayName(day, options);
      const weekday = dayOfWeek(day);
      const countableWeekday = weekday !== 0 && (weekday !== 6 || unit === 'business-days');
      if (holiday !== undefined && countableWeekday) skippedHolidays.push(`${day} (${holiday})`);
    }
  }
  return { lastDay: day, skippedHolidays };
}

function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${value} ${value === 1 ? singular : pluralForm}`;
}

/**
 * The end of `period` counted from `start` (ISO 8601 instant with offset):
 * - hours run continuously from the instant (weekends, holidays and DST changes included) and are
 *   never extended (Reg. 1182/71 art. 3(4));
 * - days, months and years: the starting day (Paris) is not counted, the period ends at 24:00 Paris on
 *   its last day, and with `nextWorkingDay` a last day on a Saturday, Sunday or public holiday moves to
 *   the next jour ouvré (CPC arts 640–642).
 */
export function computeDeadline(start: string, period: DeadlinePeriod, options: DeadlineOptions = {}): Deadline {
  if (!INSTANT_PATTERN.test(start)) {
    throw new RangeError(`start must be an ISO 8601 instant with an offset: ${start}`);
  }
  const startMs = toMs(start);
  const { value, unit } = period;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`period value must be a non-negative integer: ${value}`);
  }
  const holidayOptions: HolidayOptions = { alsaceMoselle: options.alsaceMoselle === true };
  const startIso = parisIsoFromMs(startMs);
  const rule: string[] = [];

  if (unit === 'hours') {
    const due = parisIsoFromMs(startMs + value * HOUR_MS);
    rule.push(`Start: ${startIso}.`);
    rule.push(
      `${plural(value, 'hour')} run continuously, weekends, public holidays and clock changes included (Reg. 1182/71 art. 3(4)).`,
    );
    if (options.nextWorkingDay === true) {
      rule.push('A period expressed in hours is never extended to the next working day (Reg. 1182/71 art. 3(4)).');
    }
    rule.push(`Due at ${due}.`);
    return { due, rule };
  }

  const startDay = parisDate(new Date(startMs));
  rule.push(`Start: ${startIso}; the starting day ${startDay} is not counted (CPC art. 641).`);
  if (holidayOptions.alsaceMoselle) {
    rule.push('Alsace-Moselle: Good Friday and 26 December are public holidays too (Code du travail L3134-13).');
  }

  let lastDay: string;
  switch (unit) {
    case 'calendar-days':
      lastDay = addDays(startDay, value);
      rule.push(`${plural(value, 'calendar day')} after ${startDay}: last day ${lastDay}.`);
      break;
    case 'weeks':
      // Reg. 1182/71 art. 3(2)(c): a period in weeks ends on the same weekday as the starting day.
      lastDay = addDays(startDay, 7 * value);
      rule.push(
        `${plural(value, 'week')} after ${startDay}: the same day of the week (Reg. 1182/71 art. 3(2)(c)), last day ${lastDay}.`,
      );
      break;
    case 'working-days':
    case 'business-days': {
      const counted = countDays(startDay, value, unit, holidayOptions);
      lastDay = counted.lastDay;
      const kind =
        unit === 'working-days'
          ? 'jours ouvrés: Monday to Friday, public holidays excluded'
          : 'jours ouvrables: Monday to Saturday, public holidays excluded';
      rule.push(
        `${plural(value, unit === 'working-days' ? 'working day' : 'business day')} (${kind}) counted from ${addDays(startDay, 1)}: last day ${lastDay}.`,
      );
      if (counted.skippedHolidays.length > 0) {
        rule.push(`Public holidays not counted: ${counted.skippedHolidays.join(', ')}.`);
      }
      break;
    }
    case 'months':
    case 'years':
      lastDay = unit === 'months' ? addMonths(startDay, value) : addYears(startDay, value);
      rule.push(
        `${plural(value, unit === 'months' ? 'month' : 'year')} after ${startDay}: same day number, or the last day of the month when it is shorter (CPC art. 641): last day ${lastDay}.`,
      );
      break;
    default: {
      const unknown: never = unit;
      throw new RangeError(`unknown period unit: ${String(unknown)}`);
    }
  }

  if (options.nextWorkingDay === true) {
    if (isWorkingDay(lastDay, 'working-days', holidayOptions)) {
      rule.push(`${describeDay(lastDay, holidayOptions)} is a working day: no extension (CPC art. 642).`);
    } else {
      const extended = nextWorkingDay(lastDay, holidayOptions);
      rule.push(
        `${describeDay(lastDay, holidayOptions)} is not a working day: extended to the next working day ${describeDay(extended, holidayOptions)} (CPC art. 642).`,
      );
      lastDay = extended;
    }
  }

  const due = parisInstant(addDays(lastDay, 1), '00:00:00');
  rule.push(`Ends at 24:00 (Paris) on ${lastDay} (CPC art. 642), i.e. due ${due}.`);
  return { due, dueDate: lastDay, rule };
}

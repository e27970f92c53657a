import { addDays, addYears, daysBetween, lastDayOfYears, parisDate } from './calendar-date';

describe('calendar-date', () => {
  describe('addDays', () => {
    it('crosses the end of a 31-day month', () => {
      expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    });

    it('crosses the end of a 30-day month', () => {
      expect(addDays('2025-04-30', 1)).toBe('2025-05-01');
    });

    it('crosses the end of the year forwards', () => {
      expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    });

    it('crosses the start of the year backwards', () => {
      expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    });

    it('reaches 29 February in a leap year', () => {
      expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
      expect(addDays('2024-02-29', 1)).toBe('2024-03-01');
    });

    it('skips 29 February in a common year', () => {
      expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    });

    it('goes back from 1 March to 29 February in a leap year', () => {
      expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    });

    it('is not shifted by the daylight-saving changes', () => {
      expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
      expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
      expect(addDays('2025-10-25', 1)).toBe('2025-10-26');
      expect(addDays('2025-10-26', 1)).toBe('2025-10-27');
    });

    it('adds a whole leap year of days', () => {
      expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
      expect(addDays('2025-01-01', 365)).toBe('2026-01-01');
    });

    it('returns the same day for zero days', () => {
      expect(addDays('2026-05-16', 0)).toBe('2026-05-16');
    });
  });

  describe('addYears', () => {
    it('keeps the day and month', () => {
      expect(addYears('2023-03-15', 3)).toBe('2026-03-15');
    });

    it('turns 29 February into 28 February in a common year', () => {
      expect(addYears('2024-02-29', 1)).toBe('2025-02-28');
      expect(addYears('2024-02-29', 3)).toBe('2027-02-28');
    });

    it('keeps 29 February when the target year is a leap year', () => {
      expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    });

    it('subtracts years, clamping 29 February', () => {
      expect(addYears('2024-02-29', -1)).toBe('2023-02-28');
      expect(addYears('2026-12-31', -3)).toBe('2023-12-31');
    });

    it('does not spill into March for 28 February', () => {
      expect(addYears('2023-02-28', 1)).toBe('2024-02-28');
    });
  });

  describe('lastDayOfYears', () => {
    it('ends the day before the anniversary, 28 February from 29 February', () => {
      expect(lastDayOfYears('2024-02-29', 3)).toBe('2027-02-28');
      expect(lastDayOfYears('2023-12-20', 3)).toBe('2026-12-19');
    });
  });

  describe('daysBetween', () => {
    it('counts the days of February in a common year', () => {
      expect(daysBetween('2026-02-01', '2026-03-01')).toBe(28);
    });

    it('counts the days of February in a leap year', () => {
      expect(daysBetween('2024-02-01', '2024-03-01')).toBe(29);
    });

    it('is negative when the second date is earlier', () => {
      expect(daysBetween('2026-03-01', '2026-02-01')).toBe(-28);
    });

    it('is zero for the same day', () => {
      expect(daysBetween('2026-05-16', '2026-05-16')).toBe(0);
    });

    it('counts whole days across the daylight-saving changes', () => {
      expect(daysBetween('2026-03-28', '2026-03-30')).toBe(2);
      expect(daysBetween('2025-10-25', '2025-10-27')).toBe(2);
    });

    it('counts a year across the year end', () => {
      expect(daysBetween('2025-12-31', '2026-12-31')).toBe(365);
      expect(daysBetween('2023-12-31', '2024-12-31')).toBe(366);
    });

    it('is the inverse of addDays', () => {
      expect(daysBetween('2026-06-01', addDays('2026-06-01', 90))).toBe(90);
    });
  });

  describe('parisDate', () => {
    it('is still the same day an instant before the spring change (01:59:59 CET)', () => {
      expect(parisDate('2026-03-29T00:59:59Z')).toBe('2026-03-29');
    });

    it('moves to the next day at midnight CET in winter', () => {
      expect(parisDate('2026-03-28T22:59:59Z')).toBe('2026-03-28');
      expect(parisDate('2026-03-28T23:00:00Z')).toBe('2026-03-29');
    });

    it('ends 31 October 2025 at 23:00 UTC (winter time)', () => {
      expect(parisDate('2025-10-31T22:59:59Z')).toBe('2025-10-31');
      expect(parisDate('2025-10-31T23:00:00Z')).toBe('2025-11-01');
    });

    it('moves to the next day at 22:00 UTC in summer (CEST)', () => {
      expect(parisDate('2026-06-30T21:59:59Z')).toBe('2026-06-30');
      expect(parisDate('2026-06-30T22:00:00Z')).toBe('2026-07-01');
    });

    it('reads an instant given with an offset', () => {
      expect(parisDate('2026-01-01T00:30:00+01:00')).toBe('2026-01-01');
      expect(parisDate('2025-12-31T23:30:00-05:00')).toBe('2026-01-01');
    });

    it('accepts a Date', () => {
      expect(parisDate(new Date(Date.UTC(2025, 9, 31, 23, 0, 0)))).toBe('2025-11-01');
    });
  });
});

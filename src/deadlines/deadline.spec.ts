import { computeDeadline, parisInstant, parisOffset, toParisIso } from './deadline';

describe('deadline', () => {
  describe('parisInstant and parisOffset', () => {
    it('uses +01:00 in winter', () => {
      expect(parisOffset('2026-01-15', '12:00')).toBe('+01:00');
      expect(parisInstant('2026-01-15', '12:00:00')).toBe('2026-01-15T12:00:00+01:00');
    });

    it('uses +02:00 in summer', () => {
      expect(parisInstant('2026-07-14', '00:00:00')).toBe('2026-07-14T00:00:00+02:00');
    });

    it('keeps +01:00 just before the spring change', () => {
      expect(parisInstant('2026-03-29', '01:59:59')).toBe('2026-03-29T01:59:59+01:00');
    });

    it('takes the later offset for a time skipped by the spring change', () => {
      expect(parisInstant('2026-03-29', '02:30:00')).toBe('2026-03-29T02:30:00+02:00');
    });

    it('uses +02:00 from 03:00 on the spring change day', () => {
      expect(parisInstant('2026-03-29', '03:00:00')).toBe('2026-03-29T03:00:00+02:00');
    });

    it('keeps +02:00 just before the autumn change', () => {
      expect(parisInstant('2026-10-25', '01:59:59')).toBe('2026-10-25T01:59:59+02:00');
    });

    it('takes the first occurrence (+02:00) for a time repeated by the autumn change', () => {
      expect(parisInstant('2026-10-25', '02:30:00')).toBe('2026-10-25T02:30:00+02:00');
    });

    it('uses +01:00 from 03:00 on the autumn change day', () => {
      expect(parisInstant('2026-10-25', '03:00:00')).toBe('2026-10-25T03:00:00+01:00');
    });

    it('rejects an invalid time or date', () => {
      expect(() => parisInstant('2026-01-15', '24:00:00')).toThrow(RangeError);
      expect(() => parisInstant('2026-02-30', '12:00:00')).toThrow(RangeError);
    });
  });

  describe('toParisIso', () => {
    it('renders the last second before the spring change in +01:00', () => {
      expect(toParisIso('2026-03-29T00:59:59Z')).toBe('2026-03-29T01:59:59+01:00');
    });

    it('renders the spring change instant as 03:00 +02:00', () => {
      expect(toParisIso('2026-03-29T01:00:00Z')).toBe('2026-03-29T03:00:00+02:00');
    });

    it('renders the first 02:30 of the autumn change in +02:00', () => {
      expect(toParisIso('2026-10-25T00:30:00Z')).toBe('2026-10-25T02:30:00+02:00');
    });

    it('renders the second 02:30 of the autumn change in +01:00', () => {
      expect(toParisIso('2026-10-25T01:30:00Z')).toBe('2026-10-25T02:30:00+01:00');
    });

    it('accepts a Date and an instant written in another offset', () => {
      expect(toParisIso(new Date(Date.UTC(2026, 6, 13, 22, 0, 0)))).toBe('2026-07-14T00:00:00+02:00');
      expect(toParisIso('2026-01-01T08:00:00-05:00')).toBe('2026-01-01T14:00:00+01:00');
    });

    it('keeps milliseconds when there are some', () => {
      expect(toParisIso('2026-01-01T00:00:00.250Z')).toBe('2026-01-01T01:00:00.250+01:00');
    });

    it('rejects an invalid instant', () => {
      expect(() => toParisIso('not a date')).toThrow(RangeError);
    });
  });

  describe('computeDeadline — hours', () => {
    it('runs 72 h continuously over a holiday and a weekend (breach found Friday 1 May 2026, 19:00)', () => {
      const result = computeDeadline('2026-05-01T19:00:00+02:00', { value: 72, unit: 'hours' });
      expect(result.due).toBe('2026-05-04T19:00:00+02:00');
      expect(result.dueDate).toBeUndefined();
    });

    it('never extends an hours period, even with nextWorkingDay', () => {
      const result = computeDeadline(
        '2026-05-01T19:00:00+02:00',
        { value: 24, unit: 'hours' },
        { nextWorkingDay: true },
      );
      expect(result.due).toBe('2026-05-02T19:00:00+02:00');
      expect(result.rule).toContain(
        'A period expressed in hours is never extended to the next working day (Reg. 1182/71 art. 3(4)).',
      );
    });

    it('adds 48 real hours across the spring clock change', () => {
      const result = computeDeadline('2026-03-28T12:00:00+01:00', { value: 48, unit: 'hours' });
      expect(result.due).toBe('2026-03-30T13:00:00+02:00');
    });

    it('adds 72 real hours across the autumn clock change', () => {
      const result = computeDeadline('2026-10-23T18:00:00+02:00', { value: 72, unit: 'hours' });
      expect(result.due).toBe('2026-10-26T17:00:00+01:00');
    });

    it('renders a start given in UTC in Paris time', () => {
      const result = computeDeadline('2026-01-10T09:30:00Z', { value: 48, unit: 'hours' });
      expect(result.due).toBe('2026-01-12T10:30:00+01:00');
    });
  });

  describe('computeDeadline — calendar days', () => {
    it('does not count the starting day and ends at 24:00 on the last day (30 days from 2 March 2026)', () => {
      const result = computeDeadline('2026-03-02T10:00:00+01:00', { value: 30, unit: 'calendar-days' });
      expect(result.dueDate).toBe('2026-04-01');
      expect(result.due).toBe('2026-04-02T00:00:00+02:00');
      expect(result.rule).toEqual([
        'Start: 2026-03-02T10:00:00+01:00; the starting day 2026-03-02 is not counted (CPC art. 641).',
        '30 calendar days after 2026-03-02: last day 2026-04-01.',
        'Ends at 24:00 (Paris) on 2026-04-01 (CPC art. 642), i.e. due 2026-04-02T00:00:00+02:00.',
      ]);
    });

    it('takes the starting day in Paris, not in UTC', () => {
      const result = computeDeadline('2026-03-01T23:30:00Z', { value: 30, unit: 'calendar-days' });
      expect(result.dueDate).toBe('2026-04-01');
    });

    it('leaves a period ending on Sunday alone without nextWorkingDay (15 days to 12 July 2026)', () => {
      const result = computeDeadline('2026-06-27T09:00:00+02:00', { value: 15, unit: 'calendar-days' });
      expect(result.dueDate).toBe('2026-07-12');
      expect(result.due).toBe('2026-07-13T00:00:00+02:00');
    });

    it('moves a period ending on Sunday 12 July 2026 to Monday 13 July with nextWorkingDay', () => {
      const result = computeDeadline(
        '2026-06-27T09:00:00+02:00',
        { value: 15, unit: 'calendar-days' },
        { nextWorkingDay: true },
      );
      expect(result.dueDate).toBe('2026-07-13');
      expect(result.due).toBe('2026-07-14T00:00:00+02:00');
      expect(result.rule).toContain(
        '2026-07-12 (Sunday) is not a working day: extended to the next working day 2026-07-13 (Monday) (CPC art. 642).',
      );
    });

    it('moves a period ending on Saturday 15 August 2026 (a holiday too) to Monday 17 August', () => {
      const result = computeDeadline(
        '2026-07-31T09:00:00+02:00',
        { value: 15, unit: 'calendar-days' },
        { nextWorkingDay: true },
      );
      expect(result.dueDate).toBe('2026-08-17');
      expect(result.due).toBe('2026-08-18T00:00:00+02:00');
      expect(result.rule).toContain(
        '2026-08-15 (Saturday, public holiday: Assomption) is not a working day: extended to the next working day 2026-08-17 (Monday) (CPC art. 642).',
      );
    });

    it('moves a period ending on Saturday 1 May 2027 to Monday 3 May 2027', () => {
      const result = computeDeadline(
        '2027-04-21T09:00:00+02:00',
        { value: 10, unit: 'calendar-days' },
        { nextWorkingDay: true },
      );
      expect(result.dueDate).toBe('2027-05-03');
      expect(result.due).toBe('2027-05-04T00:00:00+02:00');
    });

    it('says so when the last day is already a working day', () => {
      const result = computeDeadline(
        '2026-03-02T10:00:00+01:00',
        { value: 30, unit: 'calendar-days' },
        { nextWorkingDay: true },
      );
      expect(result.dueDate).toBe('2026-04-01');
      expect(result.rule).toContain('2026-04-01 (Wednesday) is a working day: no extension (CPC art. 642).');
    });

    it('moves Christmas 2025 (Thursday) to Friday 26 December, or to Monday 29 December in Alsace-Moselle', () => {
      const national = computeDeadline(
        '2025-12-15T09:00:00+01:00',
        { value: 10, unit: 'calendar-days' },
        { nextWorkingDay: true },
      );
      const alsace = computeDeadline(
        '2025-12-15T09:00:00+01:00',
        { value: 10, unit: 'calendar-days' },
        { nextWorkingDay: true, alsaceMoselle: true },
      );
      expect(national.dueDate).toBe('2025-12-26');
      expect(alsace.dueDate).toBe('2025-12-29');
      expect(alsace.due).toBe('2025-12-30T00:00:00+01:00');
    });

    it('moves a Christmas weekend (Saturday 25, Sunday 26 December 2027) to Monday 27 December', () => {
      const result = computeDeadline(
        '2027-12-15T09:00:00+01:00',
        { value: 10, unit: 'calendar-days' },
        { nextWorkingDay: true, alsaceMoselle: true },
      );
      expect(result.dueDate).toBe('2027-12-27');
    });
  });

  describe('computeDeadline — working and business days', () => {
    it('counts 8 jours ouvrés from Thursday 7 May 2026, skipping 8 May and Ascension', () => {
      const result = computeDeadline('2026-05-07T10:00:00+02:00', { value: 8, unit: 'working-days' });
      // Counted: 11, 12, 13, 15, 18, 19, 20, 21 May (8 May and 14 May are holidays).
      expect(result.dueDate).toBe('2026-05-21');
      expect(result.due).toBe('2026-05-22T00:00:00+02:00');
      expect(result.rule).toContain('Public holidays not counted: 2026-05-08 (Victoire 1945), 2026-05-14 (Ascension).');
    });

    it('counts Saturdays as jours ouvrables', () => {
      const result = computeDeadline('2026-06-01T10:00:00+02:00', { value: 5, unit: 'business-days' });
      expect(result.dueDate).toBe('2026-06-06');
    });

    it('does not count Saturdays as jours ouvrés', () => {
      const result = computeDeadline('2026-06-01T10:00:00+02:00', { value: 5, unit: 'working-days' });
      expect(result.dueDate).toBe('2026-06-08');
    });

    it('counts 6 jours ouvrables from Thursday 7 May 2026, skipping the holidays but not the Saturdays', () => {
      const result = computeDeadline('2026-05-07T10:00:00+02:00', { value: 6, unit: 'business-days' });
      // Counted: 9, 11, 12, 13, 15, 16 May.
      expect(result.dueDate).toBe('2026-05-16');
    });

    it('extends jours ouvrables ending on a Saturday to Monday with nextWorkingDay', () => {
      const result = computeDeadline(
        '2026-05-07T10:00:00+02:00',
        { value: 6, unit: 'business-days' },
        { nextWorkingDay: true },
      );
      expect(result.dueDate).toBe('2026-05-18');
    });

    it('skips Good Friday only in Alsace-Moselle', () => {
      const period = { value: 1, unit: 'working-days' } as const;
      expect(computeDeadline('2026-04-02T10:00:00+02:00', period).dueDate).toBe('2026-04-03');
      expect(computeDeadline('2026-04-02T10:00:00+02:00', period, { alsaceMoselle: true }).dueDate).toBe('2026-04-07');
    });
  });

  describe('computeDeadline — months and years', () => {
    it('ends on the last day of a shorter month (31 January 2026 + 1 month)', () => {
      const result = computeDeadline('2026-01-31T10:00:00+01:00', { value: 1, unit: 'months' });
      expect(result.dueDate).toBe('2026-02-28');
      expect(result.due).toBe('2026-03-01T00:00:00+01:00');
    });

    it('ends on 29 February in a leap year (31 January 2028 + 1 month)', () => {
      const result = computeDeadline('2028-01-31T10:00:00+01:00', { value: 1, unit: 'months' });
      expect(result.dueDate).toBe('2028-02-29');
    });

    it('keeps the same day number across a year end (15 November 2026 + 3 months)', () => {
      const result = computeDeadline('2026-11-15T10:00:00+01:00', { value: 3, unit: 'months' });
      expect(result.dueDate).toBe('2027-02-15');
    });

    it('ends on 28 February for 29 February 2024 + 1 year', () => {
      const result = computeDeadline('2024-02-29T10:00:00+01:00', { value: 1, unit: 'years' });
      expect(result.dueDate).toBe('2025-02-28');
      expect(result.due).toBe('2025-03-01T00:00:00+01:00');
    });
  });

  describe('computeDeadline — input checks', () => {
    it('rejects a start without an offset', () => {
      expect(() => computeDeadline('2026-05-01T19:00:00', { value: 72, unit: 'hours' })).toThrow(RangeError);
    });

    it('rejects a negative or fractional value', () => {
      expect(() => computeDeadline('2026-05-01T19:00:00+02:00', { value: -1, unit: 'hours' })).toThrow(RangeError);
      expect(() => computeDeadline('2026-05-01T19:00:00+02:00', { value: 1.5, unit: 'months' })).toThrow(RangeError);
    });
  });

  describe('computeDeadline — weeks', () => {
    it('ends on the same weekday, at 24:00 Paris (Reg. 1182/71 art. 3(2)(c))', () => {
      // Tuesday 3 March 2026 + 2 weeks: Tuesday 17 March.
      const d = computeDeadline('2026-03-03T10:00:00+01:00', { value: 2, unit: 'weeks' });
      expect(d.dueDate).toBe('2026-03-17');
      expect(d.due).toBe('2026-03-18T00:00:00+01:00');
      expect(d.rule).toContain(
        '2 weeks after 2026-03-03: the same day of the week (Reg. 1182/71 art. 3(2)(c)), last day 2026-03-17.',
      );
    });

    it('counts one week like seven calendar days, and moves to the next working day when asked', () => {
      const week = computeDeadline('2026-04-28T10:00:00+02:00', { value: 1, unit: 'weeks' });
      const days = computeDeadline('2026-04-28T10:00:00+02:00', { value: 7, unit: 'calendar-days' });
      expect(week.dueDate).toBe(days.dueDate);
      expect(week.rule.some((r) => r.startsWith('1 week after'))).toBe(true);
      // Friday 1 May 2026 + 1 week = Friday 8 May (a holiday): the next working day is Monday 11 May.
      const holiday = computeDeadline(
        '2026-05-01T10:00:00+02:00',
        { value: 1, unit: 'weeks' },
        { nextWorkingDay: true },
      );
      expect(holiday.dueDate).toBe('2026-05-11');
    });
  });
});

import {
  dayOfWeek,
  easterSunday,
  frenchHolidays,
  holidayName,
  HOLIDAYS_REFERENCE,
  isHoliday,
  isWorkingDay,
  nextWorkingDay,
  parseCalendarDate,
} from './holidays';

describe('holidays', () => {
  describe('easterSunday', () => {
    it('computes Easter 2024', () => {
      expect(easterSunday(2024)).toBe('2024-03-31');
    });

    it('computes Easter 2025', () => {
      expect(easterSunday(2025)).toBe('2025-04-20');
    });

    it('computes Easter 2026', () => {
      expect(easterSunday(2026)).toBe('2026-04-05');
    });

    it('computes Easter 2027', () => {
      expect(easterSunday(2027)).toBe('2027-03-28');
    });

    it('computes the latest possible Easter (2038)', () => {
      expect(easterSunday(2038)).toBe('2038-04-25');
    });

    it('computes the earliest possible Easter (2285)', () => {
      expect(easterSunday(2285)).toBe('2285-03-22');
    });

    it('rejects a year outside the Gregorian range', () => {
      expect(() => easterSunday(1500)).toThrow(RangeError);
      expect(() => easterSunday(2026.5)).toThrow(RangeError);
    });
  });

  describe('frenchHolidays', () => {
    it('lists the 11 public holidays of 2026 in date order', () => {
      expect(frenchHolidays(2026)).toEqual([
        { date: '2026-01-01', name: "Jour de l'an" },
        { date: '2026-04-06', name: 'Lundi de Pâques' },
        { date: '2026-05-01', name: 'Fête du Travail' },
        { date: '2026-05-08', name: 'Victoire 1945' },
        { date: '2026-05-14', name: 'Ascension' },
        { date: '2026-05-25', name: 'Lundi de Pentecôte' },
        { date: '2026-07-14', name: 'Fête nationale' },
        { date: '2026-08-15', name: 'Assomption' },
        { date: '2026-11-01', name: 'Toussaint' },
        { date: '2026-11-11', name: 'Armistice 1918' },
        { date: '2026-12-25', name: 'Noël' },
      ]);
    });

    it('adds Good Friday and 26 December in Alsace-Moselle', () => {
      const holidays = frenchHolidays(2026, { alsaceMoselle: true });
      expect(holidays).toHaveLength(13);
      expect(holidays.map((h) => h.date)).toEqual([
        '2026-01-01',
        '2026-04-03',
        '2026-04-06',
        '2026-05-01',
        '2026-05-08',
        '2026-05-14',
        '2026-05-25',
        '2026-07-14',
        '2026-08-15',
        '2026-11-01',
        '2026-11-11',
        '2026-12-25',
        '2026-12-26',
      ]);
      expect(holidayName('2026-04-03', { alsaceMoselle: true })).toBe('Vendredi saint');
      expect(holidayName('2026-12-26', { alsaceMoselle: true })).toBe('Saint-Étienne');
    });

    it('does not count the Alsace-Moselle extras elsewhere', () => {
      expect(isHoliday('2026-04-03')).toBe(false);
      expect(isHoliday('2026-12-26')).toBe(false);
    });

    it('moves the Easter-based holidays with Easter (2027)', () => {
      expect(holidayName('2027-03-29')).toBe('Lundi de Pâques');
      expect(holidayName('2027-05-06')).toBe('Ascension');
      expect(holidayName('2027-05-17')).toBe('Lundi de Pentecôte');
    });

    it('memoizes per year and region', () => {
      expect(frenchHolidays(2026)).toBe(frenchHolidays(2026));
      expect(frenchHolidays(2026, { alsaceMoselle: true })).not.toBe(frenchHolidays(2026));
    });

    it('carries the version and source of its reference data', () => {
      expect(HOLIDAYS_REFERENCE.version).toBe('2008-05-01');
      expect(HOLIDAYS_REFERENCE.source).toContain('L3133-1');
      expect(HOLIDAYS_REFERENCE.source).toContain('L3134-13');
    });
  });

  describe('isHoliday', () => {
    it('keeps 1 May a holiday when it falls on a Saturday (2027)', () => {
      expect(dayOfWeek('2027-05-01')).toBe(6);
      expect(isHoliday('2027-05-01')).toBe(true);
    });

    it('is false for an ordinary day', () => {
      expect(isHoliday('2026-05-12')).toBe(false);
    });

    it('rejects a date that does not exist', () => {
      expect(() => isHoliday('2026-02-29')).toThrow(RangeError);
      expect(() => isHoliday('2026-5-1')).toThrow(RangeError);
    });
  });

  describe('isWorkingDay', () => {
    it('counts Saturday as a jour ouvrable but not as a jour ouvré', () => {
      expect(isWorkingDay('2026-05-09', 'business-days')).toBe(true);
      expect(isWorkingDay('2026-05-09', 'working-days')).toBe(false);
    });

    it('never counts Sunday', () => {
      expect(isWorkingDay('2026-05-10', 'business-days')).toBe(false);
      expect(isWorkingDay('2026-05-10', 'working-days')).toBe(false);
    });

    it('excludes a public holiday on a weekday from both kinds', () => {
      expect(isWorkingDay('2026-05-14', 'working-days')).toBe(false);
      expect(isWorkingDay('2026-05-14', 'business-days')).toBe(false);
    });

    it('excludes a public holiday on a Saturday from jours ouvrables', () => {
      expect(isWorkingDay('2027-05-01', 'business-days')).toBe(false);
    });

    it('defaults to jours ouvrés', () => {
      expect(isWorkingDay('2026-05-09')).toBe(false);
      expect(isWorkingDay('2026-05-11')).toBe(true);
    });

    it('applies the Alsace-Moselle holidays when asked', () => {
      expect(isWorkingDay('2026-04-03', 'working-days')).toBe(true);
      expect(isWorkingDay('2026-04-03', 'working-days', { alsaceMoselle: true })).toBe(false);
    });
  });

  describe('nextWorkingDay', () => {
    it('returns the day itself when it is already a working day', () => {
      expect(nextWorkingDay('2026-05-12')).toBe('2026-05-12');
    });

    it('moves a Saturday 1 May to Monday 3 May 2027', () => {
      expect(nextWorkingDay('2027-05-01')).toBe('2027-05-03');
    });

    it('skips a Monday holiday after a weekend (Easter 2026)', () => {
      expect(nextWorkingDay('2026-04-04')).toBe('2026-04-07');
    });

    it('skips 26 December in Alsace-Moselle (2025)', () => {
      expect(nextWorkingDay('2025-12-25')).toBe('2025-12-26');
      expect(nextWorkingDay('2025-12-25', { alsaceMoselle: true })).toBe('2025-12-29');
    });
  });

  describe('parseCalendarDate', () => {
    it('accepts 29 February in a leap year', () => {
      expect(parseCalendarDate('2028-02-29')).toEqual([2028, 2, 29]);
    });
  });
});

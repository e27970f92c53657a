import { begunBy, dayRange, surelyAfter } from './partial-date';

describe('dates given to the month or to the day', () => {
  it('reads a month as the days it may mean, leap years included', () => {
    expect(dayRange('2025-02')).toEqual({ first: '2025-02-01', last: '2025-02-28' });
    expect(dayRange('2024-02')).toEqual({ first: '2024-02-01', last: '2024-02-29' });
    expect(dayRange('2025-12')).toEqual({ first: '2025-12-01', last: '2025-12-31' });
    expect(dayRange('2025-08-15')).toEqual({ first: '2025-08-15', last: '2025-08-15' });
  });

  it('orders two dates only when every day of one is after every day of the other', () => {
    expect(surelyAfter('2025-09', '2025-08')).toBe(true);
    expect(surelyAfter('2025-08-20', '2025-08')).toBe(false);
    expect(surelyAfter('2025-08', '2025-08-20')).toBe(false);
    expect(surelyAfter('2025-09-01', '2025-08')).toBe(true);
    expect(surelyAfter('2025-08-31', '2025-08-30')).toBe(true);
    expect(surelyAfter('2025-08-30', '2025-08-30')).toBe(false);
  });

  it('says a period has begun from its first day', () => {
    expect(begunBy('2026-06', '2026-05-31')).toBe(false);
    expect(begunBy('2026-06', '2026-06-01')).toBe(true);
    expect(begunBy('2026-06-15', '2026-06-15')).toBe(true);
  });
});

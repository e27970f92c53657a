import { SettableClock, SystemClock } from './clock';

describe('Clock', () => {
  it('gives the Paris day of its instant: 22:00 UTC in summer is already the next day', () => {
    const clock = new SettableClock('2026-06-30T21:59:59.999Z');
    expect(clock.today()).toBe('2026-06-30');
    expect(clock.advance(1).today()).toBe('2026-07-01');
    expect(clock.instant()).toBe('2026-06-30T22:00:00.000Z');
  });

  it('stands still until it is set or moved', () => {
    const clock = new SettableClock(new Date(Date.UTC(2026, 0, 1)));
    expect(clock.now().getTime()).toBe(clock.now().getTime());
    expect(clock.set('2027-03-28T01:00:00+01:00').instant()).toBe('2027-03-28T00:00:00.000Z');
    expect(() => clock.set('not a date')).toThrow('not an instant');
  });

  it('reads the machine clock by default', () => {
    const before = Date.now();
    const now = new SystemClock().now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});

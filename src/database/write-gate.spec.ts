import { setTimeout as sleep } from 'node:timers/promises';
import { GateTimeoutError } from '../common/database-errors';
import { WriteGate } from './write-gate';

describe('WriteGate', () => {
  it('runs holders one at a time, in arrival order', async () => {
    const gate = new WriteGate();
    const events: string[] = [];
    const work = (name: string, ms: number) =>
      gate.run(async () => {
        events.push(`${name} starts`);
        await sleep(ms);
        events.push(`${name} ends`);
      });
    await Promise.all([work('a', 30), work('b', 1), work('c', 10)]);
    expect(events).toEqual(['a starts', 'a ends', 'b starts', 'b ends', 'c starts', 'c ends']);
    expect(gate.busy).toBe(false);
  });

  it("lets the holder's own work through (re-entrant), and nobody else's", async () => {
    const gate = new WriteGate();
    const seen: boolean[] = [];
    await gate.run(async () => {
      seen.push(gate.owned);
      await sleep(1);
      seen.push(gate.owned);
      await gate.run(async () => seen.push(gate.owned));
    });
    expect(seen).toEqual([true, true, true]);
    expect(gate.owned).toBe(false);
  });

  it('gives up after the wait allowed, and keeps the order of those after', async () => {
    const gate = new WriteGate();
    const events: string[] = [];
    const long = gate.run(async () => {
      await sleep(60);
      events.push('long');
    });
    const impatient = gate.run(async () => events.push('impatient'), 10);
    const patient = gate.run(async () => events.push('patient'));
    await expect(impatient).rejects.toBeInstanceOf(GateTimeoutError);
    await Promise.all([long, patient]);
    expect(events).toEqual(['long', 'patient']);
  });

  it('frees the gate when the work fails', async () => {
    const gate = new WriteGate();
    await expect(gate.run(async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.busy).toBe(false);
    await expect(gate.run(async () => 'next')).resolves.toBe('next');
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BundleDto } from '../bundles/bundle.dto';
import { snapshotFromBundle, ComplianceSnapshot } from '../snapshot/snapshot';
import { SnapshotIndex } from '../snapshot/snapshot-index';
import { syntheticBundle } from '../bench/synthetic';
import { joinInSlices, serialise, serialiseBytes } from './compliance.service';
import { evaluate, evaluateInSlices } from './engine';
import { findingId, SEVERITIES } from './finding';
import { RULES } from './rules';

const SEEDS = join(__dirname, '..', '..', 'seeds');
const seed = (slug: string, asOf: string): ComplianceSnapshot =>
  snapshotFromBundle(JSON.parse(readFileSync(join(SEEDS, `${slug}.json`), 'utf8')) as BundleDto, asOf);

/** The order findings had before the engine ranked them by key: severity, rule, id, by comparator. */
function previousOrder(snapshot: ComplianceSnapshot): string[] {
  const ctx = new SnapshotIndex(snapshot);
  const ruleOrder = new Map(RULES.map((r, i) => [r.id, i]));
  return RULES.flatMap((rule) => rule.evaluate(ctx))
    .map((f) => ({ id: findingId(f), severity: SEVERITIES.indexOf(f.severity), rule: ruleOrder.get(f.ruleId) ?? 0 }))
    .sort((a, b) => a.severity - b.severity || a.rule - b.rule || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((f) => f.id);
}

describe('evaluation in slices', () => {
  it.each(['desmos', 'omnidoc', 'levy-nadlan', 'oci-hds-client'])(
    '%s: the same findings as in one piece, in the same order as before',
    async (slug) => {
      const snapshot = seed(slug, '2026-06-01');
      const whole = evaluate(snapshot, 'en');
      // A slice of 0 ms gives the event loop back at every step.
      const sliced = await evaluateInSlices(snapshot, 'en', RULES, 0);
      expect(sliced).toEqual(whole);
      expect(whole.findings.length).toBeGreaterThan(0);
      expect(whole.findings.map((f) => f.id)).toEqual(previousOrder(snapshot));
    },
  );

  it('a register large enough for the rules written in steps to yield inside them: the same findings', async () => {
    const snapshot = snapshotFromBundle(syntheticBundle(1200), '2026-06-01');
    const immediate = jest.spyOn(global, 'setImmediate');
    try {
      const sliced = await evaluateInSlices(snapshot, 'fr', RULES, 0);
      const whole = evaluate(snapshot, 'fr');
      expect(sliced).toEqual(whole);
      expect(whole.findings.length).toBeGreaterThan(1200);
      // Index, each rule, every 500 findings, the sort: and more, from inside the stepped rules.
      const outside = 1 + RULES.length + Math.floor(whole.findings.length / 500) + 1;
      expect(immediate.mock.calls.length).toBeGreaterThan(outside + 5);
    } finally {
      immediate.mockRestore();
    }
  });

  it('joins buffers in slices into exactly what Buffer.concat makes', async () => {
    const big = Buffer.alloc(5 * 1024 * 1024 + 7, 'ab');
    const parts = [Buffer.from('{"a":'), big, Buffer.from(''), Buffer.from('é}'), big.subarray(0, 3)];
    expect((await joinInSlices(parts)).equals(Buffer.concat(parts))).toBe(true);
    expect((await joinInSlices([])).length).toBe(0);
  });

  it('lets a timer run while it evaluates', async () => {
    const snapshot = seed('desmos', '2026-06-01');
    let fired = false;
    setImmediate(() => (fired = true));
    const pending = evaluateInSlices(snapshot, 'fr', RULES, 0);
    expect(fired).toBe(false);
    await pending;
    expect(fired).toBe(true);
  });

  it('serialises a report exactly as JSON.stringify does, across slices', async () => {
    const snapshot = seed('desmos', '2026-06-01');
    const base = evaluate(snapshot, 'fr');
    // Enough findings for several slices of 500.
    const findings = Array.from({ length: 4500 }, (_, i) => ({
      ...base.findings[i % base.findings.length],
      id: `f${i}`,
    }));
    const report = { organisation: { slug: 'desmos', name: 'Orisha « é »' }, ...base, findings };
    expect(await serialise(report)).toBe(JSON.stringify(report));
    expect((await serialiseBytes(report)).equals(Buffer.from(JSON.stringify(report), 'utf8'))).toBe(true);
    const empty = { organisation: { slug: 'x', name: 'X' }, ...base, findings: [] };
    expect(await serialise(empty)).toBe(JSON.stringify(empty));
  });
});

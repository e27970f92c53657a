import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { SettableClock } from '../common/clock';
import type { AppConfig } from '../config/config';
import type { ComplianceSnapshot } from '../snapshot/snapshot';
import type { SnapshotService } from '../snapshot/snapshot.service';
import {
  ComplianceService,
  DEFAULT_FINDINGS_CACHE_ENTRIES,
  FindingsReport,
  present,
  serialise,
} from './compliance.service';
import { evaluate } from './engine';
import type { Finding } from './finding';
import { groupByRule, groupBySubject } from './groups';
import { healthTreatment, makeSnapshot, TEST_ORGANISATION } from './testing';

/** A snapshot source that counts its builds; `revision` is what the audit trail would say. */
class FakeSnapshots {
  revision_ = 'r1';
  builds: { slug: string; asOf: string }[] = [];
  failNext = 0;

  revision(slug: string): Promise<string> {
    return Promise.resolve(`${slug}@${this.revision_}`);
  }

  build(slug: string, asOf: string): Promise<ComplianceSnapshot> {
    this.builds.push({ slug, asOf });
    if (this.failNext > 0) {
      this.failNext -= 1;
      return Promise.reject(new Error('database went away'));
    }
    // A treatment without retention nor legal basis: the register rules have something to say.
    return Promise.resolve(
      makeSnapshot({
        asOf,
        organisation: { ...TEST_ORGANISATION, slug, name: `Clinique ${slug}` },
        treatments: [healthTreatment({ legalBasis: undefined, dataCategories: [] })],
      }),
    );
  }
}

function service(snapshots: FakeSnapshots, clock = new SettableClock('2026-06-01T08:00:00Z'), entries?: number) {
  const config = entries === undefined ? undefined : ({ cache: { findingsEntries: entries } } as AppConfig);
  return new ComplianceService(snapshots as unknown as SnapshotService, clock, config);
}

describe('ComplianceService', () => {
  let snapshots: FakeSnapshots;

  beforeEach(() => {
    snapshots = new FakeSnapshots();
  });

  it('defaults asOf to the day in Europe/Paris and the language to French', async () => {
    // 22:30 UTC on 1 June is 00:30 on 2 June in Paris (summer time).
    const checked = await service(snapshots, new SettableClock('2026-06-01T22:30:00Z')).check('org');
    expect(snapshots.builds).toEqual([{ slug: 'org', asOf: '2026-06-02' }]);
    expect(checked.report.asOf).toBe('2026-06-02');
    const expected = evaluate(checked.snapshot, 'fr');
    expect(expected.findings.length).toBeGreaterThan(0);
    expect(checked.report.findings).toEqual(expected.findings);
    expect(checked.report.summary).toEqual(expected.summary);
    expect(checked.report.findings).not.toEqual(evaluate(checked.snapshot, 'en').findings);
  });

  it('names the organisation from its snapshot and answers in the language asked', async () => {
    const checked = await service(snapshots).check('org', { asOf: '2026-03-01', lang: 'en' });
    expect(checked.report.organisation).toEqual({ slug: 'org', name: 'Clinique org' });
    expect(snapshots.builds).toEqual([{ slug: 'org', asOf: '2026-03-01' }]);
    expect(checked.report.findings).toEqual(evaluate(checked.snapshot, 'en').findings);
  });

  it('computes one answer per key, shared by concurrent and later callers', async () => {
    const svc = service(snapshots);
    const [a, b] = await Promise.all([svc.check('org'), svc.check('org')]);
    const c = await svc.check('org', { asOf: '2026-06-01', lang: 'fr' });
    expect(snapshots.builds).toHaveLength(1);
    expect(b).toBe(a);
    expect(c).toBe(a);
    expect(await svc.findings('org')).toBe(a.report);
    expect(snapshots.builds).toHaveLength(1);
  });

  it('computes again when the revision, the day, the language or the organisation changes', async () => {
    const svc = service(snapshots);
    const first = await svc.check('org');
    const otherDay = await svc.check('org', { asOf: '2026-06-02' });
    const english = await svc.check('org', { lang: 'en' });
    const otherOrg = await svc.check('other');
    snapshots.revision_ = 'r2';
    const afterWrite = await svc.check('org');
    expect(snapshots.builds).toEqual([
      { slug: 'org', asOf: '2026-06-01' },
      { slug: 'org', asOf: '2026-06-02' },
      { slug: 'org', asOf: '2026-06-01' },
      { slug: 'other', asOf: '2026-06-01' },
      { slug: 'org', asOf: '2026-06-01' },
    ]);
    const tags = [first, otherDay, english, otherOrg, afterWrite].map((c) => c.etag);
    expect(new Set(tags).size).toBe(5);
    for (const tag of tags) expect(tag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    // The same key names the same answer, in another service (another instance) too.
    expect((await service(new FakeSnapshots()).check('org')).etag).toBe(first.etag);
  });

  it('keeps the configured number of answers, the least recently used leaving first', async () => {
    const svc = service(snapshots, undefined, 2);
    await svc.check('a');
    await svc.check('b');
    await svc.check('a'); // a is now the most recently used
    await svc.check('c'); // evicts b
    await svc.check('a');
    expect(snapshots.builds.map((b) => b.slug)).toEqual(['a', 'b', 'c']);
    await svc.check('b');
    expect(snapshots.builds.map((b) => b.slug)).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps 32 answers when no configuration is given', async () => {
    expect(DEFAULT_FINDINGS_CACHE_ENTRIES).toBe(32);
    const svc = service(snapshots);
    for (let i = 0; i <= 32; i += 1) await svc.check(`o${i}`);
    await svc.check('o1');
    expect(snapshots.builds).toHaveLength(33);
    await svc.check('o0');
    expect(snapshots.builds).toHaveLength(34);
  });

  it('does not keep a failed computation', async () => {
    const svc = service(snapshots);
    snapshots.failNext = 1;
    await expect(svc.check('org')).rejects.toThrow('database went away');
    const checked = await svc.check('org');
    expect(checked.report.findings.length).toBeGreaterThan(0);
    expect(snapshots.builds).toHaveLength(2);
  });

  it('serialises the flat view once, as JSON.stringify would, and its bytes as UTF-8', async () => {
    const checked = await service(snapshots).check('org');
    const json = await checked.json();
    expect(json).toBe(JSON.stringify(checked.report));
    expect(checked.json()).toBe(checked.json());
    const bytes = await checked.bytes();
    expect(bytes.equals(Buffer.from(json, 'utf8'))).toBe(true);
    expect(await checked.bytes()).toBe(bytes);
  });

  it('serves the bytes first when they are asked first', async () => {
    const checked = await service(snapshots).check('org');
    const bytes = await checked.bytes();
    expect(bytes.toString('utf8')).toBe(JSON.stringify(checked.report));
    expect(await checked.json()).toBe(bytes.toString('utf8'));
  });

  it('makes each view and coding of the body once, compressed when large, as the view says', async () => {
    const checked = await service(snapshots).check('org');
    const flat = await checked.body('findings', 'br');
    expect(flat.coding).toBe('br');
    expect(brotliDecompressSync(flat.bytes).toString('utf8')).toBe(await checked.json());
    expect(await checked.body('findings', 'br')).toBe(flat);
    const gz = await checked.body('groups', 'gzip');
    expect(gz.coding).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.bytes).toString('utf8'))).toEqual(present(checked.report, 'groups', 'fr'));
    const subjects = await checked.body('subjects', 'identity');
    expect(subjects.coding).toBe('identity');
    expect(JSON.parse(subjects.bytes.toString('utf8'))).toEqual(present(checked.report, 'subjects', 'fr'));
    expect(await checked.body('subjects', 'identity')).toBe(subjects);
    expect(await checked.body('findings', 'identity')).toEqual({ coding: 'identity', bytes: await checked.bytes() });
  });

  it('groups the body of an English answer in English', async () => {
    const checked = await service(snapshots).check('org', { lang: 'en' });
    const body = await checked.body('groups', 'identity');
    expect(JSON.parse(body.bytes.toString('utf8'))).toEqual(present(checked.report, 'groups', 'en'));
    expect(JSON.parse(body.bytes.toString('utf8'))).not.toEqual(present(checked.report, 'groups', 'fr'));
  });

  it('presents the flat, per-rule and per-subject views', async () => {
    const svc = service(snapshots);
    const flat = await svc.report('org', { asOf: '2026-06-01' });
    const report = await svc.findings('org', { asOf: '2026-06-01' });
    expect(flat).toBe(report);
    const groups = await svc.report('org', { asOf: '2026-06-01', view: 'groups', lang: 'en' });
    const english = await svc.findings('org', { asOf: '2026-06-01', lang: 'en' });
    expect(groups).toEqual({
      organisation: english.organisation,
      asOf: english.asOf,
      summary: english.summary,
      view: 'groups',
      groups: groupByRule(english.findings, 'en'),
    });
    expect(groups).not.toHaveProperty('findings');
    const subjects = await svc.report('org', { view: 'subjects' });
    expect(subjects).toEqual({
      organisation: report.organisation,
      asOf: report.asOf,
      summary: report.summary,
      view: 'subjects',
      subjects: groupBySubject(report.findings),
    });
  });

  it('groups per rule in French unless told', async () => {
    const report = await service(snapshots).findings('org');
    const fr = present(report, 'groups', 'fr');
    expect(fr).toEqual(expect.objectContaining({ groups: groupByRule(report.findings, 'fr') }));
    expect(fr).not.toEqual(present(report, 'groups', 'en'));
    expect(await service(snapshots).report('org', { view: 'groups' })).toEqual(fr);
  });
});

describe('serialise', () => {
  const head = { organisation: { slug: 'o', name: 'Ô "é"' }, asOf: '2026-06-01' };
  const summary = { error: 1, warning: 2, info: 3, waived: 0 };
  const finding = (i: number) =>
    ({ id: `f${i}`, message: `ligne ${i} « ${'x'.repeat(i % 7)} »` }) as unknown as Finding;

  it.each([0, 1, 1999, 2000, 2001, 4500])('writes %i findings byte for byte as JSON.stringify', async (n) => {
    const report: FindingsReport = { ...head, summary, findings: Array.from({ length: n }, (_, i) => finding(i)) };
    const text = await serialise(report);
    expect(text).toBe(JSON.stringify(report));
  });
});

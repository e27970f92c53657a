import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, ORG, tempDatabase } from '../helpers';

/**
 * Issue 11 defect 10: `registre check` and `registre breach timeline` printed raw ESC and OSC
 * sequences held in names and titles. Human-readable output is stripped of control characters
 * (newline and tab kept); JSON output keeps the data as stored, escaped.
 */
const OSC_TITLE = '\u001b]0;pwned\u0007';
const RED = '\u001b[31m';
const LINK = '\u001b]8;;http://127.0.0.1/evil\u001b\\lien\u001b]8;;\u001b\\';
const CLEAR_C1 = '\u009b2J';

// eslint-disable-next-line no-control-regex -- the characters a terminal would obey
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('CLI output cannot drive the terminal (built CLI, real SQLite file)', () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  beforeAll(() => {
    const bundle = {
      format: 'registre-bundle',
      version: 1,
      organisation: { ...ORG, name: `Clinique ${OSC_TITLE}Test` },
      subcontractors: [{ key: 'host', name: `${RED}Rouge${'\u001b[0m'} Hébergement`, country: 'FR' }],
      engagements: [{ key: 'hosting', provider: 'host', breachNoticeHours: 48 }],
      treatments: [
        { key: 't', name: `Dossier ${LINK} ${CLEAR_C1}patient`, role: 'controller', uses: [{ engagement: 'hosting' }] },
      ],
      breaches: [
        {
          key: 'b',
          title: `Fuite\r${'\u001b[2K'} effacée\u0007`,
          riskLevel: 'risk',
          discoveredBy: 'host',
          providerAwareness: [{ subcontractor: 'host', at: '2026-05-01T10:00:00+02:00' }],
        },
      ],
    };
    const file = join(db.dir, 'hostile.json');
    writeFileSync(file, JSON.stringify(bundle));
    expect(cli(['import', file], db.path).code).toBe(0);
  });

  it('prints `check` without control characters, the text still readable', () => {
    const res = cli(['check', '--org', ORG.slug, '--as-of', '2026-06-01'], db.path);
    expect(res.code).toBe(1);
    expect(res.stdout).not.toMatch(CONTROL);
    expect(res.stdout).toContain('Clinique Test');
    expect(res.stdout).toContain('Dossier lien patient');
    expect(res.stdout).not.toContain('pwned');
  });

  it('prints `breach timeline` without control characters', () => {
    const res = cli(['breach', 'timeline', '--org', ORG.slug, '--id', 'b', '--as-of', '2026-06-01'], db.path);
    expect(res.stdout).not.toMatch(CONTROL);
    expect(res.stdout).toContain('Fuite effacée');
    expect(res.stdout).toContain('Rouge Hébergement →');
  });

  it('prints key names and errors without control characters', () => {
    const created = cli(['keys', 'create', '--name', `${RED}bob`, '--role', 'viewer', '--org', '*'], db.path);
    expect(created.code).toBe(0);
    const list = cli(['keys', 'list'], db.path);
    expect(list.stdout).toContain('bob');
    expect(list.stdout).not.toMatch(CONTROL);
    const missing = cli(['export', '--org', `x${OSC_TITLE}`], db.path);
    expect(missing.code).toBe(1);
    expect(missing.stderr).not.toMatch(CONTROL);
  });

  it('keeps the data as stored in JSON output (escaped, never raw)', () => {
    const res = cli(['check', '--org', ORG.slug, '--as-of', '2026-06-01', '--json'], db.path);
    expect(res.stdout).toContain('\\u001b]0;pwned\\u0007');
    const report = JSON.parse(res.stdout) as { organisation: { name: string } };
    expect(report.organisation.name).toBe(`Clinique ${OSC_TITLE}Test`);
    const exported = cli(['export', '--org', ORG.slug], db.path);
    expect((JSON.parse(exported.stdout) as { treatments: { name: string }[] }).treatments[0].name).toContain(CLEAR_C1);
  });
});

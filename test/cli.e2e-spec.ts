import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, SEED_SLUGS, SEEDS, tempDatabase } from './helpers';

describe('CLI registre (built binary, real SQLite file)', () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  it('seeds the four organisations, and a second run changes nothing', () => {
    const first = cli(['seed', '--json'], db.path);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const created = JSON.parse(first.stdout) as { organisation: string; action: string }[];
    expect(created.map((r) => [r.organisation, r.action])).toEqual(SEED_SLUGS.map((s) => [s, 'created']));
    const exported = SEED_SLUGS.map((slug) => cli(['export', '--org', slug], db.path).stdout);

    const second = cli(['seed', '--json'], db.path);
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as { action: string }[]).map((r) => r.action)).toEqual([
      'kept',
      'kept',
      'kept',
      'kept',
    ]);
    expect(SEED_SLUGS.map((slug) => cli(['export', '--org', slug], db.path).stdout)).toEqual(exported);

    const reset = cli(['seed', '--reset'], db.path);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toMatch(/replaced\s+desmos/);
    expect(SEED_SLUGS.map((slug) => cli(['export', '--org', slug], db.path).stdout)).toEqual(exported);
  });

  it('exports to a file and imports it into another database identically', () => {
    const out = join(db.dir, 'omnidoc.json');
    const exported = cli(['export', '--org', 'omnidoc', '--out', out], db.path);
    expect(exported.code).toBe(0);
    const other = tempDatabase();
    try {
      const imported = cli(['import', out], other.path);
      expect(imported.code).toBe(0);
      expect(imported.stdout).toMatch(/^imported omnidoc: \d+ subcontractors/);
      expect(cli(['export', '--org', 'omnidoc'], other.path).stdout).toBe(readFileSync(out, 'utf8'));
      // importing again without --replace is a conflict (1), with --replace it succeeds
      expect(cli(['import', out], other.path).code).toBe(1);
      expect(cli(['import', out, '--replace', '--json'], other.path).code).toBe(0);
    } finally {
      other.cleanup();
    }
  });

  it('reports a bad bundle with the record path, exit 1, and writes nothing', () => {
    const bundle = JSON.parse(readFileSync(join(SEEDS, 'oci-hds-client.json'), 'utf8')) as {
      organisation: { slug: string };
      certificates: Record<string, unknown>[];
    };
    bundle.organisation.slug = 'oci-copie';
    bundle.certificates[0].hdsActivities = ['couche-1'];
    const file = join(db.dir, 'bad.json');
    writeFileSync(file, JSON.stringify(bundle));
    const res = cli(['import', file], db.path);
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('certificates[0].hdsActivities');
    expect(cli(['export', '--org', 'oci-copie'], db.path).code).toBe(1);
  });

  // Usage errors and every command's help are tested in-process (src/cli/program.spec.ts); this checks
  // the built binary itself starts, prints its help and exits 0.
  it('prints its help and exits 0 (the built binary)', () => {
    const help = cli(['--help'], db.path);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: registre [options] [command]');
    expect(help.stderr).toBe('');
  });

  it('fails with exit 1 and a message for an unknown organisation or a missing file', () => {
    const unknown = cli(['export', '--org', 'nobody'], db.path);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('Organisation "nobody" was not found');
    const missing = cli(['import', join(db.dir, 'absent.json')], db.path);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  });
});

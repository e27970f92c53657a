import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../src/database/data-source-options';
import { tempDatabase } from './helpers';

/**
 * The legal-depth migration on a real SQLite file that already holds data: an engagement's one
 * transfer safeguard becomes a list of one, nothing else changes, and down brings it back.
 */
describe('migration LegalDepth1765300000000 on existing data', () => {
  const db = tempDatabase();
  afterAll(() => db.cleanup());

  const open = (migrations: (typeof MIGRATIONS)[number][]) =>
    new DataSource({ type: 'better-sqlite3', database: db.path, migrations, synchronize: false, logging: false });

  it('wraps the stored safeguard in a list, keeps the certificates, and reverts', async () => {
    const before = MIGRATIONS.filter((m) => m.name !== 'LegalDepth1765300000000');
    expect(before).toHaveLength(MIGRATIONS.length - 1);
    const old = await open(before).initialize();
    await old.runMigrations();
    const now = '2026-06-01T00:00:00.000Z';
    await old.query(
      `INSERT INTO organisations (id, slug, name, country, roles, created_at, updated_at) VALUES ('o', 'org', 'Org', 'FR', '["controller"]', ?, ?)`,
      [now, now],
    );
    await old.query(
      `INSERT INTO subcontractors (id, organisation_id, key, name, created_at, updated_at) VALUES ('s', 'o', 's', 'S', ?, ?)`,
      [now, now],
    );
    await old.query(
      `INSERT INTO certificates (id, organisation_id, key, subcontractor_id, kind, created_at, updated_at) VALUES ('c', 'o', 'c', 's', 'hds', ?, ?)`,
      [now, now],
    );
    await old.query(
      `INSERT INTO engagements (id, organisation_id, key, provider_id, transfer_safeguard, created_at, updated_at) VALUES ('e1', 'o', 'e1', 's', ?, ?, ?), ('e2', 'o', 'e2', 's', NULL, ?, ?)`,
      [JSON.stringify({ kind: 'scc-2021', sccModule: 'C2P' }), now, now, now, now],
    );
    await old.destroy();

    const current = await open([...MIGRATIONS]).initialize();
    await current.runMigrations();
    const rows = (await current.query('SELECT key, transfer_safeguards FROM engagements ORDER BY key')) as {
      key: string;
      transfer_safeguards: string | null;
    }[];
    expect(rows.map((r) => [r.key, r.transfer_safeguards ? JSON.parse(r.transfer_safeguards) : null])).toEqual([
      ['e1', [{ kind: 'scc-2021', sccModule: 'C2P' }]],
      ['e2', null],
    ]);
    const columns = (await current.query('PRAGMA table_info(engagements)')) as { name: string }[];
    expect(columns.map((c) => c.name)).not.toContain('transfer_safeguard');
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['listed_on', 'covered_by_certificate_id']));
    // The organisation can now hold certificates itself.
    await current.query(
      `INSERT INTO certificates (id, organisation_id, key, subcontractor_id, kind, created_at, updated_at) VALUES ('own', 'o', 'own', NULL, 'hds', ?, ?)`,
      [now, now],
    );
    expect((await current.query('SELECT count(*) AS n FROM certificates')) as { n: number }[]).toEqual([{ n: 2 }]);
    await current.query(`DELETE FROM certificates WHERE id = 'own'`);

    // SQLite rebuilds a table to drop a column; TypeORM turns foreign keys off only outside a transaction,
    // and a table dropped with them on takes the rows referring to it along (ON DELETE CASCADE).
    await current.undoLastMigration({ transaction: 'none' });
    const reverted = (await current.query('SELECT key, transfer_safeguard FROM engagements ORDER BY key')) as {
      key: string;
      transfer_safeguard: string | null;
    }[];
    expect(reverted.map((r) => [r.key, r.transfer_safeguard ? JSON.parse(r.transfer_safeguard) : null])).toEqual([
      ['e1', { kind: 'scc-2021', sccModule: 'C2P' }],
      ['e2', null],
    ]);
    await current.destroy();
  });
});

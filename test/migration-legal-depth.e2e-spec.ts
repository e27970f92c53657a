import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions, MIGRATIONS } from '../src/database/data-source-options';
import { databaseEnv, ENGINE, tempDatabase } from './helpers';

const LEGAL_DEPTH = 1765300000000;
const stamp = (m: (typeof MIGRATIONS)[number]) => Number(/\d{13}$/.exec(m.name)?.[0]);

/**
 * The legal-depth migration on a real database that already holds data (both engines): an engagement's one
 * transfer safeguard becomes a list of one, certificates keep their holder, nothing else changes, and down
 * brings it back.
 */
describe(`migration LegalDepth1765300000000 on existing data (${ENGINE})`, () => {
  const db = tempDatabase(ENGINE, { empty: true });
  afterAll(() => db.cleanup());
  // `$1, $2…` on PostgreSQL, `?` on SQLite.
  const p = (n: number) => (ENGINE === 'postgres' ? `$${n}` : '?');

  const open = (migrations: (typeof MIGRATIONS)[number][]) =>
    new DataSource({ ...dataSourceOptions(loadConfig(databaseEnv(db.path))), migrations, migrationsRun: false });

  it('wraps the stored safeguard in a list, keeps the certificates, and reverts', async () => {
    const before = MIGRATIONS.filter((m) => stamp(m) < LEGAL_DEPTH);
    const upTo = MIGRATIONS.filter((m) => stamp(m) <= LEGAL_DEPTH);
    expect(upTo.length).toBe(before.length + 1);
    const old = await open(before).initialize();
    await old.runMigrations();
    const now = '2026-06-01T00:00:00.000Z';
    await old.query(
      `INSERT INTO organisations (id, slug, name, country, roles, created_at, updated_at) VALUES ('o', 'org', 'Org', 'FR', '["controller"]', ${p(1)}, ${p(2)})`,
      [now, now],
    );
    await old.query(
      `INSERT INTO subcontractors (id, organisation_id, key, name, created_at, updated_at) VALUES ('s', 'o', 's', 'S', ${p(1)}, ${p(2)})`,
      [now, now],
    );
    await old.query(
      `INSERT INTO certificates (id, organisation_id, key, subcontractor_id, kind, created_at, updated_at) VALUES ('c', 'o', 'c', 's', 'hds', ${p(1)}, ${p(2)})`,
      [now, now],
    );
    await old.query(
      `INSERT INTO engagements (id, organisation_id, key, provider_id, transfer_safeguard, created_at, updated_at) VALUES ('e1', 'o', 'e1', 's', ${p(1)}, ${p(2)}, ${p(3)}), ('e2', 'o', 'e2', 's', NULL, ${p(4)}, ${p(5)})`,
      [JSON.stringify({ kind: 'scc-2021', sccModule: 'C2P' }), now, now, now, now],
    );
    await old.destroy();

    const current = await open(upTo).initialize();
    await current.runMigrations();
    const rows = await current.query<{ key: string; transfer_safeguards: string | null }[]>(
      'SELECT key, transfer_safeguards FROM engagements ORDER BY key',
    );
    expect(
      rows.map((r) => [r.key, r.transfer_safeguards ? (JSON.parse(r.transfer_safeguards) as unknown) : null]),
    ).toEqual([
      ['e1', [{ kind: 'scc-2021', sccModule: 'C2P' }]],
      ['e2', null],
    ]);
    const runner = current.createQueryRunner();
    const engagements = await runner.getTable('engagements');
    const certificates = await runner.getTable('certificates');
    await runner.release();
    const columns = engagements!.columns.map((c) => c.name);
    expect(columns).not.toContain('transfer_safeguard');
    expect(columns).toEqual(expect.arrayContaining(['listed_on', 'covered_by_certificate_id']));
    // The certificate keeps its holder, its index and its foreign key (not a dropped and re-added column).
    expect(await current.query<unknown[]>(`SELECT subcontractor_id FROM certificates WHERE id = 'c'`)).toEqual([
      { subcontractor_id: 's' },
    ]);
    expect(certificates!.indices.map((i) => i.name)).toContain('ix_certificates_subcontractor');
    expect(certificates!.foreignKeys.some((f) => f.columnNames.includes('subcontractor_id'))).toBe(true);
    // The organisation can now hold certificates itself.
    await current.query(
      `INSERT INTO certificates (id, organisation_id, key, subcontractor_id, kind, created_at, updated_at) VALUES ('own', 'o', 'own', NULL, 'hds', ${p(1)}, ${p(2)})`,
      [now, now],
    );
    const [count] = await current.query<{ n: number | string }[]>('SELECT count(*) AS n FROM certificates');
    expect(Number(count.n)).toBe(2);
    await current.query(`DELETE FROM certificates WHERE id = 'own'`);

    // SQLite rebuilds a table to drop a column; TypeORM turns foreign keys off only outside a transaction,
    // and a table dropped with them on takes the rows referring to it along (ON DELETE CASCADE).
    await current.undoLastMigration({ transaction: 'none' });
    const reverted = await current.query<{ key: string; transfer_safeguard: string | null }[]>(
      'SELECT key, transfer_safeguard FROM engagements ORDER BY key',
    );
    expect(
      reverted.map((r) => [r.key, r.transfer_safeguard ? (JSON.parse(r.transfer_safeguard) as unknown) : null]),
    ).toEqual([
      ['e1', { kind: 'scc-2021', sccModule: 'C2P' }],
      ['e2', null],
    ]);
    expect(await current.query<unknown[]>(`SELECT subcontractor_id FROM certificates WHERE id = 'c'`)).toEqual([
      { subcontractor_id: 's' },
    ]);
    await current.destroy();
  });
});

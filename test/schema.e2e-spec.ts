import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/config';
import { dataSourceOptions } from '../src/database/data-source-options';
import { databaseEnv, ENGINE, ROOT, tempDatabase, TestDatabase } from './helpers';

/** The statements TypeORM's schema builder would still run to make the database match the entities. */
async function pendingSchemaChanges(db: TestDatabase, tamper?: (ds: DataSource) => Promise<unknown>) {
  const dataSource = new DataSource(dataSourceOptions(loadConfig(databaseEnv(db.path))));
  await dataSource.initialize(); // runs the migrations
  try {
    if (tamper) await tamper(dataSource);
    return (await dataSource.driver.createSchemaBuilder().log()).upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}

describe(`entities and migrations describe the same schema (${ENGINE})`, () => {
  const db = tempDatabase(ENGINE, { empty: true });
  afterAll(() => db.cleanup());

  it('leaves the schema builder nothing to do after the migrations of a fresh database', async () => {
    expect(await pendingSchemaChanges(db)).toEqual([]);
  });

  it('makes `npm run typeorm -- migration:generate --check` find nothing on the migrated database', () => {
    const res = spawnSync(
      process.execPath,
      [
        join(ROOT, 'node_modules', 'typeorm', 'cli.js'),
        '-d',
        join(ROOT, 'dist', 'database', 'data-source.js'),
        'migration:generate',
        '--check',
        join(db.dir, 'Pending'),
      ],
      { env: { ...process.env, ...databaseEnv(db.path) }, encoding: 'utf8', timeout: 60_000 },
    );
    expect(res.stdout).toContain('No changes in database schema were found');
    expect(res.status).toBe(0);
  });

  it('would notice a missing index (the check can fail)', async () => {
    const other = tempDatabase(ENGINE, { empty: true });
    try {
      const pending = await pendingSchemaChanges(other, (ds) => ds.query('DROP INDEX "uq_alerts_org_dedupe"'));
      expect(pending.some((q) => /CREATE UNIQUE INDEX "uq_alerts_org_dedupe"/.test(q))).toBe(true);
    } finally {
      other.cleanup();
    }
  });
});

import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../src/config/config';
import { dataSourceOptions } from '../../src/database/data-source-options';
import { PgCluster, postgresBin, psql, startCluster } from './cluster';

/** The database every test database of the PostgreSQL pass is copied from: migrated once. */
export const TEMPLATE = 'registre_template';

declare global {
  var registrePostgres: PgCluster | undefined;
}

/**
 * Jest global set-up of the PostgreSQL project: a throw-away cluster (or the server named by
 * REGISTRE_TEST_POSTGRES_URL, a superuser URL), and a migrated template database. The helpers copy the
 * template for each test database (`CREATE DATABASE … TEMPLATE`), which is much faster than migrating.
 */
export default async function globalSetup(): Promise<void> {
  const external = process.env.REGISTRE_TEST_POSTGRES_URL?.trim();
  let adminUrl: string;
  let bin: string;
  if (external) {
    adminUrl = external;
    bin = postgresBin() ?? '/usr/bin';
  } else {
    const cluster = await startCluster();
    globalThis.registrePostgres = cluster;
    adminUrl = cluster.adminUrl;
    bin = cluster.bin;
  }
  try {
    psql(bin, adminUrl, `DROP DATABASE IF EXISTS ${TEMPLATE}`);
    psql(bin, adminUrl, `CREATE DATABASE ${TEMPLATE}`);
    const url = new URL(adminUrl);
    url.pathname = `/${TEMPLATE}`;
    const dataSource = new DataSource(dataSourceOptions(loadConfig({ DATABASE_URL: url.toString() })));
    await dataSource.initialize();
    await dataSource.destroy();
  } catch (error) {
    globalThis.registrePostgres?.stop();
    throw error;
  }
  process.env.REGISTRE_TEST_PG_ADMIN_URL = adminUrl;
  process.env.REGISTRE_TEST_PG_BIN = bin;
  process.env.REGISTRE_TEST_PG_TEMPLATE = TEMPLATE;
}

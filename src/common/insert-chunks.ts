import type { EntityManager } from 'typeorm';

/** Bound parameters per statement: under SQLite's limit (32 766) and PostgreSQL's (65 535). */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows with multi-row INSERT statements, as many rows per statement as the parameter limit
 * allows (at most 1 000), through the caller's EntityManager (its transaction). Every column is
 * written: the caller gives each row all its fields (null where empty).
 */
export async function insertInChunks<E extends object>(
  manager: EntityManager,
  entity: new () => E,
  rows: readonly E[],
): Promise<void> {
  if (!rows.length) return;
  const metadata = manager.connection.getMetadata(entity);
  const driver = manager.connection.driver;
  const columns = metadata.columns;
  const size = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / columns.length)));
  const head = `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((c) => driver.escape(c.databaseName)).join(', ')}) VALUES `;
  for (let i = 0; i < rows.length; i += size) {
    // Values converted as TypeORM would store them (JSON text, booleans), without its query builder.
    const parameters: unknown[] = [];
    const tuples: string[] = [];
    for (const row of rows.slice(i, i + size)) {
      const marks: string[] = [];
      for (const c of columns) {
        const value = (row as Record<string, unknown>)[c.propertyName];
        parameters.push(driver.preparePersistentValue(value === undefined ? null : value, c));
        marks.push(driver.createParameter(c.propertyName, parameters.length - 1));
      }
      tuples.push(`(${marks.join(', ')})`);
    }
    await manager.query(head + tuples.join(', '), parameters);
  }
}

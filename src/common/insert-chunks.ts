import type { EntityManager } from 'typeorm';

/** Bound parameters per statement: under SQLite's limit (32 766) and PostgreSQL's (65 535). */
const MAX_PARAMETERS = 30_000;

/**
 * Inserts rows with multi-row INSERT statements, as many rows per statement as the parameter limit
 * allows (at most 1 000), through the caller's EntityManager (its transaction).
 */
export async function insertInChunks<E extends object>(
  manager: EntityManager,
  entity: new () => E,
  rows: readonly E[],
): Promise<void> {
  if (!rows.length) return;
  const columns = manager.connection.getMetadata(entity).columns.length;
  const size = Math.max(1, Math.min(1000, Math.floor(MAX_PARAMETERS / columns)));
  for (let i = 0; i < rows.length; i += size) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(entity)
      .values(rows.slice(i, i + size))
      .updateEntity(false)
      .execute();
  }
}

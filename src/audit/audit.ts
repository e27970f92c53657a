import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { currentActor } from '../common/actor';
import { insertInChunks } from '../common/insert-chunks';
import { AuditEntity } from './audit.entity';

/** Fields never written to the audit trail. */
const SECRET_FIELDS = new Set(['secret']);

function clean(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  // Without a replacer first (a replacer is called for every key: a third of an import's audit rows):
  // JSON writes a key as `"secret":`, and no string value can contain that unescaped.
  const text = JSON.stringify(value);
  if (!text.includes('"secret":')) return text;
  return JSON.stringify(value, (k, v: unknown) => (SECRET_FIELDS.has(k) ? '(secret)' : v));
}

/**
 * Appends one audit row through the writer's own EntityManager, so it commits or rolls back with the
 * write it describes. Nothing in the application updates or deletes audit rows. `at` is the writer's
 * instant (from its Clock), the same it stamps on the record.
 */
export interface AuditEntry {
  organisationId: string | null;
  at: string;
  action: string;
  entity: string;
  key: string;
  before?: unknown;
  after?: unknown;
}

export async function audit(manager: EntityManager, entry: AuditEntry): Promise<void> {
  await manager.insert(AuditEntity, auditRow(entry));
  await newRevision(manager, [entry.organisationId]);
}

/** Audit rows of many writes (an import), in multi-row inserts, in the writer's transaction. */
export async function auditMany(manager: EntityManager, entries: readonly AuditEntry[]): Promise<void> {
  await insertInChunks(manager, AuditEntity, entries.map(auditRow));
  await newRevision(
    manager,
    entries.map((e) => e.organisationId),
  );
}

/**
 * Every audited write gives its organisation a new revision token in the same transaction: answers
 * cached under the old one are never served again, on any instance. A random token rather than a
 * counter, so that a database restored from a backup never reissues a token already used for other data.
 */
async function newRevision(manager: EntityManager, organisationIds: readonly (string | null)[]): Promise<void> {
  for (const id of new Set(organisationIds)) {
    if (id === null) continue;
    await manager
      .createQueryBuilder()
      // By table name: `organisations` imports `audit`, so the entity class is not imported here.
      .update('organisations')
      .set({ revision: randomUUID() })
      .where('id = :id', { id })
      .execute();
  }
}

function auditRow(entry: AuditEntry): AuditEntity {
  const actor = currentActor();
  return {
    id: randomUUID(),
    organisationId: entry.organisationId,
    at: entry.at,
    actorId: actor.id,
    actorName: actor.name,
    action: entry.action,
    entity: entry.entity,
    entityKey: entry.key,
    before: clean(entry.before),
    after: clean(entry.after),
  };
}

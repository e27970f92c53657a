import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { cascade, id, int, str, text, uniqueIndex } from '../migration-columns';

/** API keys, the audit trail and published register versions. */
export class Access1764400000000 implements MigrationInterface {
  name = 'Access1764400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'api_keys',
        columns: [
          id(),
          str('name', 120, false),
          str('role', 16, false),
          text('organisations'),
          str('secret_hash', 64, false),
          str('expires_at', 40),
          str('revoked_at', 40),
          str('created_at', 40, false),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_log',
        columns: [
          id(),
          str('organisation_id', 36),
          str('at', 40, false),
          str('actor_id', 64, false),
          str('actor_name', 120, false),
          str('action', 24, false),
          str('entity', 60, false),
          str('entity_key', 120, false),
          text('before'),
          text('after'),
        ],
        indices: [new TableIndex({ name: 'ix_audit_org_at', columnNames: ['organisation_id', 'at'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'register_versions',
        columns: [
          id(),
          str('organisation_id', 36, false),
          int('number'),
          str('fingerprint', 64, false),
          text('data', false),
          str('note', 1000),
          str('published_at', 40, false),
          str('published_by', 200, false),
        ],
        foreignKeys: [cascade('organisation_id', 'organisations')],
        indices: [uniqueIndex('uq_versions_org_number', ['organisation_id', 'number'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('register_versions');
    await q.dropTable('audit_log');
    await q.dropTable('api_keys');
  }
}

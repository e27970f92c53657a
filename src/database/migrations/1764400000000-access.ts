import { MigrationInterface, QueryRunner, Table, TableColumnOptions, TableForeignKey, TableIndex } from 'typeorm';

const str = (name: string, length: number, nullable = true): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
const id = (): TableColumnOptions => ({ name: 'id', type: 'varchar', length: '36', isPrimary: true });

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
          { name: 'organisations', type: 'text', isNullable: true },
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
          { name: 'before', type: 'text', isNullable: true },
          { name: 'after', type: 'text', isNullable: true },
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
          { name: 'number', type: 'integer', isNullable: true },
          str('fingerprint', 64, false),
          { name: 'data', type: 'text' },
          str('note', 1000),
          str('published_at', 40, false),
          str('published_by', 200, false),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['organisation_id'],
            referencedTableName: 'organisations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
        indices: [
          new TableIndex({
            name: 'uq_versions_org_number',
            columnNames: ['organisation_id', 'number'],
            isUnique: true,
          }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('register_versions');
    await q.dropTable('audit_log');
    await q.dropTable('api_keys');
  }
}

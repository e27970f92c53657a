import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';

/** Personal-data breaches and the notifications sent for them (GDPR art. 33, 34). */
export class Breaches1764200000000 implements MigrationInterface {
  name = 'Breaches1764200000000';

  async up(q: QueryRunner): Promise<void> {
    const text = (name: string) => ({ name, type: 'text', isNullable: true });
    const str = (name: string, length: number, nullable = true) => ({
      name,
      type: 'varchar',
      length: String(length),
      isNullable: nullable,
    });
    await q.createTable(
      new Table({
        name: 'breaches',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          str('organisation_id', 36, false),
          str('key', 80, false),
          str('created_at', 40, false),
          str('updated_at', 40, false),
          str('title', 300, false),
          text('nature'),
          str('occurred_at', 40),
          str('discovered_by_id', 36),
          str('organisation_aware_at', 40),
          text('provider_awareness'),
          str('risk_level', 16, false),
          text('data_categories'),
          text('subject_categories'),
          { name: 'approx_subjects', type: 'integer', isNullable: true },
          { name: 'approx_records', type: 'integer', isNullable: true },
          text('consequences'),
          text('measures'),
          text('treatments'),
          text('notifications'),
          text('delay_reasons'),
          text('source'),
        ],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['organisation_id'],
            referencedTableName: 'organisations',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            columnNames: ['discovered_by_id'],
            referencedTableName: 'subcontractors',
            referencedColumnNames: ['id'],
          }),
        ],
        indices: [
          new TableIndex({ name: 'uq_breaches_org_key', columnNames: ['organisation_id', 'key'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('breaches');
  }
}

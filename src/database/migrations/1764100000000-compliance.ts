import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';

/**
 * Waivers of findings; HDS activities performed in-house; whether an engagement carries health data and
 * whether its contract places processing in the EU/EEA without naming countries.
 */
export class Compliance1764100000000 implements MigrationInterface {
  name = 'Compliance1764100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'treatments',
      new TableColumn({ name: 'hds_activities_in_house', type: 'text', isNullable: true }),
    );
    await q.addColumn('engagements', new TableColumn({ name: 'health_data', type: 'boolean', isNullable: true }));
    await q.addColumn(
      'engagements',
      new TableColumn({ name: 'processing_area', type: 'varchar', length: '8', isNullable: true }),
    );
    await q.createTable(
      new Table({
        name: 'waivers',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          { name: 'organisation_id', type: 'varchar', length: '36' },
          { name: 'key', type: 'varchar', length: '80' },
          { name: 'created_at', type: 'varchar', length: '40' },
          { name: 'updated_at', type: 'varchar', length: '40' },
          { name: 'finding_id', type: 'varchar', length: '300' },
          { name: 'reason', type: 'text' },
          { name: 'until', type: 'varchar', length: '10', isNullable: true },
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
          new TableIndex({ name: 'uq_waivers_org_key', columnNames: ['organisation_id', 'key'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('waivers');
    await q.dropColumn('engagements', 'processing_area');
    await q.dropColumn('engagements', 'health_data');
    await q.dropColumn('treatments', 'hds_activities_in_house');
  }
}

import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { cascade, date, orgRecord, str, text, uniqueIndex } from '../migration-columns';

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
        columns: [...orgRecord(), str('finding_id', 300, false), text('reason', false), date('until')],
        foreignKeys: [cascade('organisation_id', 'organisations')],
        indices: [uniqueIndex('uq_waivers_org_key', ['organisation_id', 'key'])],
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

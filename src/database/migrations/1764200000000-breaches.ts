import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { cascade, fk, int, orgRecord, str, text, uniqueIndex } from '../migration-columns';

/** Personal-data breaches and the notifications sent for them (GDPR art. 33, 34). */
export class Breaches1764200000000 implements MigrationInterface {
  name = 'Breaches1764200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'breaches',
        columns: [
          ...orgRecord(),
          str('title', 300, false),
          text('nature'),
          str('occurred_at', 40),
          str('discovered_by_id', 36),
          str('organisation_aware_at', 40),
          text('provider_awareness'),
          str('risk_level', 16, false),
          text('data_categories'),
          text('subject_categories'),
          int('approx_subjects'),
          int('approx_records'),
          text('consequences'),
          text('measures'),
          text('treatments'),
          text('notifications'),
          text('delay_reasons'),
          text('source'),
        ],
        foreignKeys: [cascade('organisation_id', 'organisations'), fk('discovered_by_id', 'subcontractors')],
        indices: [uniqueIndex('uq_breaches_org_key', ['organisation_id', 'key'])],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('breaches');
  }
}

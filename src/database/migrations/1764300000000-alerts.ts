import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, cascade, id, int, orgRecord, str, text, uniqueIndex } from '../migration-columns';

/** Alert channels, alerts (unique per organisation and dedupe key) and their deliveries. */
export class Alerts1764300000000 implements MigrationInterface {
  name = 'Alerts1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'alert_channels',
        columns: [
          ...orgRecord(),
          str('kind', 16, false),
          text('url'),
          text('secret'),
          text('recipients'),
          str('lang', 2),
          bool('enabled'),
        ],
        foreignKeys: [cascade('organisation_id', 'organisations')],
        indices: [uniqueIndex('uq_alert_channels_org_key', ['organisation_id', 'key'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'alerts',
        columns: [
          id(),
          str('organisation_id', 36, false),
          str('dedupe_key', 300, false),
          str('kind', 40, false),
          str('subject_type', 40, false),
          str('subject_key', 80, false),
          str('subject_name', 300, false),
          str('threshold', 20),
          str('due', 40),
          text('message_fr', false),
          text('message_en', false),
          text('treatments'),
          str('as_of', 10, false),
          str('created_at', 40, false),
          str('acknowledged_at', 40),
          text('acknowledged_note'),
        ],
        foreignKeys: [cascade('organisation_id', 'organisations')],
        indices: [uniqueIndex('uq_alerts_org_dedupe', ['organisation_id', 'dedupe_key'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'alert_deliveries',
        columns: [
          id(),
          str('alert_id', 36, false),
          str('channel_id', 36, false),
          str('status', 16, false),
          int('attempts'),
          text('last_error'),
          str('next_attempt_at', 40),
          str('delivered_at', 40),
          str('claimed_by', 36),
          str('created_at', 40, false),
        ],
        foreignKeys: [cascade('alert_id', 'alerts'), cascade('channel_id', 'alert_channels')],
        indices: [
          uniqueIndex('uq_alert_deliveries', ['alert_id', 'channel_id']),
          new TableIndex({ name: 'ix_alert_deliveries_status', columnNames: ['status'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('alert_deliveries');
    await q.dropTable('alerts');
    await q.dropTable('alert_channels');
  }
}

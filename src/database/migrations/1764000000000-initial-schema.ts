import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import {
  bool,
  cascade,
  date,
  fk,
  id,
  instant,
  int,
  orgRecord,
  ref,
  str,
  text,
  uniqueIndex,
} from '../migration-columns';

const toOrganisation = () => cascade('organisation_id', 'organisations');
const uniqueKey = (table: string) => uniqueIndex(`uq_${table}_org_key`, ['organisation_id', 'key']);

export class InitialSchema1764000000000 implements MigrationInterface {
  name = 'InitialSchema1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'organisations',
        columns: [
          id(),
          { ...str('slug', 64, false), isUnique: true },
          str('name', 300, false),
          text('description'),
          str('registration_id', 64),
          str('country', 2, false),
          text('address'),
          text('roles'),
          text('contact'),
          text('dpo'),
          text('representative'),
          text('security_measures'),
          text('processor_terms'),
          text('settings'),
          text('notes'),
          text('source'),
          instant('created_at', false),
          instant('updated_at', false),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subcontractors',
        columns: [
          ...orgRecord(),
          str('name', 300, false),
          str('legal_name'),
          str('registration_id', 64),
          str('country', 2),
          str('parent_group'),
          str('parent_country', 2),
          text('address'),
          text('website'),
          text('contact'),
          bool('dpf_certified'),
          text('guarantees'),
          text('description'),
          text('source'),
        ],
        foreignKeys: [toOrganisation()],
        indices: [uniqueKey('subcontractors')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'certificates',
        columns: [
          ...orgRecord(),
          ref('subcontractor_id'),
          str('kind', 32, false),
          str('edition'),
          str('hds_referential', 8),
          str('number'),
          str('issuer'),
          text('hds_activities'),
          text('scope'),
          date('valid_from'),
          date('valid_to'),
          text('evidence_url'),
          text('notes'),
          text('source'),
        ],
        foreignKeys: [toOrganisation(), fk('subcontractor_id', 'subcontractors')],
        indices: [
          uniqueKey('certificates'),
          new TableIndex({ name: 'ix_certificates_subcontractor', columnNames: ['subcontractor_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'engagements',
        columns: [
          ...orgRecord(),
          ref('provider_id'),
          ref('client_id', true),
          text('services'),
          text('hds_activities'),
          text('processing_countries'),
          text('access_countries'),
          date('dpa_signed_on'),
          str('dpa_reference'),
          int('breach_notice_hours'),
          int('objection_window_days'),
          str('authorisation', 16),
          text('transfer_safeguard'),
          text('foreign_law_assessment'),
          text('term'),
          text('deadlines'),
          text('notes'),
          text('source'),
        ],
        foreignKeys: [toOrganisation(), fk('provider_id', 'subcontractors'), fk('client_id', 'subcontractors')],
        indices: [
          uniqueKey('engagements'),
          new TableIndex({ name: 'ix_engagements_provider', columnNames: ['provider_id'] }),
          new TableIndex({ name: 'ix_engagements_client', columnNames: ['client_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'treatments',
        columns: [
          ...orgRecord(),
          str('name', 300, false),
          text('description'),
          str('role', 20, false),
          str('status', 20, false),
          text('controllers'),
          text('joint_controllers'),
          text('purposes'),
          text('legal_basis'),
          text('data_subjects'),
          text('data_categories'),
          text('retention'),
          text('recipients'),
          text('transfers'),
          text('security_measures'),
          text('notes'),
          text('source'),
        ],
        foreignKeys: [toOrganisation()],
        indices: [uniqueKey('treatments')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'treatment_uses',
        columns: [id(), ref('treatment_id'), ref('engagement_id'), int('position'), text('purpose')],
        foreignKeys: [
          new TableForeignKey({
            columnNames: ['treatment_id'],
            referencedTableName: 'treatments',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          fk('engagement_id', 'engagements'),
        ],
        indices: [
          new TableIndex({ name: 'uq_treatment_uses', columnNames: ['treatment_id', 'engagement_id'], isUnique: true }),
          new TableIndex({ name: 'ix_treatment_uses_engagement', columnNames: ['engagement_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'subprocessor_changes',
        columns: [
          ...orgRecord(),
          ref('engagement_id'),
          ref('subprocessor_id'),
          str('kind', 16, false),
          ref('replaces_id', true),
          instant('notice_received_at', false),
          date('planned_effective_on'),
          text('objection'),
          text('notes'),
          text('source'),
        ],
        foreignKeys: [
          toOrganisation(),
          fk('engagement_id', 'engagements'),
          fk('subprocessor_id', 'subcontractors'),
          fk('replaces_id', 'subcontractors'),
        ],
        indices: [uniqueKey('subprocessor_changes')],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'subprocessor_changes',
      'treatment_uses',
      'treatments',
      'engagements',
      'certificates',
      'subcontractors',
      'organisations',
    ]) {
      await q.dropTable(table);
    }
  }
}

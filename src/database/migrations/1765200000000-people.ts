import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { bool, cascade, id, instant, int, ref, str, text, uniqueIndex } from '../migration-columns';

/** People of the web application (users, sessions, refused sign-ins) and documents prepared in the background. */
export class People1765200000000 implements MigrationInterface {
  name = 'People1765200000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          id(),
          str('email', 254, false),
          str('name', 120, false),
          str('password_hash', 200, false),
          text('grants'),
          bool('must_change_password'),
          instant('disabled_at'),
          instant('last_sign_in_at'),
          instant('password_changed_at'),
          instant('created_at', false),
          instant('updated_at', false),
        ],
        indices: [uniqueIndex('uq_users_email', ['email'])],
      }),
    );
    await q.createTable(
      new Table({
        name: 'web_sessions',
        columns: [
          id(),
          ref('user_id'),
          str('token_hash', 64, false),
          instant('created_at', false),
          instant('last_seen_at', false),
          instant('expires_at', false),
          instant('ended_at'),
          str('user_agent', 200),
          str('client', 64),
        ],
        foreignKeys: [cascade('user_id', 'users')],
        indices: [
          uniqueIndex('uq_web_sessions_token', ['token_hash']),
          new TableIndex({ name: 'ix_web_sessions_user', columnNames: ['user_id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sign_in_failures',
        columns: [id(), str('email', 254, false), str('client', 64, false), instant('at', false)],
        indices: [
          new TableIndex({ name: 'ix_sign_in_failures_email', columnNames: ['email', 'at'] }),
          new TableIndex({ name: 'ix_sign_in_failures_client', columnNames: ['client', 'at'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'document_jobs',
        columns: [
          id(),
          ref('organisation_id'),
          str('requested_by', 64, false),
          str('title', 300, false),
          text('request'),
          str('status', 16, false),
          int('progress'),
          str('stage', 40),
          text('error'),
          str('filename', 300),
          text('result'),
          instant('created_at', false),
          instant('updated_at', false),
        ],
        foreignKeys: [cascade('organisation_id', 'organisations')],
        indices: [new TableIndex({ name: 'ix_document_jobs_org', columnNames: ['organisation_id', 'created_at'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('document_jobs');
    await q.dropTable('sign_in_failures');
    await q.dropTable('web_sessions');
    await q.dropTable('users');
  }
}

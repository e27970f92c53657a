import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * An organisation's revision: a token written anew (a random UUID) by every audited write to it, in the
 * write's transaction. Cached answers (findings, documents) key on it; reading it is one row by its
 * unique slug, where counting the audit trail grew with the trail. Null until the first write after
 * this migration: the key then still holds the organisation's id, and the next write moves it.
 */
export class OrganisationRevision1765400000000 implements MigrationInterface {
  name = 'OrganisationRevision1765400000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'organisations',
      new TableColumn({ name: 'revision', type: 'varchar', length: '36', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('organisations', 'revision');
  }
}

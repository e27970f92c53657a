import { MigrationInterface, QueryRunner, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { bool, date, ref, str, text } from '../migration-columns';

/**
 * What real contracts and sub-processor lists state (issue 13): the organisation's own certificates
 * and claims; the entity a certificate names and the services its scope covers; per-service HDS
 * scopes, coverage by the certificate of the actor above, DPA version and list dates, worldwide
 * access, several transfer safeguards (with their impact assessments) per engagement; a treatment's
 * DPIA and whether it keeps patient records.
 */
export class LegalDepth1765300000000 implements MigrationInterface {
  name = 'LegalDepth1765300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('organisations', new TableColumn(text('guarantees')));

    await subcontractorOptional(q, true);
    await q.addColumns('certificates', [
      new TableColumn(str('certified_entity')),
      new TableColumn(str('certified_entity_country', 2)),
      new TableColumn(text('services')),
    ]);

    // One safeguard becomes a list of safeguards: the stored object is wrapped, nothing is lost.
    await q.addColumn('engagements', new TableColumn(text('transfer_safeguards')));
    const rows = (await q.query(
      'SELECT id, transfer_safeguard FROM engagements WHERE transfer_safeguard IS NOT NULL',
    )) as { id: string; transfer_safeguard: string }[];
    for (const row of rows) {
      const value = `[${row.transfer_safeguard}]`;
      await q.query(
        q.connection.driver.options.type === 'postgres'
          ? 'UPDATE engagements SET transfer_safeguards = $1 WHERE id = $2'
          : 'UPDATE engagements SET transfer_safeguards = ? WHERE id = ?',
        [value, row.id],
      );
    }
    await q.dropColumn('engagements', 'transfer_safeguard');
    await q.addColumns('engagements', [
      new TableColumn(text('service_scopes')),
      new TableColumn(ref('covered_by_certificate_id', true)),
      new TableColumn(bool('access_worldwide')),
      new TableColumn(text('access_except_countries')),
      new TableColumn(str('dpa_version', 64)),
      new TableColumn(date('dpa_version_date')),
      new TableColumn(date('listed_on')),
      new TableColumn(date('removed_on')),
    ]);
    await q.createForeignKey(
      'engagements',
      new TableForeignKey({
        columnNames: ['covered_by_certificate_id'],
        referencedTableName: 'certificates',
        referencedColumnNames: ['id'],
      }),
    );
    await q.createIndex(
      'engagements',
      new TableIndex({ name: 'ix_engagements_covered_by_certificate', columnNames: ['covered_by_certificate_id'] }),
    );

    await q.addColumns('treatments', [new TableColumn(text('dpia')), new TableColumn(bool('patient_record'))]);
  }

  /**
   * On SQLite, revert with `undoLastMigration({ transaction: 'none' })`: dropping a column rebuilds the
   * table, and only outside a transaction does TypeORM turn foreign keys off for it (with them on, the
   * rebuilt table's rows would take their referring rows along).
   */
  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('treatments', ['dpia', 'patient_record']);
    await q.dropIndex('engagements', 'ix_engagements_covered_by_certificate');
    const table = await q.getTable('engagements');
    const foreignKey = table?.foreignKeys.find((f) => f.columnNames.includes('covered_by_certificate_id'));
    if (foreignKey) await q.dropForeignKey('engagements', foreignKey);
    await q.dropColumns('engagements', [
      'service_scopes',
      'covered_by_certificate_id',
      'access_worldwide',
      'access_except_countries',
      'dpa_version',
      'dpa_version_date',
      'listed_on',
      'removed_on',
    ]);
    // Back to one safeguard: the first of the list (the others cannot be kept in one column).
    await q.addColumn('engagements', new TableColumn(text('transfer_safeguard')));
    const rows = (await q.query(
      'SELECT id, transfer_safeguards FROM engagements WHERE transfer_safeguards IS NOT NULL',
    )) as { id: string; transfer_safeguards: string }[];
    for (const row of rows) {
      const [first] = JSON.parse(row.transfer_safeguards) as unknown[];
      await q.query(
        q.connection.driver.options.type === 'postgres'
          ? 'UPDATE engagements SET transfer_safeguard = $1 WHERE id = $2'
          : 'UPDATE engagements SET transfer_safeguard = ? WHERE id = ?',
        [first === undefined ? null : JSON.stringify(first), row.id],
      );
    }
    await q.dropColumn('engagements', 'transfer_safeguards');
    await q.dropColumns('certificates', ['certified_entity', 'certified_entity_country', 'services']);
    await subcontractorOptional(q, false);
    await q.dropColumn('organisations', 'guarantees');
  }
}

/**
 * A certificate's holder becomes optional (the organisation itself may hold one). On PostgreSQL only the
 * constraint changes: TypeORM's changeColumn there would drop and re-add the column (its type reads back
 * as "character varying", not "varchar"), losing the data, the index and the foreign key. On SQLite,
 * changeColumn rebuilds the table with its rows, index and foreign key.
 */
async function subcontractorOptional(q: QueryRunner, optional: boolean): Promise<void> {
  if (q.connection.driver.options.type === 'postgres') {
    await q.query(`ALTER TABLE "certificates" ALTER COLUMN "subcontractor_id" ${optional ? 'DROP' : 'SET'} NOT NULL`);
    return;
  }
  await q.changeColumn('certificates', 'subcontractor_id', new TableColumn(ref('subcontractor_id', optional)));
}

import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/** A published version records the versions of the legal reference data it was published with. */
export class VersionReference1764500000000 implements MigrationInterface {
  name = 'VersionReference1764500000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'register_versions',
      new TableColumn({ name: 'reference_versions', type: 'text', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('register_versions', 'reference_versions');
  }
}

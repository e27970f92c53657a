import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';

/**
 * A claimed delivery carries a lease: when the process sending it dies, the claim expires and the next
 * scan sends it again (same delivery id, so that the receiver can tell a repeat).
 */
export class DeliveryLeases1765000000000 implements MigrationInterface {
  name = 'DeliveryLeases1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn(
      'alert_deliveries',
      new TableColumn({ name: 'lease_expires_at', type: 'varchar', length: '40', isNullable: true }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('alert_deliveries', 'lease_expires_at');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report downloads (issue 16) walk a platform's invoices by (period start, id), its credit notes by (created at, id)
 * and its payments by (paid at, id) in keyset batches: each batch is one index range, whatever the volume before it.
 */
export class ReportIndexes1763700001610 implements MigrationInterface {
  name = 'ReportIndexes1763700001610';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE INDEX invoices_platform_period ON invoices (platform_id, period_start, id)`);
    await runner.query(`CREATE INDEX credit_notes_platform_created ON credit_notes (platform_id, created_at, id)`);
    await runner.query(`CREATE INDEX payments_platform_paid ON payments (platform_id, paid_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const index of ['payments_platform_paid', 'credit_notes_platform_created', 'invoices_platform_period'])
      await runner.query(`DROP INDEX ${index}`);
  }
}

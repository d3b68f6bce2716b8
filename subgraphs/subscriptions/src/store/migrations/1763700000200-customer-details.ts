import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customer billing details, metadata and archiving (issue 5). */
export class CustomerDetails1763700000200 implements MigrationInterface {
  name = 'CustomerDetails1763700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE customers
        ADD COLUMN email            text,
        ADD COLUMN country          char(2),
        ADD COLUMN billing_address  jsonb,
        ADD COLUMN tax_id           text,
        ADD COLUMN tax_rate         numeric CHECK (tax_rate >= 0 AND tax_rate <= 100),
        ADD COLUMN metadata         jsonb NOT NULL DEFAULT '{}',
        ADD COLUMN archived_at      timestamptz,
        ADD COLUMN updated_at       timestamptz`);
    await runner.query(`UPDATE customers SET updated_at = created_at`);
    await runner.query(`ALTER TABLE customers ALTER COLUMN updated_at SET NOT NULL`);
    // Search by name, reference or email: trigram-free, prefix and substring on lower-case text.
    await runner.query(`CREATE INDEX customers_platform_email ON customers (platform_id, lower(email))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX customers_platform_email`);
    await runner.query(`ALTER TABLE customers DROP COLUMN email, DROP COLUMN country, DROP COLUMN billing_address, DROP COLUMN tax_id,
      DROP COLUMN tax_rate, DROP COLUMN metadata, DROP COLUMN archived_at, DROP COLUMN updated_at`);
  }
}

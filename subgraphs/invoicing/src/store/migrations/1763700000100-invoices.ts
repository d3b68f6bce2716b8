import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Invoices1763700000100 implements MigrationInterface {
  name = 'Invoices1763700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE invoices (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id   uuid NOT NULL,
        customer_id   uuid NOT NULL,
        number        text,
        status        text NOT NULL CHECK (status IN ('DRAFT', 'ISSUED', 'PAID', 'VOID')),
        currency      char(3) NOT NULL,
        period_start  timestamptz NOT NULL,
        period_end    timestamptz NOT NULL,
        total         numeric NOT NULL DEFAULT 0,
        created_at    timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX invoices_platform_number ON invoices (platform_id, number) WHERE number IS NOT NULL`);
    await runner.query(`CREATE INDEX invoices_platform_created ON invoices (platform_id, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE invoices`);
  }
}

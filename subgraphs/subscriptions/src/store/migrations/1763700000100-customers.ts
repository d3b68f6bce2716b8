import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Customers1763700000100 implements MigrationInterface {
  name = 'Customers1763700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customers (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        reference    text NOT NULL,
        name         text NOT NULL,
        currency     char(3) NOT NULL,
        created_at   timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`CREATE UNIQUE INDEX customers_platform_reference ON customers (platform_id, reference)`);
    await runner.query(`CREATE INDEX customers_platform_created ON customers (platform_id, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE customers`);
  }
}

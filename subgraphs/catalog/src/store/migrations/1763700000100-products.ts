import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Products1763700000100 implements MigrationInterface {
  name = 'Products1763700000100';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE products (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        reference    text NOT NULL,
        name         text NOT NULL,
        status       text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'DEPRECATED', 'ARCHIVED')),
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX products_platform_reference ON products (platform_id, reference)`);
    await runner.query(`CREATE INDEX products_platform_created ON products (platform_id, created_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE products`);
  }
}

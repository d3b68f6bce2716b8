import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Product items, features, pricing plans with versions, prices and entitlements (issue 3). */
export class Catalog1763700000200 implements MigrationInterface {
  name = 'Catalog1763700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE products
        ADD COLUMN description      text,
        ADD COLUMN position         integer NOT NULL DEFAULT 0,
        ADD COLUMN previous_status  text,
        ADD COLUMN updated_at       timestamptz`);
    await runner.query(`UPDATE products SET updated_at = created_at`);
    await runner.query(`ALTER TABLE products ALTER COLUMN updated_at SET NOT NULL`);
    await runner.query(`
      CREATE TABLE product_items (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id       uuid NOT NULL,
        product_id        uuid NOT NULL REFERENCES products (id),
        reference         text NOT NULL,
        name              text NOT NULL,
        charge_type       text NOT NULL CHECK (charge_type IN ('USAGE', 'RECURRING', 'SEAT', 'ONE_OFF')),
        meter_reference   text,
        metric_reference  text,
        deduction         boolean NOT NULL DEFAULT false,
        unit_label        text,
        position          integer NOT NULL DEFAULT 0,
        created_at        timestamptz NOT NULL,
        updated_at        timestamptz NOT NULL,
        CHECK ((charge_type = 'USAGE') = (metric_reference IS NOT NULL))
      )`);
    await runner.query(`CREATE UNIQUE INDEX product_items_platform_reference ON product_items (platform_id, reference)`);
    await runner.query(`CREATE INDEX product_items_product ON product_items (product_id, position)`);
    await runner.query(`
      CREATE TABLE features (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        reference    text NOT NULL,
        name         text NOT NULL,
        description  text,
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX features_platform_reference ON features (platform_id, reference)`);
    await runner.query(`CREATE INDEX features_platform_created ON features (platform_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE pricing_plans (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        reference    text NOT NULL,
        name         text NOT NULL,
        description  text,
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX pricing_plans_platform_reference ON pricing_plans (platform_id, reference)`);
    await runner.query(`CREATE INDEX pricing_plans_platform_created ON pricing_plans (platform_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE plan_versions (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id         uuid NOT NULL,
        plan_id             uuid NOT NULL REFERENCES pricing_plans (id),
        version             integer NOT NULL,
        status              text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'DEPRECATED', 'ARCHIVED')),
        previous_status     text,
        currency            char(3) NOT NULL,
        billing_period      text NOT NULL CHECK (billing_period IN ('MONTH', 'QUARTER', 'YEAR')),
        minimum_commitment  numeric CHECK (minimum_commitment >= 0),
        line_order          jsonb,
        created_at          timestamptz NOT NULL,
        activated_at        timestamptz,
        UNIQUE (plan_id, version)
      )`);
    await runner.query(`CREATE INDEX plan_versions_platform ON plan_versions (platform_id, plan_id)`);
    await runner.query(`
      CREATE TABLE prices (
        id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id       uuid NOT NULL,
        plan_version_id   uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
        product_item_id   uuid NOT NULL REFERENCES product_items (id),
        config            jsonb NOT NULL,
        recurring_timing  text CHECK (recurring_timing IN ('IN_ADVANCE', 'IN_ARREARS')),
        created_at        timestamptz NOT NULL,
        UNIQUE (plan_version_id, product_item_id)
      )`);
    await runner.query(`CREATE INDEX prices_product_item ON prices (product_item_id)`);
    await runner.query(`
      CREATE TABLE entitlements (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        plan_version_id  uuid NOT NULL REFERENCES plan_versions (id) ON DELETE CASCADE,
        feature_id       uuid NOT NULL REFERENCES features (id),
        enabled          boolean NOT NULL,
        "limit"          numeric CHECK ("limit" >= 0),
        UNIQUE (plan_version_id, feature_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['entitlements', 'prices', 'plan_versions', 'pricing_plans', 'features', 'product_items']) {
      await runner.query(`DROP TABLE ${table}`);
    }
    await runner.query(
      `ALTER TABLE products DROP COLUMN description, DROP COLUMN position, DROP COLUMN previous_status, DROP COLUMN updated_at`,
    );
  }
}

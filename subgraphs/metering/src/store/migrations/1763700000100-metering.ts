import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Metering1763700000100 implements MigrationInterface {
  name = 'Metering1763700000100';

  async up(runner: QueryRunner): Promise<void> {
    // Projection of subscriptions' customers (from subscriptions.customer.created): matches events by reference.
    await runner.query(`
      CREATE TABLE customers (
        platform_id  uuid NOT NULL,
        id           uuid NOT NULL,
        reference    text NOT NULL,
        name         text NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    await runner.query(`CREATE UNIQUE INDEX customers_platform_reference ON customers (platform_id, reference)`);
    await runner.query(`
      CREATE TABLE meters (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        reference    text NOT NULL,
        name         text NOT NULL,
        status       text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'DEPRECATED', 'ARCHIVED')),
        "values"     jsonb NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX meters_platform_reference ON meters (platform_id, reference)`);
    await runner.query(`CREATE INDEX meters_platform_created ON meters (platform_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE meter_metrics (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        meter_id         uuid NOT NULL REFERENCES meters (id),
        reference        text NOT NULL,
        aggregation      text NOT NULL,
        value_reference  text NOT NULL
      )`);
    await runner.query(`CREATE UNIQUE INDEX meter_metrics_platform_reference ON meter_metrics (platform_id, reference)`);
    await runner.query(`CREATE INDEX meter_metrics_meter ON meter_metrics (meter_id)`);
    await runner.query(`
      CREATE TABLE usage_events (
        id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id         uuid NOT NULL,
        meter_reference     text NOT NULL,
        customer_reference  text NOT NULL,
        reference           text NOT NULL,
        "timestamp"         timestamptz NOT NULL,
        "values"            jsonb NOT NULL,
        value_currencies    jsonb NOT NULL DEFAULT '{}',
        properties          jsonb NOT NULL DEFAULT '{}',
        content_hash        text NOT NULL,
        meter_id            uuid,
        customer_id         uuid,
        status              text NOT NULL CHECK (status IN ('MATCHED', 'UNMATCHED')),
        unmatched_reason    text,
        received_at         timestamptz NOT NULL
      )`);
    // The idempotency key: reference is unique per platform and meter (DESIGN §3).
    await runner.query(`CREATE UNIQUE INDEX usage_events_idempotency ON usage_events (platform_id, meter_reference, reference)`);
    await runner.query(
      `CREATE INDEX usage_events_aggregation ON usage_events (platform_id, customer_id, meter_id, "timestamp") WHERE status = 'MATCHED'`,
    );
    await runner.query(`CREATE INDEX usage_events_unmatched ON usage_events (platform_id, customer_reference) WHERE status = 'UNMATCHED'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE usage_events`);
    await runner.query(`DROP TABLE meter_metrics`);
    await runner.query(`DROP TABLE meters`);
    await runner.query(`DROP TABLE customers`);
  }
}

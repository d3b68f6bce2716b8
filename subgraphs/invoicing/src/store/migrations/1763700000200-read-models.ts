import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Local read models fed by NATS (issue 6): invoicing bills from these and never asks another service. */
export class ReadModels1763700000200 implements MigrationInterface {
  name = 'ReadModels1763700000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE customers (
        platform_id  uuid NOT NULL,
        id           uuid NOT NULL,
        reference    text NOT NULL,
        currency     char(3) NOT NULL,
        tax_rate     numeric,
        archived     boolean NOT NULL,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    await runner.query(`
      CREATE TABLE subscriptions (
        platform_id     uuid NOT NULL,
        id              uuid NOT NULL,
        customer_id     uuid NOT NULL,
        status          text NOT NULL,
        billing_period  text NOT NULL,
        anchor          timestamptz NOT NULL,
        start_at        timestamptz NOT NULL,
        end_at          timestamptz,
        trial_end       timestamptz,
        phases          jsonb NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    await runner.query(`CREATE INDEX subscriptions_customer ON subscriptions (platform_id, customer_id)`);
    await runner.query(`
      CREATE TABLE plan_versions (
        platform_id     uuid NOT NULL,
        id              uuid NOT NULL,
        status          text NOT NULL,
        currency        char(3) NOT NULL,
        billing_period  text NOT NULL,
        snapshot        jsonb NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    // Usage per (customer, metric, UTC hour, dimension values) as a mergeable partial state (@meterline/usage).
    await runner.query(`
      CREATE TABLE usage_totals (
        platform_id     uuid NOT NULL,
        customer_id     uuid NOT NULL,
        metric          text NOT NULL,
        bucket_start    timestamptz NOT NULL,
        dimensions_key  text NOT NULL,
        dimensions      jsonb NOT NULL,
        meter_id        uuid NOT NULL,
        aggregation     text NOT NULL,
        state           jsonb NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (platform_id, customer_id, metric, bucket_start, dimensions_key)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['usage_totals', 'plan_versions', 'subscriptions', 'customers']) await runner.query(`DROP TABLE ${table}`);
  }
}

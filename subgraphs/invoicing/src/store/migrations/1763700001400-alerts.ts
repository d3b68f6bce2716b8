import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage and spend alerts (issue 15, point 7): an alert watches one customer's usage of a metric (USAGE) or the total of
 * its current draft (SPEND) against ascending thresholds; a trigger is a threshold reached in a billing period, unique
 * per (alert, threshold, period start), so it is recorded once whatever the redeliveries and concurrent batches.
 * The usage consumer looks a customer's alerts up by `alerts_customer` on every batch: one index probe.
 */
export class Alerts1763700001400 implements MigrationInterface {
  name = 'Alerts1763700001400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE alerts (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        customer_id      uuid NOT NULL,
        subscription_id  uuid,
        kind             text NOT NULL CHECK (kind IN ('USAGE', 'SPEND')),
        metric           text,
        currency         char(3),
        name             text NOT NULL,
        thresholds       jsonb NOT NULL,
        archived_at      timestamptz,
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL,
        CHECK ((kind = 'USAGE') = (metric IS NOT NULL))
      )`);
    await runner.query(`CREATE INDEX alerts_customer ON alerts (platform_id, customer_id) WHERE archived_at IS NULL`);
    await runner.query(`CREATE INDEX alerts_created ON alerts (platform_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE alert_triggers (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        alert_id         uuid NOT NULL REFERENCES alerts (id),
        customer_id      uuid NOT NULL,
        subscription_id  uuid,
        threshold        numeric NOT NULL,
        threshold_label  text,
        value            numeric NOT NULL,
        period_start     timestamptz NOT NULL,
        period_end       timestamptz NOT NULL,
        triggered_at     timestamptz NOT NULL,
        UNIQUE (alert_id, threshold, period_start)
      )`);
    await runner.query(`CREATE INDEX alert_triggers_platform ON alert_triggers (platform_id, triggered_at, id)`);
    await runner.query(`CREATE INDEX alert_triggers_alert ON alert_triggers (platform_id, alert_id, triggered_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE alert_triggers`);
    await runner.query(`DROP TABLE alerts`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Exact attribution (issue 13): usage arrives per event (metering.usage.recorded v2). `usage_items` keeps each
 * event's own state per metric, with its instant and the subscription it names (the nil uuid when none), so a window
 * may start or end at any millisecond and percentage prices see each transaction; `usage_totals` keeps merging the
 * same items per UTC hour (now also per named subscription), for the whole hours inside a window.
 */
export class UsageItems1763700000500 implements MigrationInterface {
  name = 'UsageItems1763700000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE usage_items (
        platform_id      uuid NOT NULL,
        event_id         uuid NOT NULL,
        metric           text NOT NULL,
        customer_id      uuid NOT NULL,
        subscription_id  uuid NOT NULL,
        at               timestamptz NOT NULL,
        dimensions_key   text NOT NULL,
        dimensions       jsonb NOT NULL,
        meter_id         uuid NOT NULL,
        aggregation      text NOT NULL,
        state            jsonb NOT NULL,
        PRIMARY KEY (platform_id, event_id, metric)
      )`);
    await runner.query(`CREATE INDEX usage_items_window ON usage_items (platform_id, customer_id, metric, subscription_id, at)`);
    await runner.query(`ALTER TABLE usage_totals ADD COLUMN subscription_id uuid NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000'`);
    await runner.query(`ALTER TABLE usage_totals DROP CONSTRAINT usage_totals_pkey`);
    await runner.query(
      `ALTER TABLE usage_totals ADD PRIMARY KEY (platform_id, customer_id, metric, subscription_id, bucket_start, dimensions_key)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE usage_totals DROP CONSTRAINT usage_totals_pkey`);
    await runner.query(`ALTER TABLE usage_totals DROP COLUMN subscription_id`);
    await runner.query(`ALTER TABLE usage_totals ADD PRIMARY KEY (platform_id, customer_id, metric, bucket_start, dimensions_key)`);
    await runner.query(`DROP TABLE usage_items`);
  }
}

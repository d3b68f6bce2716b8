import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A usage event may name its subscription (issue 13): the named id on each event, and metering's view of subscriptions. */
export class Subscriptions1763700000700 implements MigrationInterface {
  name = 'Subscriptions1763700000700';

  async up(runner: QueryRunner): Promise<void> {
    // Projection of subscriptions' subscriptions (from subscriptions.subscription.*): checks the subscription an event names.
    await runner.query(`
      CREATE TABLE subscriptions (
        platform_id  uuid NOT NULL,
        id           uuid NOT NULL,
        customer_id  uuid NOT NULL,
        status       text NOT NULL,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    await runner.query(`ALTER TABLE usage_events ADD COLUMN subscription_id uuid`);
    // The events a subscription's arrival matches again.
    await runner.query(
      `CREATE INDEX usage_events_unmatched_subscription ON usage_events (platform_id, subscription_id)
        WHERE status = 'UNMATCHED' AND subscription_id IS NOT NULL`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX usage_events_unmatched_subscription`);
    await runner.query(`ALTER TABLE usage_events DROP COLUMN subscription_id`);
    await runner.query(`DROP TABLE subscriptions`);
  }
}

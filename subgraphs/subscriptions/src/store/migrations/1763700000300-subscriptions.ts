import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Subscriptions with their phases, and the local copy of catalog's plan versions (issue 5). */
export class Subscriptions1763700000300 implements MigrationInterface {
  name = 'Subscriptions1763700000300';

  async up(runner: QueryRunner): Promise<void> {
    // Projection of catalog.plan_version.* events: validates new subscriptions and their price overrides.
    await runner.query(`
      CREATE TABLE plan_versions (
        platform_id     uuid NOT NULL,
        id              uuid NOT NULL,
        plan_id         uuid NOT NULL,
        status          text NOT NULL,
        currency        char(3) NOT NULL,
        billing_period  text NOT NULL,
        snapshot        jsonb NOT NULL,
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    await runner.query(`
      CREATE TABLE subscriptions (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id     uuid NOT NULL,
        customer_id     uuid NOT NULL REFERENCES customers (id),
        status          text NOT NULL CHECK (status IN ('DRAFT', 'ACTIVE', 'CANCELED', 'ENDED')),
        billing_period  text NOT NULL CHECK (billing_period IN ('MONTH', 'QUARTER', 'YEAR')),
        anchor          timestamptz NOT NULL,
        start_at        timestamptz NOT NULL,
        end_at          timestamptz,
        trial_end       timestamptz,
        canceled_at     timestamptz,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX subscriptions_customer ON subscriptions (platform_id, customer_id)`);
    await runner.query(`CREATE INDEX subscriptions_platform_created ON subscriptions (platform_id, created_at, id)`);
    await runner.query(
      `CREATE INDEX subscriptions_ending ON subscriptions (end_at) WHERE status IN ('ACTIVE', 'CANCELED') AND end_at IS NOT NULL`,
    );
    await runner.query(`
      CREATE TABLE subscription_phases (
        id               uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id      uuid NOT NULL,
        subscription_id  uuid NOT NULL REFERENCES subscriptions (id) ON DELETE CASCADE,
        starts_at        timestamptz NOT NULL,
        ends_at          timestamptz,
        plan_version_id  uuid NOT NULL,
        seats            integer NOT NULL CHECK (seats >= 0),
        overrides        jsonb NOT NULL DEFAULT '{}',
        CHECK (ends_at IS NULL OR ends_at > starts_at)
      )`);
    await runner.query(`CREATE INDEX subscription_phases_subscription ON subscription_phases (subscription_id, starts_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE subscription_phases`);
    await runner.query(`DROP TABLE subscriptions`);
    await runner.query(`DROP TABLE plan_versions`);
  }
}

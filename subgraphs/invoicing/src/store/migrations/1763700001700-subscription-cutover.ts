import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The billing cutover of subscriptions moved from another system (issue 16): no draft for a period before it. */
export class SubscriptionCutover1763700001700 implements MigrationInterface {
  name = 'SubscriptionCutover1763700001700';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE subscriptions ADD COLUMN cutover_at timestamptz`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE subscriptions DROP COLUMN cutover_at`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Settings a platform sets for itself (issue 14): the backdating limit of subscriptions. A missing row or a null value
 * means the deployment's default (SUBSCRIPTION_MAX_BACKDATE_DAYS).
 */
export class PlatformSettings1763700000400 implements MigrationInterface {
  name = 'PlatformSettings1763700000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE platform_settings (
        platform_id        uuid PRIMARY KEY,
        max_backdate_days  integer CHECK (max_backdate_days BETWEEN 1 AND 3660),
        updated_at         timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE platform_settings`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Usage backfill (issue 16): historical events imported explicitly marked as such are stored for usage analytics and
 * simulation but never sent to invoicing (the old system billed them), so they bill nothing, never twice.
 */
export class UsageBackfill1763700000800 implements MigrationInterface {
  name = 'UsageBackfill1763700000800';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE usage_events ADD COLUMN backfill boolean NOT NULL DEFAULT false`);
    await runner.query(`ALTER TABLE event_imports ADD COLUMN backfill boolean NOT NULL DEFAULT false`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE event_imports DROP COLUMN backfill`);
    await runner.query(`ALTER TABLE usage_events DROP COLUMN backfill`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Full meters (properties, every aggregation, filters, archive/restore) and event listing (issue 4). */
export class Meters1763700000300 implements MigrationInterface {
  name = 'Meters1763700000300';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE meters
        ADD COLUMN properties       jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN previous_status  text,
        ADD COLUMN updated_at       timestamptz`);
    await runner.query(`UPDATE meters SET updated_at = created_at`);
    await runner.query(`ALTER TABLE meters ALTER COLUMN updated_at SET NOT NULL`);
    await runner.query(`
      ALTER TABLE meter_metrics
        ADD COLUMN property  text,
        ADD COLUMN filters   jsonb NOT NULL DEFAULT '{}',
        ALTER COLUMN value_reference DROP NOT NULL`);
    await runner.query(`CREATE INDEX usage_events_listing ON usage_events (platform_id, received_at, id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX usage_events_listing`);
    await runner.query(`ALTER TABLE meter_metrics DROP COLUMN property, DROP COLUMN filters`);
    await runner.query(`ALTER TABLE meters DROP COLUMN properties, DROP COLUMN previous_status, DROP COLUMN updated_at`);
  }
}

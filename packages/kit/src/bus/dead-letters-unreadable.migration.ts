import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../store/database';

/**
 * Dead letters of messages that break the event contract (issue 14): such a message may name no platform (not JSON, or
 * no valid `platformId`), so its dead letter has none. It is listed to no tenant and counted in the metrics.
 */
export class DeadLettersUnreadable1763700000900 implements MigrationInterface {
  name = 'DeadLettersUnreadable1763700000900';

  async up(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`ALTER TABLE ${s}.dead_letters ALTER COLUMN platform_id DROP NOT NULL`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`DELETE FROM ${s}.dead_letters WHERE platform_id IS NULL`);
    await runner.query(`ALTER TABLE ${s}.dead_letters ALTER COLUMN platform_id SET NOT NULL`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../store/database';

/**
 * Messages the inbox consumer gave up on (every service): the handler failed INBOX_MAX_DELIVERIES times with a
 * non-transient error. Kept whole, with the last error, until replayed.
 */
export class DeadLetters1763700000800 implements MigrationInterface {
  name = 'DeadLetters1763700000800';

  async up(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`
      CREATE TABLE ${s}.dead_letters (
        message_id       uuid PRIMARY KEY,
        platform_id      uuid NOT NULL,
        type             text NOT NULL,
        subject          text NOT NULL,
        stream           text NOT NULL,
        payload          jsonb NOT NULL,
        error            text NOT NULL,
        attempts         integer NOT NULL,
        first_failed_at  timestamptz NOT NULL,
        last_failed_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX dead_letters_page ON ${s}.dead_letters (platform_id, first_failed_at, message_id)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`DROP TABLE ${s}.dead_letters`);
  }
}

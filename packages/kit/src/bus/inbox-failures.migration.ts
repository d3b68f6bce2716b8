import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../store/database';

/**
 * Real (not transient) handler failures per message (issue 14): INBOX_MAX_DELIVERIES counts these, not JetStream's
 * deliveries, which include deliveries that failed because a dependency was down. A row lives while a message keeps
 * failing; it goes when the message is applied or dead-lettered.
 */
export class InboxFailures1763700000910 implements MigrationInterface {
  name = 'InboxFailures1763700000910';

  async up(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`
      CREATE TABLE ${s}.inbox_failures (
        message_id       uuid PRIMARY KEY,
        stream           text NOT NULL,
        failures         integer NOT NULL,
        first_failed_at  timestamptz NOT NULL,
        last_failed_at   timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`DROP TABLE ${s}.inbox_failures`);
  }
}

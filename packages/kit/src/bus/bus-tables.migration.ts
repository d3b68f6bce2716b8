import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../store/database';

/** The outbox and inbox tables every service has in its own schema. Listed first in each service's migrations. */
export class BusTables1763700000000 implements MigrationInterface {
  name = 'BusTables1763700000000';

  async up(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`
      CREATE TABLE ${s}.outbox (
        seq          bigserial PRIMARY KEY,
        id           uuid NOT NULL UNIQUE,
        platform_id  uuid NOT NULL,
        type         text NOT NULL,
        envelope     jsonb NOT NULL,
        created_at   timestamptz NOT NULL,
        sent_at      timestamptz,
        attempts     integer NOT NULL DEFAULT 0,
        last_error   text
      )`);
    await runner.query(`CREATE INDEX outbox_unsent ON ${s}.outbox (seq) WHERE sent_at IS NULL`);
    await runner.query(`
      CREATE TABLE ${s}.inbox (
        message_id   uuid PRIMARY KEY,
        platform_id  uuid NOT NULL,
        type         text NOT NULL,
        stream       text NOT NULL,
        received_at  timestamptz NOT NULL
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`DROP TABLE ${s}.inbox`);
    await runner.query(`DROP TABLE ${s}.outbox`);
  }
}

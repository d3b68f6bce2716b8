import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from '../store/database';

/** The relay only ever reads the envelope back whole: `json` stores the text as written, without jsonb's parse. */
export class OutboxEnvelopeJson1763700000500 implements MigrationInterface {
  name = 'OutboxEnvelopeJson1763700000500';

  async up(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`ALTER TABLE ${s}.outbox ALTER COLUMN envelope TYPE json USING envelope::json`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`ALTER TABLE ${s}.outbox ALTER COLUMN envelope TYPE jsonb USING envelope::jsonb`);
  }
}

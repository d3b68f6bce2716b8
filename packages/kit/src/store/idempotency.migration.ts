import type { MigrationInterface, QueryRunner } from 'typeorm';
import { quoteIdentifier } from './database';

/** Idempotency keys of mutations (every subgraph): the first result of a keyed mutation, replayed to its retries. */
export class IdempotencyKeys1763700000600 implements MigrationInterface {
  name = 'IdempotencyKeys1763700000600';

  async up(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`
      CREATE TABLE ${s}.idempotency_keys (
        platform_id   uuid NOT NULL,
        key           text NOT NULL,
        fingerprint   text NOT NULL,
        response      jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (platform_id, key)
      )`);
    await runner.query(`CREATE INDEX idempotency_keys_created ON ${s}.idempotency_keys (created_at)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    const s = quoteIdentifier(String((runner.connection.options as { schema?: string }).schema));
    await runner.query(`DROP TABLE ${s}.idempotency_keys`);
  }
}

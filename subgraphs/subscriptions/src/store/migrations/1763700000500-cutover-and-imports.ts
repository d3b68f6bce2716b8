import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Moving to Meterline (issue 16): a subscription's billing cutover and external reference, and bulk imports of
 * customers and subscriptions (the uploaded file is kept in the row, so any replica resumes it from its checkpoint).
 */
export class CutoverAndImports1763700000500 implements MigrationInterface {
  name = 'CutoverAndImports1763700000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE subscriptions ADD COLUMN cutover_at timestamptz, ADD COLUMN reference text`);
    await runner.query(`CREATE UNIQUE INDEX subscriptions_reference ON subscriptions (platform_id, reference) WHERE reference IS NOT NULL`);
    await runner.query(`
      CREATE TABLE record_imports (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id    uuid NOT NULL,
        kind           text NOT NULL CHECK (kind IN ('CUSTOMERS', 'SUBSCRIPTIONS')),
        status         text NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
        format         text NOT NULL CHECK (format IN ('CSV', 'JSON', 'NDJSON')),
        mapping        jsonb NOT NULL,
        checksum       text NOT NULL,
        byte_size      integer NOT NULL,
        content        text NOT NULL,
        -- the checkpoint: rows up to rows_read are done (their effects committed with it)
        rows_read      integer NOT NULL DEFAULT 0,
        created        integer NOT NULL DEFAULT 0,
        unchanged      integer NOT NULL DEFAULT 0,
        conflicts      integer NOT NULL DEFAULT 0,
        rejected       integer NOT NULL DEFAULT 0,
        error          text,
        -- the worker holding it; another takes it over once heartbeat_at is stale
        claim_token    uuid,
        heartbeat_at   timestamptz,
        created_at     timestamptz NOT NULL,
        started_at     timestamptz,
        finished_at    timestamptz
      )`);
    await runner.query(`CREATE INDEX record_imports_platform_created ON record_imports (platform_id, created_at, id)`);
    await runner.query(`CREATE INDEX record_imports_pending ON record_imports (created_at) WHERE status IN ('QUEUED', 'PROCESSING')`);
    await runner.query(`
      CREATE TABLE record_import_rows (
        platform_id  uuid NOT NULL,
        import_id    uuid NOT NULL REFERENCES record_imports (id) ON DELETE CASCADE,
        row_number   integer NOT NULL,
        outcome      text NOT NULL CHECK (outcome IN ('REJECTED', 'CONFLICT')),
        reference    text,
        field        text,
        column_name  text,
        message      text NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE record_import_rows`);
    await runner.query(`DROP TABLE record_imports`);
    await runner.query(`DROP INDEX subscriptions_reference`);
    await runner.query(`ALTER TABLE subscriptions DROP COLUMN cutover_at, DROP COLUMN reference`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** File imports of usage events (CSV, JSON, NDJSON): one row per uploaded file, plus its rejected rows. */
export class Imports1763700000400 implements MigrationInterface {
  name = 'Imports1763700000400';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE event_imports (
        id             uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id    uuid NOT NULL,
        status         text NOT NULL CHECK (status IN ('QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED')),
        format         text NOT NULL CHECK (format IN ('CSV', 'JSON', 'NDJSON')),
        mapping        jsonb NOT NULL,
        checksum       text NOT NULL,
        byte_size      bigint NOT NULL,
        -- where the uploaded file waits to be processed, and on which node (unless the directory is shared)
        file_path      text NOT NULL,
        stored_on      text NOT NULL,
        rows_read      integer NOT NULL DEFAULT 0,
        accepted       integer NOT NULL DEFAULT 0,
        unmatched      integer NOT NULL DEFAULT 0,
        duplicates     integer NOT NULL DEFAULT 0,
        conflicts      integer NOT NULL DEFAULT 0,
        rejected       integer NOT NULL DEFAULT 0,
        error          text,
        -- the current claim: a fresh token per claim, kept alive by heartbeat_at; a stale claim goes back to QUEUED
        claim_token    uuid,
        heartbeat_at   timestamptz,
        attempts       integer NOT NULL DEFAULT 0,
        created_at     timestamptz NOT NULL,
        started_at     timestamptz,
        finished_at    timestamptz
      )`);
    await runner.query(`CREATE INDEX event_imports_platform_created ON event_imports (platform_id, created_at, id)`);
    await runner.query(`CREATE INDEX event_imports_pending ON event_imports (status, created_at) WHERE status IN ('QUEUED', 'PROCESSING')`);
    await runner.query(`
      CREATE TABLE event_import_rejections (
        platform_id  uuid NOT NULL,
        import_id    uuid NOT NULL REFERENCES event_imports (id) ON DELETE CASCADE,
        row_number   integer NOT NULL,
        field        text,
        reason       text NOT NULL,
        PRIMARY KEY (import_id, row_number)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE event_import_rejections`);
    await runner.query(`DROP TABLE event_imports`);
  }
}

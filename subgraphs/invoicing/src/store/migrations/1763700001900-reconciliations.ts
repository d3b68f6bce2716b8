import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reconciliation with the old billing system (issue 16, point 5): an uploaded file (its CSV text, kept so a run can be
 * repeated with another mapping), runs of the comparison (mapping, aliases, status, rejected rows) and their result
 * lines in result order (`position`), read in pages filtered by outcome or customer.
 */
export class Reconciliations1763700001900 implements MigrationInterface {
  name = 'Reconciliations1763700001900';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE reconciliation_files (
        id           uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id  uuid NOT NULL,
        name         text NOT NULL,
        columns      jsonb NOT NULL,
        row_count    integer NOT NULL,
        content      text NOT NULL,
        created_at   timestamptz NOT NULL
      )`);
    await runner.query(`CREATE INDEX reconciliation_files_platform ON reconciliation_files (platform_id, created_at, id)`);
    await runner.query(`
      CREATE TABLE reconciliation_runs (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id   uuid NOT NULL,
        file_id       uuid NOT NULL REFERENCES reconciliation_files (id),
        mapping       jsonb NOT NULL,
        item_aliases  jsonb NOT NULL,
        status        text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED')),
        error         text,
        rejections    jsonb NOT NULL DEFAULT '[]',
        rejected_rows integer NOT NULL DEFAULT 0,
        period_start  timestamptz,
        period_end    timestamptz,
        created_at    timestamptz NOT NULL,
        started_at    timestamptz,
        completed_at  timestamptz
      )`);
    await runner.query(`CREATE INDEX reconciliation_runs_platform ON reconciliation_runs (platform_id, created_at, id)`);
    await runner.query(`CREATE INDEX reconciliation_runs_queued ON reconciliation_runs (created_at) WHERE status = 'QUEUED'`);
    await runner.query(`
      CREATE TABLE reconciliation_lines (
        platform_id         uuid NOT NULL,
        run_id              uuid NOT NULL REFERENCES reconciliation_runs (id),
        position            integer NOT NULL,
        id                  uuid NOT NULL UNIQUE,
        customer_reference  text NOT NULL,
        customer_id         uuid,
        period_start        timestamptz NOT NULL,
        period_end          timestamptz NOT NULL,
        item                text NOT NULL,
        currency            char(3),
        theirs              numeric,
        ours                numeric,
        delta               numeric NOT NULL,
        outcome             text NOT NULL CHECK (outcome IN ('MATCHED', 'DIFFERS', 'MISSING_IN_METERLINE', 'MISSING_IN_FILE')),
        invoice_ids         uuid[] NOT NULL,
        line_ids            jsonb NOT NULL,
        row_numbers         integer[] NOT NULL,
        note                text,
        reviewed            boolean NOT NULL DEFAULT false,
        PRIMARY KEY (run_id, position)
      )`);
    await runner.query(`CREATE INDEX reconciliation_lines_outcome ON reconciliation_lines (platform_id, run_id, outcome, position)`);
    await runner.query(
      `CREATE INDEX reconciliation_lines_customer ON reconciliation_lines (platform_id, run_id, customer_reference, position)`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['reconciliation_lines', 'reconciliation_runs', 'reconciliation_files']) await runner.query(`DROP TABLE ${table}`);
  }
}

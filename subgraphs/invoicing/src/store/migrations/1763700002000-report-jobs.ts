import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Report jobs (issue 16): a report asked for through GraphQL is written by a background worker into `report_chunks`,
 * the CSV's bytes in numbered bytea chunks of a few hundred KiB (written and read one at a time: memory stays flat;
 * rows, not large objects, so a platform's files go with its rows and `DELETE` frees them). A job RUNNING past its
 * lease (a crashed worker) is taken again and restarted from its first row under a new attempt number; chunks of an
 * older attempt are never served. A finished file expires after the retention (its chunks are deleted, the job stays
 * as EXPIRED).
 * Also: refunds get the (platform, refunded at, id) walk of the payments report, and product items get a keyed read
 * model (`product_items`: each item as the newest plan version naming it says) so report batches stop scanning every
 * plan-version snapshot of the platform.
 */
export class ReportJobs1763700002000 implements MigrationInterface {
  name = 'ReportJobs1763700002000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE report_jobs (
        id              uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        platform_id     uuid NOT NULL,
        report          text NOT NULL,
        filters         jsonb NOT NULL,
        status          text NOT NULL CHECK (status IN ('QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'EXPIRED')),
        attempt         integer NOT NULL DEFAULT 0,
        rows_written    bigint NOT NULL DEFAULT 0,
        rows_expected   bigint,
        bytes           bigint NOT NULL DEFAULT 0,
        chunks          integer NOT NULL DEFAULT 0,
        file_name       text,
        error           text,
        lease_until     timestamptz,
        created_at      timestamptz NOT NULL,
        started_at      timestamptz,
        finished_at     timestamptz,
        expires_at      timestamptz
      )`);
    await runner.query(`CREATE INDEX report_jobs_platform_created ON report_jobs (platform_id, created_at, id)`);
    await runner.query(`CREATE INDEX report_jobs_todo ON report_jobs (created_at) WHERE status IN ('QUEUED', 'RUNNING')`);
    await runner.query(`CREATE INDEX report_jobs_expiring ON report_jobs (expires_at) WHERE status = 'SUCCEEDED'`);
    await runner.query(`
      CREATE TABLE report_chunks (
        platform_id  uuid NOT NULL,
        job_id       uuid NOT NULL REFERENCES report_jobs (id) ON DELETE CASCADE,
        attempt      integer NOT NULL,
        seq          integer NOT NULL,
        bytes        bytea NOT NULL,
        PRIMARY KEY (job_id, attempt, seq)
      )`);
    await runner.query(`CREATE INDEX refunds_platform_refunded ON refunds (platform_id, refunded_at, id)`);
    await runner.query(`
      CREATE TABLE product_items (
        platform_id  uuid NOT NULL,
        id           text NOT NULL,
        name         text,
        charge_type  text,
        metric       text,
        updated_at   timestamptz NOT NULL,
        PRIMARY KEY (platform_id, id)
      )`);
    await runner.query(`
      INSERT INTO product_items (platform_id, id, name, charge_type, metric, updated_at)
      SELECT DISTINCT ON (v.platform_id, p->>'productItemId') v.platform_id, p->>'productItemId', p->>'productItemName',
             p->>'chargeType', p->>'metricReference', v.updated_at
        FROM plan_versions v CROSS JOIN LATERAL jsonb_array_elements(v.snapshot->'prices') p
       WHERE p->>'productItemId' IS NOT NULL
       ORDER BY v.platform_id, p->>'productItemId', v.updated_at DESC`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE product_items`);
    await runner.query(`DROP INDEX refunds_platform_refunded`);
    await runner.query(`DROP TABLE report_chunks`);
    await runner.query(`DROP TABLE report_jobs`);
  }
}

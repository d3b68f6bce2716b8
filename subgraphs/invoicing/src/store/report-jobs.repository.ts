import { returnedRows, type ServiceDb } from '@meterline/kit';
import { ReportJobEntity, type ReportJobFiltersJson } from './report-job.entity';
import type { Reader } from './usage.repository';

const COLUMNS = `id, platform_id AS "platformId", report, filters, status, attempt, rows_written AS "rowsWritten",
  rows_expected AS "rowsExpected", bytes, chunks, file_name AS "fileName", error, created_at AS "createdAt",
  started_at AS "startedAt", finished_at AS "finishedAt", expires_at AS "expiresAt"`;

const asJob = (row: Record<string, unknown>): ReportJobEntity => {
  const job = Object.assign(new ReportJobEntity(), row);
  for (const key of ['rowsWritten', 'bytes'] as const) job[key] = Number(row[key]);
  job.rowsExpected = row.rowsExpected === null ? null : Number(row.rowsExpected);
  return job;
};

/** A new job, QUEUED. */
export async function insertReportJob(
  reader: Reader,
  platformId: string,
  report: string,
  filters: ReportJobFiltersJson,
  now: Date,
): Promise<ReportJobEntity> {
  const [row] = (await reader.manager.query(
    `INSERT INTO report_jobs (platform_id, report, filters, status, created_at) VALUES ($1, $2, $3, 'QUEUED', $4) RETURNING ${COLUMNS}`,
    [platformId, report, JSON.stringify(filters), now],
  )) as Array<Record<string, unknown>>;
  return asJob(row);
}

/**
 * Takes the oldest job that is QUEUED, or RUNNING past its lease (its worker died): RUNNING under the next attempt,
 * from its first row (what an older attempt wrote is deleted). Replicas take different jobs (SKIP LOCKED). The lease is
 * real time (the database's clock), not the business clock tests move.
 */
export async function claimReportJob(db: ServiceDb, now: Date, leaseMs: number): Promise<ReportJobEntity | null> {
  return db.transact(async (tx) => {
    const [row] = returnedRows<Record<string, unknown>>(
      await tx.manager.query(
        `UPDATE report_jobs SET status = 'RUNNING', attempt = attempt + 1, rows_written = 0, rows_expected = NULL, bytes = 0,
              chunks = 0, error = NULL, started_at = $1, lease_until = clock_timestamp() + $2 * interval '1 millisecond'
        WHERE id = (SELECT id FROM report_jobs
                     WHERE status = 'QUEUED' OR (status = 'RUNNING' AND lease_until < clock_timestamp())
                     ORDER BY created_at LIMIT 1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
        [now, leaseMs],
      ),
    );
    if (!row) return null;
    const job = asJob(row);
    await tx.manager.query(`DELETE FROM report_chunks WHERE platform_id = $1 AND job_id = $2 AND attempt < $3`, [
      job.platformId,
      job.id,
      job.attempt,
    ]);
    return job;
  });
}

/** The attempt a worker holds; every write of it checks the job is still its own (a late worker writes nothing). */
export interface HeldAttempt {
  platformId: string;
  id: string;
  attempt: number;
}

const HELD = `platform_id = $1 AND id = $2 AND attempt = $3 AND status = 'RUNNING'`;

/** Renews the lease and records the progress; false: the job is no longer this attempt's. */
export async function renewReportLease(db: ServiceDb, held: HeldAttempt, leaseMs: number, rowsWritten: number | null): Promise<boolean> {
  const rows = returnedRows(
    await db.ds.manager.query(
      `UPDATE report_jobs SET lease_until = clock_timestamp() + $4 * interval '1 millisecond',
            rows_written = coalesce($5, rows_written) WHERE ${HELD} RETURNING id`,
      [held.platformId, held.id, held.attempt, leaseMs, rowsWritten],
    ),
  );
  return rows.length > 0;
}

export async function setRowsExpected(db: ServiceDb, held: HeldAttempt, rowsExpected: number | null, fileName: string): Promise<void> {
  await db.ds.manager.query(`UPDATE report_jobs SET rows_expected = $4, file_name = $5 WHERE ${HELD}`, [
    held.platformId,
    held.id,
    held.attempt,
    rowsExpected,
    fileName,
  ]);
}

/** Stores the next chunk of the file and the progress with it, in one statement; false: the job is no longer ours. */
export async function appendReportChunk(
  db: ServiceDb,
  held: HeldAttempt,
  seq: number,
  bytes: Buffer,
  rowsWritten: number,
): Promise<boolean> {
  const rows = (await db.ds.manager.query(
    `WITH job AS (UPDATE report_jobs SET chunks = $4 + 1, bytes = bytes + $5, rows_written = $6 WHERE ${HELD} RETURNING id)
     INSERT INTO report_chunks (platform_id, job_id, attempt, seq, bytes) SELECT $1, id, $3, $4, $7 FROM job RETURNING seq`,
    [held.platformId, held.id, held.attempt, seq, bytes.length, rowsWritten, bytes],
  )) as unknown[];
  return rows.length > 0;
}

/** The attempt wrote its whole file: SUCCEEDED, downloadable until `expiresAt`. */
export async function finishReportJob(db: ServiceDb, held: HeldAttempt, rowsWritten: number, now: Date, expiresAt: Date): Promise<boolean> {
  const rows = returnedRows(
    await db.ds.manager.query(
      `UPDATE report_jobs SET status = 'SUCCEEDED', rows_written = $4, finished_at = $5, expires_at = $6, lease_until = NULL
      WHERE ${HELD} RETURNING id`,
      [held.platformId, held.id, held.attempt, rowsWritten, now, expiresAt],
    ),
  );
  return rows.length > 0;
}

/** The attempt failed for good (bad filters by now, the report's own error, attempts used up): FAILED, its chunks gone. */
export async function failReportJob(db: ServiceDb, held: HeldAttempt, error: string, now: Date): Promise<void> {
  await db.transact(async (tx) => {
    const rows = returnedRows(
      await tx.manager.query(
        `UPDATE report_jobs SET status = 'FAILED', error = $4, finished_at = $5, lease_until = NULL WHERE ${HELD} RETURNING id`,
        [held.platformId, held.id, held.attempt, error, now],
      ),
    );
    if (rows.length > 0)
      await tx.manager.query(`DELETE FROM report_chunks WHERE platform_id = $1 AND job_id = $2`, [held.platformId, held.id]);
  });
}

/** Files past their retention: the jobs become EXPIRED, their chunks are deleted. Answers how many expired. */
export async function expireReportFiles(db: ServiceDb, now: Date, limit = 100): Promise<number> {
  return db.transact(async (tx) => {
    const gone = returnedRows<{ platform_id: string; id: string }>(
      await tx.manager.query(
        `UPDATE report_jobs SET status = 'EXPIRED'
        WHERE id IN (SELECT id FROM report_jobs WHERE status = 'SUCCEEDED' AND expires_at <= $1 ORDER BY expires_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING platform_id, id`,
        [now, limit],
      ),
    );
    for (const job of gone)
      await tx.manager.query(`DELETE FROM report_chunks WHERE platform_id = $1 AND job_id = $2`, [job.platform_id, job.id]);
    return gone.length;
  });
}

/** A finished job's file, chunk by chunk (one in memory at a time), from the attempt that wrote it. */
export async function* reportFileChunks(
  reader: Reader,
  platformId: string,
  jobId: string,
  attempt: number,
  chunks: number,
): AsyncGenerator<Buffer> {
  for (let seq = 0; seq < chunks; seq++) {
    const [row] = (await reader.manager.query(
      `SELECT bytes FROM report_chunks WHERE platform_id = $1 AND job_id = $2 AND attempt = $3 AND seq = $4`,
      [platformId, jobId, attempt, seq],
    )) as Array<{ bytes: Buffer }>;
    if (!row) throw new Error(`report ${jobId}: chunk ${seq} of attempt ${attempt} is missing`);
    yield row.bytes;
  }
}

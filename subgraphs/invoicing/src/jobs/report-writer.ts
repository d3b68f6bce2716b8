import { Writable } from 'node:stream';
import { AppError, clockOfPlatform, Loaders, type SubgraphServices } from '@meterline/kit';
import { openReportCsv } from '../billing/report-csv';
import { storedFilters } from '../billing/report-jobs';
import { isReportName, REPORTS } from '../billing/reports';
import { attemptAllowed, ChunkBuffer, REPORT_CHUNK_BYTES, REPORT_JOB_MAX_ATTEMPTS } from '../domain/report-job-status';
import type { ReportJobEntity } from '../store/report-job.entity';
import {
  appendReportChunk,
  claimReportJob,
  expireReportFiles,
  failReportJob,
  finishReportJob,
  renewReportLease,
  setRowsExpected,
  type HeldAttempt,
} from '../store/report-jobs.repository';

/** How the report worker runs: retention of finished files, the lease of a running attempt, the chunk size. */
export interface ReportJobOptions {
  retentionMs: number;
  leaseMs: number;
  chunkBytes?: number;
}

/** The attempt lost its job (its lease expired and another worker took it): it stops writing. */
class AttemptLost extends Error {
  constructor(job: HeldAttempt) {
    super(`report job ${job.id}: attempt ${job.attempt} was taken over`);
  }
}

/** Stores what the CSV writer hands over as numbered chunks, one at a time (backpressure: the next write waits). */
function chunkSink(services: SubgraphServices, held: HeldAttempt, rowsWritten: () => number, chunkBytes: number) {
  const buffer = new ChunkBuffer(chunkBytes);
  let seq = 0;
  const store = async (chunks: Buffer[]) => {
    for (const chunk of chunks) {
      if (!(await appendReportChunk(services.db, held, seq, chunk, rowsWritten()))) throw new AttemptLost(held);
      seq += 1;
    }
  };
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      store(buffer.push(chunk)).then(() => done(), done);
    },
    final(done) {
      const rest = buffer.rest();
      store(rest ? [rest] : []).then(() => done(), done);
    },
  });
}

/**
 * Writes one claimed job's file with the REST route's code (`openReportCsv`): the same bytes a download of the same
 * filters gives at that moment. The lease is renewed while it runs; an attempt that lost its job stops. A coded error
 * (filters no longer valid: a customer gone) fails the job with its message; anything else (the database went away)
 * leaves it RUNNING: when its lease runs out it is taken again from its first row, until its attempts are used up.
 */
async function writeReportJob(services: SubgraphServices, job: ReportJobEntity, options: ReportJobOptions): Promise<void> {
  const held: HeldAttempt = { platformId: job.platformId, id: job.id, attempt: job.attempt };
  const log = services.log.child({ platformId: job.platformId, reportJob: job.id, attempt: job.attempt });
  if (!attemptAllowed(job.attempt) || !isReportName(job.report)) {
    const reason = isReportName(job.report) ? `stopped after ${REPORT_JOB_MAX_ATTEMPTS} attempts` : `unknown report ${job.report}`;
    await failReportJob(services.db, held, reason, services.clock.now());
    return;
  }
  const ctx = {
    platformId: job.platformId,
    role: 'admin' as const,
    requestId: `report-job-${job.id}-${job.attempt}`,
    log,
    db: services.db,
    // the platform's own business time (a sandbox's), as a request of that platform has it
    clock: clockOfPlatform(services.clock, job.platformId),
    loaders: new Loaders(),
  };
  let lost = false;
  const heartbeat = setInterval(
    () => {
      renewReportLease(services.db, held, options.leaseMs, null).then(
        (ours) => (lost ||= !ours),
        () => undefined,
      );
    },
    Math.max(10, Math.floor(options.leaseMs / 3)),
  );
  try {
    const csv = await openReportCsv(ctx, job.report, storedFilters(job.filters));
    await setRowsExpected(services.db, held, await REPORTS[job.report].count(services.db.ds, csv.scope), csv.fileName);
    await csv.writeTo(chunkSink(services, held, () => csv.rowsWritten, options.chunkBytes ?? REPORT_CHUNK_BYTES));
    if (lost) throw new AttemptLost(held);
    const now = services.clock.now();
    await finishReportJob(services.db, held, csv.rowsWritten, now, new Date(now.getTime() + options.retentionMs));
  } catch (error) {
    if (error instanceof AppError) await failReportJob(services.db, held, error.message, services.clock.now());
    else if (error instanceof AttemptLost) log.info('report job taken over by another attempt');
    else log.warn({ err: error }, 'report job attempt failed; it is taken again when its lease runs out');
  } finally {
    clearInterval(heartbeat);
  }
}

/** One round of the report worker: files past retention expire, then the oldest job waiting (or abandoned) is written. */
export async function writeQueuedReports(services: SubgraphServices, options: ReportJobOptions): Promise<number> {
  const expired = await expireReportFiles(services.db, services.clock.now());
  const job = await claimReportJob(services.db, services.clock.now(), options.leaseMs);
  if (job) await writeReportJob(services, job, options);
  return expired + (job ? 1 : 0);
}

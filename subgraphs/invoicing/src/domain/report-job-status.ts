/**
 * A report job's life: QUEUED → RUNNING → SUCCEEDED (its file downloadable until it expires) → EXPIRED, or FAILED.
 * RUNNING past its lease (the worker died) goes back to RUNNING under a new attempt, from the first row.
 */
export const REPORT_JOB_STATUSES = ['QUEUED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'EXPIRED'] as const;
export type ReportJobStatus = (typeof REPORT_JOB_STATUSES)[number];

/** Attempts after which a job that keeps dying (a crash it causes itself, say) is FAILED instead of taken again. */
export const REPORT_JOB_MAX_ATTEMPTS = 3;

/** Whether a claimed attempt may run, or the job has used up its attempts. */
export const attemptAllowed = (attempt: number): boolean => attempt <= REPORT_JOB_MAX_ATTEMPTS;

/** The REST path a finished job's file is downloaded from (same keys as the report routes); none before it succeeded. */
export const reportJobDownloadPath = (job: { id: string; status: ReportJobStatus }): string | null =>
  job.status === 'SUCCEEDED' ? `/v1/reports/jobs/${job.id}/csv` : null;

/** Bytes per stored chunk of a report file: memory holds one chunk at a time, writing and reading. */
export const REPORT_CHUNK_BYTES = 256 * 1024;

/**
 * Splits what the CSV writer hands over into chunks of `size` bytes: `push` answers the full chunks to store now and
 * keeps the rest; `rest` is the last, shorter one.
 */
export class ChunkBuffer {
  private parts: Buffer[] = [];
  private length = 0;

  constructor(private readonly size: number = REPORT_CHUNK_BYTES) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  }

  push(bytes: Buffer): Buffer[] {
    this.parts.push(bytes);
    this.length += bytes.length;
    const full: Buffer[] = [];
    if (this.length < this.size) return full;
    let all = Buffer.concat(this.parts, this.length);
    while (all.length >= this.size) {
      full.push(all.subarray(0, this.size));
      all = all.subarray(this.size);
    }
    this.parts = all.length > 0 ? [Buffer.from(all)] : [];
    this.length = all.length;
    return full;
  }

  rest(): Buffer | null {
    if (this.length === 0) return null;
    const last = Buffer.concat(this.parts, this.length);
    this.parts = [];
    this.length = 0;
    return last;
  }
}

import { createReadStream } from 'node:fs';
import { access, unlink } from 'node:fs/promises';
import { isRetryableFailure, OutageLog, systemClock, type BackgroundWorker, type SubgraphServices } from '@meterline/kit';
import { SEED_NAMES, type RawUsageEvent } from '../domain/usage-event';
import { ingestUsageEvents, type IngestContext, type IngestSummary } from '../store/usage-ingestion';
import { EventImportRepository, type ClaimedImport, type ImportProgress, type RejectedRow } from './event-import.repository';
import { ImportFileError, readFileRows } from '@meterline/kit/file-import';
import { columnOfEventField, mappedColumns, rowToUsageEvent, type ImportMapping } from './import-mapping';
import type { ImportsOptions } from './imports.config';

class LostClaimError extends Error {
  constructor(id: string) {
    super(`import ${id} was taken over by another worker`);
  }
}

/**
 * Refuses a CSV header that lacks a mapped column: every row would be rejected for the same reason. Names match
 * exactly (nothing is trimmed): a header cell with spaces around it is named, so the file can be fixed.
 */
export function checkCsvHeader(columns: string[], mapping: ImportMapping): void {
  const present = new Set(columns);
  for (const { column, field } of mappedColumns(mapping)) {
    if (present.has(column)) continue;
    const spaced = columns.find((c) => c.trim() === column);
    const hint = spaced === undefined ? '' : `; it has ${JSON.stringify(spaced)}, with spaces around it (nothing is trimmed)`;
    throw new ImportFileError(`the CSV header has no column "${column}"${hint} (${field})`);
  }
}

const HEARTBEAT_EVERY_MS = 10_000;
/**
 * Read size of the file: small enough that each decoded piece is an ordinary young-generation string (V8 puts strings
 * over ~128 KiB in large-object space, which only a full GC frees: with 1 MiB reads RSS grew by hundreds of MB).
 */
const READ_CHUNK_BYTES = 64 * 1024;

/**
 * Processes uploaded files in the background: claims a queued import, streams its rows through the ingestion pipeline
 * in chunks, records progress and rejected rows after each chunk, and finishes it. Memory holds one chunk, never the file.
 */
export class EventImportProcessor implements BackgroundWorker {
  private readonly imports: EventImportRepository;
  private readonly outage: OutageLog;
  private stopping = false;
  private loops: Array<Promise<void>> = [];
  private readonly sleepers = new Set<() => void>();

  constructor(
    private readonly services: SubgraphServices,
    private readonly options: ImportsOptions,
  ) {
    // Claims, heartbeats and staleness are leases between processes: real time, never a test clock moved by hours.
    this.imports = new EventImportRepository(services.db, systemClock);
    this.outage = new OutageLog(services.log, 'file import worker');
  }

  start(): void {
    this.stopping = false;
    this.loops = Array.from({ length: this.options.concurrency }, () => this.run());
  }

  /** Wakes idle loops now (an upload has just been queued on this node). */
  nudge(): void {
    for (const wake of [...this.sleepers]) wake();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    this.nudge();
    await Promise.all(this.loops);
    this.loops = [];
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      let worked = false;
      try {
        await this.requeueStale();
        const claim = await this.imports.claimNext({ nodeId: this.options.nodeId, sharedDirectory: this.options.sharedDirectory });
        this.outage.succeeded();
        if (claim) {
          worked = true;
          await this.process(claim);
        }
      } catch (error) {
        worked = false;
        this.outage.failed(error); // a database down for many polls: one warn, then one info when it is back
      }
      if (!worked) await this.sleep(this.options.pollIntervalMs);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.sleepers.add(wake);
    });
  }

  private async requeueStale(): Promise<void> {
    const givenUp = await this.imports.requeueStale(this.options.staleClaimMs, this.options.maxAttempts);
    for (const failed of givenUp) {
      if (this.options.sharedDirectory || failed.storedOn === this.options.nodeId) await removeFile(failed.filePath);
    }
  }

  /** Processes one claimed import to its end, or to the worker's stop (then it is released with its checkpoint). */
  async process(claim: ClaimedImport): Promise<void> {
    const log = this.services.log.child({ importId: claim.id, platformId: claim.platformId });
    const ctx: IngestContext = { platformId: claim.platformId, db: this.services.db, clock: this.services.clock };
    const { mapping, checksum } = claim;
    const chunkSize = this.options.chunkSize;
    const progress: ImportProgress = { ...claim.progress };
    const resumeAfter = progress.rowsRead;
    if (resumeAfter > 0) log.info({ resumeAfter }, 'resuming an interrupted file import');

    let events: RawUsageEvent[] = [];
    let eventRows: number[] = [];
    let rejections: RejectedRow[] = [];
    let lastRow = resumeAfter;
    let lastBeat = Date.now();

    const flush = async () => {
      if (lastRow === progress.rowsRead) return;
      if (events.length > 0) {
        const summaries = await ingestRowByRowOnFailure(ctx, events, chunkSize, claim.backfill, (index, error) => {
          log.warn({ err: error, rowNumber: eventRows[index] }, 'file import: a row could not be stored; rejected alone');
          rejections.push({
            rowNumber: eventRows[index],
            field: null,
            reason: 'the row could not be stored (its values are not storable text)',
          });
        });
        for (const { summary, offset } of summaries) {
          progress.accepted += summary.accepted;
          progress.unmatched += summary.unmatched;
          progress.duplicates += summary.duplicates;
          progress.conflicts += summary.conflicts;
          for (const result of summary.results) {
            if (result.status !== 'REJECTED') continue;
            rejections.push({
              rowNumber: eventRows[offset + result.index],
              field: columnOfEventField(result.field, mapping),
              reason: result.reason ?? 'rejected',
            });
          }
        }
        rejections.sort((a, b) => a.rowNumber - b.rowNumber);
      }
      progress.rejected += rejections.length;
      progress.rowsRead = lastRow;
      if (!(await this.imports.recordChunk(claim, progress, rejections))) throw new LostClaimError(claim.id);
      events = [];
      eventRows = [];
      rejections = [];
      lastBeat = Date.now();
    };

    if (!(await fileExists(claim.filePath))) {
      await this.imports.finish(claim, 'FAILED', 'the uploaded file is no longer available on this node; upload it again');
      return;
    }
    const stream = createReadStream(claim.filePath, { encoding: 'utf8', highWaterMark: READ_CHUNK_BYTES });
    try {
      const rows = readFileRows(claim.format, stream as AsyncIterable<string>, {
        onCsvHeader: (columns) => checkCsvHeader(columns, mapping),
      });
      for await (const row of rows) {
        if (row.rowNumber <= resumeAfter) {
          if (this.stopping) {
            await this.imports.release(claim, true);
            return;
          }
          if (Date.now() - lastBeat > HEARTBEAT_EVERY_MS) {
            if (!(await this.imports.heartbeat(claim))) throw new LostClaimError(claim.id);
            lastBeat = Date.now();
          }
          continue;
        }
        lastRow = row.rowNumber;
        if ('problem' in row) {
          rejections.push({ rowNumber: row.rowNumber, field: null, reason: row.problem });
        } else {
          const mapped = rowToUsageEvent(row.read, mapping, checksum, row.rowNumber);
          if ('rejected' in mapped) rejections.push({ rowNumber: row.rowNumber, ...mapped.rejected });
          else {
            events.push(mapped.event);
            eventRows.push(row.rowNumber);
          }
        }
        if (lastRow - progress.rowsRead >= chunkSize) {
          await flush();
          if (this.stopping) {
            await this.imports.release(claim, true);
            log.info({ rowsRead: progress.rowsRead }, 'file import released at stop; it resumes from its checkpoint');
            return;
          }
        }
      }
      await flush();
      await this.imports.finish(claim, 'COMPLETED', null);
      log.info({ ...progress }, 'file import completed');
    } catch (error) {
      if (error instanceof ImportFileError) {
        // the rows before the unreadable part are in; say so with the counters and the reason
        await flush();
        await this.imports.finish(claim, 'FAILED', error.message);
        log.info({ reason: error.message }, 'file import failed: the file cannot be read');
      } else if (error instanceof LostClaimError) {
        log.warn('file import claim lost to another worker; leaving it to that worker');
        return;
      } else if (claim.attempts >= this.options.maxAttempts) {
        log.error({ err: error }, 'file import failed on every attempt; giving up');
        await this.imports.finish(claim, 'FAILED', `processing failed ${claim.attempts} times; last error: internal error`);
      } else {
        await this.imports.release(claim, false).catch(() => undefined);
        throw error;
      }
    } finally {
      stream.destroy();
    }
    await removeFile(claim.filePath);
  }
}

/**
 * Ingests a chunk of rows in one go; when that fails for a reason of its own (not the database being away), each row
 * is ingested alone, so the row at fault is rejected (`onRowFailure`) and every other row is stored. Transient
 * failures are thrown: the import is retried from its checkpoint.
 */
async function ingestRowByRowOnFailure(
  ctx: IngestContext,
  events: RawUsageEvent[],
  chunkSize: number,
  backfill: boolean,
  onRowFailure: (index: number, error: unknown) => void,
): Promise<Array<{ summary: IngestSummary; offset: number }>> {
  try {
    return [{ summary: await ingestUsageEvents(ctx, events, { names: SEED_NAMES, maxEvents: chunkSize, backfill }), offset: 0 }];
  } catch (error) {
    if (isRetryableFailure(error)) throw error;
    if (events.length === 1) {
      onRowFailure(0, error);
      return [];
    }
  }
  const out: Array<{ summary: IngestSummary; offset: number }> = [];
  for (const [index, event] of events.entries()) {
    try {
      out.push({ summary: await ingestUsageEvents(ctx, [event], { names: SEED_NAMES, backfill }), offset: index });
    } catch (error) {
      if (isRetryableFailure(error)) throw error;
      onRowFailure(index, error);
    }
  }
  return out;
}

async function fileExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

async function removeFile(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}

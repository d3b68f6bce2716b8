import {
  isRetryableFailure,
  Loaders,
  PollingWorker,
  systemClock,
  type BackgroundWorker,
  type RequestContext,
  type SubgraphServices,
  clockOfPlatform,
} from '@meterline/kit';
import { ImportFileError, readFileRows, type FileRow } from '@meterline/kit/file-import';
import { columnOf, missingRequiredColumn, rejectionOf, type RecordMapping, type RowRejection } from '../domain/record-import';
import { PlatformSettingsRepository } from '../store/platform-settings.repository';
import {
  RecordImportRepository,
  type ClaimedRecordImport,
  type RecordImportProgress,
  type ReportedRow,
} from '../store/record-import.repository';
import { applyRecordRow } from '../use-cases/record-import-rows';

export interface RecordImportOptions {
  /** Rows applied per transaction (with the checkpoint). */
  chunkSize: number;
  /** A claim whose worker has not beaten for this long is taken over (its process died). */
  staleClaimMs: number;
  pollIntervalMs: number;
}

export const DEFAULT_RECORD_IMPORT_OPTIONS: RecordImportOptions = { chunkSize: 100, staleClaimMs: 30_000, pollIntervalMs: 500 };

class LostClaim extends Error {}

/**
 * Processes customer and subscription imports in the background: claims one, applies its rows chunk by chunk — each
 * chunk's rows, their report and the checkpoint in one transaction, each row under a savepoint so a bad row is
 * rejected alone — and finishes it. A killed worker's import is taken over once its heartbeat is stale and continues
 * after the last committed chunk.
 */
export class RecordImportProcessor implements BackgroundWorker {
  private readonly worker: PollingWorker;
  private readonly imports: RecordImportRepository;
  private stopping = false;

  constructor(
    private readonly services: SubgraphServices,
    private readonly options: RecordImportOptions = DEFAULT_RECORD_IMPORT_OPTIONS,
  ) {
    // Claims and heartbeats are leases between processes: real time, never a test clock moved by months.
    this.imports = new RecordImportRepository(services.db, systemClock);
    this.worker = new PollingWorker('record imports', () => this.round(), options.pollIntervalMs, services.log);
  }

  start(): void {
    this.stopping = false;
    this.worker.start();
  }

  nudge(): void {
    this.worker.nudge();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await this.worker.stop();
  }

  /** Claims and processes one import; returns 1 when there was one. */
  async round(): Promise<number> {
    const claim = await this.imports.claimNext(this.options.staleClaimMs);
    if (!claim) return 0;
    await this.process(claim);
    return 1;
  }

  /** Processes a claimed import to its end; `maxChunks` stops early as a killed process would (tests). */
  async process(claim: ClaimedRecordImport, maxChunks = Infinity): Promise<void> {
    const log = this.services.log.child({ importId: claim.id, platformId: claim.platformId });
    if (claim.rowsRead > 0) log.info({ resumeAfter: claim.rowsRead }, 'resuming an interrupted import');
    const mapping = claim.mapping;
    const rows = readFileRows(claim.format, oneChunk(claim.content), {
      onCsvHeader: (columns) => {
        const missing = missingRequiredColumn(claim.kind, columns, mapping);
        if (missing) throw new ImportFileError(`the CSV header has no column "${columnOf(missing, mapping)}" (${missing})`);
      },
    });
    let chunk: FileRow[] = [];
    let chunks = 0;
    try {
      for await (const row of rows) {
        if (row.rowNumber <= claim.rowsRead) continue;
        chunk.push(row);
        if (chunk.length < this.options.chunkSize) continue;
        await this.applyChunk(claim, chunk);
        chunk = [];
        if (++chunks >= maxChunks) return;
        if (this.stopping) return this.imports.release(claim);
      }
      if (chunk.length > 0) await this.applyChunk(claim, chunk);
      await this.imports.finish(claim, 'COMPLETED', null);
      log.info('import completed');
    } catch (error) {
      if (error instanceof LostClaim) return log.warn('import taken over by another worker; leaving it');
      if (error instanceof ImportFileError) {
        if (chunk.length > 0) await this.applyChunk(claim, chunk).catch(() => undefined);
        return this.imports.finish(claim, 'FAILED', error.message);
      }
      if (!isRetryableFailure(error)) {
        log.error({ err: error }, 'import failed');
        return this.imports.finish(claim, 'FAILED', 'internal error while applying the file');
      }
      await this.imports.release(claim).catch(() => undefined);
      throw error;
    }
  }

  private async applyChunk(claim: ClaimedRecordImport, rows: FileRow[]): Promise<void> {
    const ctx = this.contextOf(claim.platformId);
    const limits = await new PlatformSettingsRepository(ctx).historyLimits();
    await this.services.db.transact(async (tx) => {
      const committed = await this.imports.lockClaim(tx, claim);
      if (!committed) throw new LostClaim();
      const progress: RecordImportProgress = { ...committed };
      const reported: ReportedRow[] = [];
      for (const row of rows) {
        if (row.rowNumber <= progress.rowsRead) continue; // already applied (a takeover raced this chunk)
        progress.rowsRead = row.rowNumber;
        if ('problem' in row) {
          reported.push(rejected(row.rowNumber, { field: null, column: null, message: row.problem }));
          progress.rejected += 1;
          continue;
        }
        await tx.manager.query('SAVEPOINT import_row');
        try {
          const result = await applyRecordRow(claim.kind, row.read, { ctx, tx, mapping: claim.mapping, limits });
          await tx.manager.query('RELEASE SAVEPOINT import_row');
          if (result.outcome !== 'CONFLICT') progress[result.outcome === 'CREATED' ? 'created' : 'unchanged'] += 1;
          else {
            progress.conflicts += 1;
            reported.push({
              rowNumber: row.rowNumber,
              outcome: 'CONFLICT',
              reference: result.reference,
              field: result.fields[0],
              column: columnOf(result.fields[0], claim.mapping),
              message: `differs from what exists under this reference in ${result.fields.join(', ')}; not applied (change it through the API)`,
            });
          }
        } catch (error) {
          await tx.manager.query('ROLLBACK TO SAVEPOINT import_row');
          const rejection = rejectionOf(error, claim.mapping);
          if (!rejection) throw error;
          progress.rejected += 1;
          reported.push(rejected(row.rowNumber, rejection, referenceOf(row, claim.mapping)));
        }
      }
      await this.imports.recordChunk(tx, claim, progress, reported);
      claim.rowsRead = progress.rowsRead;
    });
  }

  private contextOf(platformId: string): RequestContext {
    const { db, clock, log } = this.services;
    // the platform's business time (a sandbox's own), as a request of that platform has it: backdating limits, createdAt
    return {
      platformId,
      role: 'admin',
      requestId: `record-import:${platformId}`,
      log,
      db,
      clock: clockOfPlatform(clock, platformId),
      loaders: new Loaders(),
    };
  }
}

function rejected(rowNumber: number, rejection: RowRejection, reference: string | null = null): ReportedRow {
  return { rowNumber, outcome: 'REJECTED', reference, ...rejection };
}

function referenceOf(row: FileRow, mapping: RecordMapping): string | null {
  if ('problem' in row) return null;
  const value = row.read(columnOf('reference', mapping));
  return typeof value === 'string' ? value.slice(0, 255) : null;
}

async function* oneChunk(text: string): AsyncGenerator<string> {
  yield text;
}

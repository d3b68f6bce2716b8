import { randomUUID } from 'node:crypto';
import { returnedRows, type Clock, type ServiceDb } from '@meterline/kit';
import type { ImportFormat } from '@meterline/kit/file-import';
import type { ImportMapping } from './import-mapping';
import type { ImportStatus } from './event-import.entity';

/** An import a worker holds: the claim token proves the claim is still its own (another replica may have taken it over). */
export interface ClaimedImport {
  id: string;
  platformId: string;
  format: ImportFormat;
  mapping: ImportMapping;
  checksum: string;
  filePath: string;
  claimToken: string;
  /** Historical usage: stored and counted, never billed (see usage-ingestion). */
  backfill: boolean;
  /** Claims of this import so far, this one included. */
  attempts: number;
  progress: ImportProgress;
}

/** Counters of an import; `rowsRead` is also the checkpoint a resumed import continues after. */
export interface ImportProgress {
  rowsRead: number;
  accepted: number;
  unmatched: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
}

export interface RejectedRow {
  rowNumber: number;
  field: string | null;
  reason: string;
}

export interface NewImport {
  platformId: string;
  format: ImportFormat;
  mapping: ImportMapping;
  checksum: string;
  byteSize: number;
  filePath: string;
  storedOn: string;
  backfill: boolean;
}

/** Where a node may take imports from: its own disk, or a directory every replica shares. */
export interface ClaimScope {
  nodeId: string;
  sharedDirectory: boolean;
}

interface ImportRow {
  id: string;
  platform_id: string;
  format: ImportFormat;
  mapping: ImportMapping;
  checksum: string;
  file_path: string;
  claim_token: string;
  backfill: boolean;
  attempts: number;
  rows_read: number;
  accepted: number;
  unmatched: number;
  duplicates: number;
  conflicts: number;
  rejected: number;
}

/** TypeORM answers UPDATE/DELETE with [rows, count] and other statements with rows. */
/** SQL of file imports. Requests filter by platform; workers act by import id under their claim token. */
export class EventImportRepository {
  constructor(
    private readonly db: ServiceDb,
    private readonly clock: Clock,
  ) {}

  async insert(upload: NewImport): Promise<{ id: string; status: ImportStatus; createdAt: Date }> {
    const [row] = await this.db.query<{ id: string; status: ImportStatus; created_at: Date }>(
      `INSERT INTO event_imports (platform_id, status, format, mapping, checksum, byte_size, file_path, stored_on, created_at, backfill)
       VALUES ($1, 'QUEUED', $2, $3::jsonb, $4, $5, $6, $7, $8, $9)
       RETURNING id, status, created_at`,
      [
        upload.platformId,
        upload.format,
        JSON.stringify(upload.mapping),
        upload.checksum,
        upload.byteSize,
        upload.filePath,
        upload.storedOn,
        this.clock.now(),
        upload.backfill,
      ],
    );
    return { id: row.id, status: row.status, createdAt: row.created_at };
  }

  /**
   * Claims the oldest queued import this node may process. `FOR UPDATE SKIP LOCKED`: replicas polling at once each get a
   * different import, or none; never the same one.
   */
  async claimNext(scope: ClaimScope): Promise<ClaimedImport | null> {
    const now = this.clock.now();
    const rows = returnedRows<ImportRow>(
      await this.db.query(
        `UPDATE event_imports i
            SET status = 'PROCESSING', claim_token = $1, heartbeat_at = $2, started_at = coalesce(i.started_at, $2),
                attempts = i.attempts + 1
           FROM (SELECT id FROM event_imports
                  WHERE status = 'QUEUED' AND ($3::boolean OR stored_on = $4)
                  ORDER BY created_at, id
                  LIMIT 1
                  FOR UPDATE SKIP LOCKED) next
          WHERE i.id = next.id
      RETURNING i.id, i.platform_id, i.format, i.mapping, i.checksum, i.file_path, i.claim_token, i.backfill, i.attempts,
                i.rows_read, i.accepted, i.unmatched, i.duplicates, i.conflicts, i.rejected`,
        [randomUUID(), now, scope.sharedDirectory, scope.nodeId],
      ),
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      platformId: row.platform_id,
      format: row.format,
      mapping: row.mapping,
      checksum: row.checksum,
      filePath: row.file_path,
      claimToken: row.claim_token,
      backfill: row.backfill,
      attempts: row.attempts,
      progress: {
        rowsRead: row.rows_read,
        accepted: row.accepted,
        unmatched: row.unmatched,
        duplicates: row.duplicates,
        conflicts: row.conflicts,
        rejected: row.rejected,
      },
    };
  }

  /**
   * Imports whose worker stopped sending heartbeats (a crashed process) go back to QUEUED and are re-processed from
   * their checkpoint; after `maxAttempts` claims an import is FAILED instead, so a file that kills its worker cannot loop.
   * Returns the imports given up on, for their files to be removed.
   */
  async requeueStale(staleAfterMs: number, maxAttempts: number): Promise<Array<{ id: string; filePath: string; storedOn: string }>> {
    const now = this.clock.now();
    const rows = returnedRows<{ id: string; status: ImportStatus; file_path: string; stored_on: string }>(
      await this.db.query(
        `UPDATE event_imports
            SET status = CASE WHEN attempts >= $2 THEN 'FAILED' ELSE 'QUEUED' END,
                error = CASE WHEN attempts >= $2 THEN 'processing was interrupted ' || attempts || ' times; gave up' ELSE error END,
                finished_at = CASE WHEN attempts >= $2 THEN $3::timestamptz ELSE NULL END,
                claim_token = NULL
          WHERE status = 'PROCESSING' AND heartbeat_at < $1
      RETURNING id, status, file_path, stored_on`,
        [new Date(now.getTime() - staleAfterMs), maxAttempts, now],
      ),
    );
    return rows.filter((r) => r.status === 'FAILED').map((r) => ({ id: r.id, filePath: r.file_path, storedOn: r.stored_on }));
  }

  /**
   * Records one processed chunk: its rejected rows and the new counters (the checkpoint), in one transaction, and keeps
   * the claim alive. False when the claim was lost (this worker was presumed dead and another took over).
   */
  async recordChunk(claim: ClaimedImport, progress: ImportProgress, rejections: RejectedRow[]): Promise<boolean> {
    return this.db.transact(async (tx) => {
      const updated = returnedRows<{ id: string }>(
        await tx.manager.query(
          `UPDATE event_imports
              SET rows_read = $3, accepted = $4, unmatched = $5, duplicates = $6, conflicts = $7, rejected = $8, heartbeat_at = $9
            WHERE id = $1 AND claim_token = $2 AND status = 'PROCESSING'
        RETURNING id`,
          [
            claim.id,
            claim.claimToken,
            progress.rowsRead,
            progress.accepted,
            progress.unmatched,
            progress.duplicates,
            progress.conflicts,
            progress.rejected,
            this.clock.now(),
          ],
        ),
      );
      if (updated.length === 0) return false;
      if (rejections.length > 0) {
        await tx.manager.query(
          `INSERT INTO event_import_rejections (platform_id, import_id, row_number, field, reason)
           SELECT $1, $2, r.row_number, r.field, r.reason
             FROM unnest($3::int[], $4::text[], $5::text[]) AS r(row_number, field, reason)
           ON CONFLICT (import_id, row_number) DO NOTHING`,
          [claim.platformId, claim.id, rejections.map((r) => r.rowNumber), rejections.map((r) => r.field), rejections.map((r) => r.reason)],
        );
      }
      return true;
    });
  }

  /** Keeps a claim alive while no chunk is recorded (e.g. while a resumed import skips what it already did). */
  async heartbeat(claim: ClaimedImport): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.db.query(
        `UPDATE event_imports SET heartbeat_at = $3 WHERE id = $1 AND claim_token = $2 AND status = 'PROCESSING' RETURNING id`,
        [claim.id, claim.claimToken, this.clock.now()],
      ),
    );
    return rows.length > 0;
  }

  async finish(claim: ClaimedImport, status: 'COMPLETED' | 'FAILED', error: string | null): Promise<boolean> {
    const rows = returnedRows<{ id: string }>(
      await this.db.query(
        `UPDATE event_imports SET status = $3, error = $4, finished_at = $5, claim_token = NULL
          WHERE id = $1 AND claim_token = $2 AND status = 'PROCESSING'
      RETURNING id`,
        [claim.id, claim.claimToken, status, error, this.clock.now()],
      ),
    );
    return rows.length > 0;
  }

  /**
   * Gives a claim back: the import waits, with its checkpoint, for the next worker. A graceful stop (`planned`) does not
   * count as an attempt; a failure does.
   */
  async release(claim: ClaimedImport, planned: boolean): Promise<void> {
    await this.db.query(
      `UPDATE event_imports SET status = 'QUEUED', claim_token = NULL, attempts = attempts - CASE WHEN $3::boolean THEN 1 ELSE 0 END
        WHERE id = $1 AND claim_token = $2 AND status = 'PROCESSING'`,
      [claim.id, claim.claimToken, planned],
    );
  }
}

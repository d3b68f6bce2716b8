import { randomUUID } from 'node:crypto';
import { isUuid, returnedRows, type Clock, type ServiceDb, type Transaction } from '@meterline/kit';
import type { ImportFormat } from '@meterline/kit/file-import';
import type { RecordImportKind, RecordMapping, RowRejection } from '../domain/record-import';

export type RecordImportStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';

/** Counters of an import; `rowsRead` is the checkpoint a resumed import continues after. */
export interface RecordImportProgress {
  rowsRead: number;
  created: number;
  unchanged: number;
  conflicts: number;
  rejected: number;
}

export interface RecordImportRow extends RecordImportProgress {
  id: string;
  platformId: string;
  kind: RecordImportKind;
  status: RecordImportStatus;
  format: ImportFormat;
  mapping: RecordMapping;
  checksum: string;
  byteSize: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** An import a worker holds, with its file; the claim token proves it is still the worker's own. */
export interface ClaimedRecordImport extends RecordImportRow {
  content: string;
  claimToken: string;
}

/** A row of the result report: rejected (not valid), or in conflict with what exists under its reference. */
export interface ReportedRow extends RowRejection {
  rowNumber: number;
  outcome: 'REJECTED' | 'CONFLICT';
  reference: string | null;
}

const columns = (t = '') => `${t}id, ${t}platform_id AS "platformId", ${t}kind, ${t}status, ${t}format, ${t}mapping, ${t}checksum,
  ${t}byte_size AS "byteSize", ${t}rows_read AS "rowsRead", ${t}created, ${t}unchanged, ${t}conflicts, ${t}rejected, ${t}error,
  ${t}created_at AS "createdAt", ${t}started_at AS "startedAt", ${t}finished_at AS "finishedAt"`;
const COLUMNS = columns();

/** SQL of customer and subscription imports. Requests filter by platform; workers act by id under their claim token. */
export class RecordImportRepository {
  constructor(
    private readonly db: ServiceDb,
    private readonly clock: Clock,
  ) {}

  async insert(upload: {
    platformId: string;
    kind: RecordImportKind;
    format: ImportFormat;
    mapping: RecordMapping;
    checksum: string;
    byteSize: number;
    content: string;
  }): Promise<RecordImportRow> {
    const [row] = await this.db.query<RecordImportRow>(
      `INSERT INTO record_imports (platform_id, kind, status, format, mapping, checksum, byte_size, content, created_at)
       VALUES ($1, $2, 'QUEUED', $3, $4::jsonb, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [
        upload.platformId,
        upload.kind,
        upload.format,
        JSON.stringify(upload.mapping),
        upload.checksum,
        upload.byteSize,
        upload.content,
        this.clock.now(),
      ],
    );
    return row;
  }

  async byId(platformId: string, id: string): Promise<RecordImportRow | null> {
    if (!isUuid(id)) return null;
    const [row] = await this.db.query<RecordImportRow>(`SELECT ${COLUMNS} FROM record_imports WHERE platform_id = $1 AND id = $2`, [
      platformId,
      id,
    ]);
    return row ?? null;
  }

  /** The reported rows of an import, by row number, from `afterRow` on. */
  async reportedRows(platformId: string, importId: string, afterRow: number, limit: number): Promise<ReportedRow[]> {
    return this.db.query<ReportedRow>(
      `SELECT row_number AS "rowNumber", outcome, reference, field, column_name AS "column", message FROM record_import_rows
        WHERE platform_id = $1 AND import_id = $2 AND row_number > $3 ORDER BY row_number LIMIT $4`,
      [platformId, importId, afterRow, limit],
    );
  }

  /**
   * Claims the oldest queued import, or one whose worker stopped beating (a killed process): it resumes after its
   * checkpoint. SKIP LOCKED: replicas polling at once each get a different import, or none.
   */
  async claimNext(staleMs: number): Promise<ClaimedRecordImport | null> {
    const now = this.clock.now();
    const rows = returnedRows<ClaimedRecordImport>(
      await this.db.query(
        `UPDATE record_imports i
            SET status = 'PROCESSING', claim_token = $1, heartbeat_at = $2, started_at = coalesce(i.started_at, $2)
           FROM (SELECT id FROM record_imports
                  WHERE status = 'QUEUED' OR (status = 'PROCESSING' AND heartbeat_at < $3)
                  ORDER BY created_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) next
          WHERE i.id = next.id
      RETURNING ${columns('i.')}, i.content, i.claim_token AS "claimToken"`,
        [randomUUID(), now, new Date(now.getTime() - staleMs)],
      ),
    );
    return rows[0] ?? null;
  }

  /**
   * In the chunk's own transaction: locks the import and checks the claim is still this worker's (else null: leave
   * it). The rows applied in this transaction and the checkpoint then commit together — each row is applied once.
   */
  async lockClaim(tx: Transaction, claim: ClaimedRecordImport): Promise<RecordImportProgress | null> {
    const [row] = (await tx.manager.query(
      `SELECT rows_read AS "rowsRead", created, unchanged, conflicts, rejected FROM record_imports
        WHERE id = $1 AND claim_token = $2 AND status = 'PROCESSING' FOR UPDATE`,
      [claim.id, claim.claimToken],
    )) as RecordImportProgress[];
    return row ?? null;
  }

  async recordChunk(tx: Transaction, claim: ClaimedRecordImport, progress: RecordImportProgress, reported: ReportedRow[]): Promise<void> {
    if (reported.length > 0)
      await tx.manager.query(
        `INSERT INTO record_import_rows (platform_id, import_id, row_number, outcome, reference, field, column_name, message)
         SELECT $1, $2, * FROM unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[])
         ON CONFLICT DO NOTHING`,
        [
          claim.platformId,
          claim.id,
          reported.map((r) => r.rowNumber),
          reported.map((r) => r.outcome),
          reported.map((r) => r.reference),
          reported.map((r) => r.field),
          reported.map((r) => r.column),
          reported.map((r) => r.message),
        ],
      );
    await tx.manager.query(
      `UPDATE record_imports SET rows_read = $2, created = $3, unchanged = $4, conflicts = $5, rejected = $6, heartbeat_at = $7
        WHERE id = $1`,
      [claim.id, progress.rowsRead, progress.created, progress.unchanged, progress.conflicts, progress.rejected, this.clock.now()],
    );
  }

  async finish(claim: ClaimedRecordImport, status: 'COMPLETED' | 'FAILED', error: string | null): Promise<void> {
    await this.db.query(
      `UPDATE record_imports SET status = $3, error = $4, finished_at = $5, claim_token = NULL, content = ''
        WHERE id = $1 AND claim_token = $2`,
      [claim.id, claim.claimToken, status, error, this.clock.now()],
    );
  }

  /** Hands the import back at a stop: queued again, resumed from its checkpoint by the next worker. */
  async release(claim: ClaimedRecordImport): Promise<void> {
    await this.db.query(`UPDATE record_imports SET status = 'QUEUED', claim_token = NULL WHERE id = $1 AND claim_token = $2`, [
      claim.id,
      claim.claimToken,
    ]);
  }
}

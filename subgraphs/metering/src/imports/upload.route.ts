import { isUuid } from '@meterline/kit';
import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SubgraphDefinition, SubgraphServices, Tenant } from '@meterline/kit';
import { EventImportRepository } from './event-import.repository';
import {
  BodyTooLarge,
  ImportFileError,
  importFormatOf,
  readCsvHeader,
  receiveBody,
  sendUploadRefusal,
  singleValue,
  UploadRefusal,
  type ImportFormat,
} from '@meterline/kit/file-import';
import { checkCsvHeader } from './event-import.processor';
import { validateImportMapping, type ImportMapping } from './import-mapping';
import type { ImportsOptions } from './imports.config';

type RestRouter = Parameters<NonNullable<SubgraphDefinition['rest']>>[0];

const badRequest = (field: string, message: string) => new UploadRefusal(400, 'BAD_USER_INPUT', field, message);

const UPLOAD_ROLES = new Set(['admin', 'ingest']);

function formatOf(query: Record<string, unknown>, contentType: string | undefined): ImportFormat {
  const format = importFormatOf(singleValue(query.format), contentType);
  if ('problem' in format) throw badRequest('format', format.problem);
  return format.format;
}

/** `backfill=true`: the file is historical usage, stored and counted but never billed; default false. */
function backfillOf(query: Record<string, unknown>): boolean {
  const given = singleValue(query.backfill);
  if (given === undefined || given === 'false') return false;
  if (given === 'true') return true;
  throw badRequest('backfill', 'backfill must be true or false');
}

function mappingOf(query: Record<string, unknown>, header: string | string[] | undefined): ImportMapping {
  const raw = singleValue(query.mapping) ?? singleValue(header);
  if (raw === undefined || raw.trim() === '') {
    throw badRequest('mapping', 'mapping is required: a JSON object in the mapping query parameter or the x-meterline-mapping header');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw badRequest('mapping', 'mapping must be valid JSON');
  }
  const checked = validateImportMapping(parsed);
  if ('problem' in checked) throw badRequest(checked.problem.field, checked.problem.message);
  return checked.mapping;
}

/** What a client sees of an import over REST. */
function importJson(row: Record<string, unknown>) {
  return {
    id: row.id,
    status: row.status,
    format: row.format,
    checksum: row.checksum,
    byteSize: Number(row.byte_size),
    rowsRead: row.rows_read,
    accepted: row.accepted,
    unmatched: row.unmatched,
    duplicates: row.duplicates,
    conflicts: row.conflicts,
    rejected: row.rejected,
    backfill: row.backfill,
    error: row.error,
    createdAt: row.created_at,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}

/**
 * `POST /v1/imports?format=csv|json|ndjson` with the raw file as body and the mapping as `mapping` (query) or
 * `x-meterline-mapping` (header): 202 `{ id, status }` once the file is stored and queued.
 * `GET /v1/imports/:id`: the import with its progress counters.
 */
export function mountImportRoutes(router: RestRouter, services: SubgraphServices, options: ImportsOptions, queued: () => void): void {
  const imports = new EventImportRepository(services.db, services.clock);

  const refuse = sendUploadRefusal;

  router.post('/imports', async (req, res) => {
    const tenant = res.locals.tenant as Tenant;
    let bodyUnread = true;
    let path: string | undefined;
    try {
      if (!UPLOAD_ROLES.has(tenant.role))
        throw new UploadRefusal(403, 'FORBIDDEN', undefined, 'Uploading events needs an admin or ingest key');
      const format = formatOf(req.query as Record<string, unknown>, req.headers['content-type']);
      const mapping = mappingOf(req.query as Record<string, unknown>, req.headers['x-meterline-mapping']);
      const backfill = backfillOf(req.query as Record<string, unknown>);
      const declared = Number(req.headers['content-length'] ?? NaN);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        throw new UploadRefusal(413, 'BAD_USER_INPUT', 'body', `the file is larger than the limit of ${options.maxBytes} bytes`);
      }

      await mkdir(options.directory, { recursive: true });
      path = join(options.directory, `${randomUUID()}.${format.toLowerCase()}`);
      let received: { checksum: string; byteSize: number };
      try {
        received = await receiveBody(req, path, options.maxBytes);
        bodyUnread = false;
      } catch (error) {
        if (error instanceof BodyTooLarge) {
          throw new UploadRefusal(413, 'BAD_USER_INPUT', 'body', `the file is larger than the limit of ${options.maxBytes} bytes`);
        }
        throw error;
      }
      if (received.byteSize === 0) throw badRequest('body', 'the file is empty: send the file as the request body');

      if (format === 'CSV') {
        // Checked now, not row by row later: a header without a mapped column would reject every row the same way.
        const header = await readCsvHeader(createReadStream(path, { encoding: 'utf8', highWaterMark: 64 * 1024 })).catch((error) => {
          if (error instanceof ImportFileError) throw badRequest('body', error.message);
          throw error;
        });
        if (!header || header.fields.every((f) => f.trim() === '')) throw badRequest('body', 'the CSV file has no header row');
        if (header.problem) throw badRequest('body', `the CSV header row cannot be read: ${header.problem}`);
        try {
          checkCsvHeader(header.fields, mapping);
        } catch (error) {
          if (!(error instanceof ImportFileError)) throw error;
          const field = /\((mapping[^)]*)\)$/.exec(error.message)?.[1] ?? 'mapping';
          throw badRequest(field, error.message);
        }
      }

      const created = await imports.insert({
        platformId: tenant.platformId,
        format,
        mapping,
        checksum: received.checksum,
        byteSize: received.byteSize,
        filePath: path,
        storedOn: options.nodeId,
        backfill,
      });
      path = undefined; // the worker owns the file now
      queued();
      res.status(202).json({ id: created.id, status: created.status, checksum: received.checksum, byteSize: received.byteSize });
    } catch (error) {
      if (path) await unlink(path).catch(() => undefined);
      if (error instanceof UploadRefusal) return refuse(req, res, error, bodyUnread);
      services.log.error({ err: error }, 'file upload failed');
      if (res.headersSent || req.socket.destroyed) return;
      refuse(req, res, new UploadRefusal(500, 'INTERNAL_SERVER_ERROR', undefined, 'Internal server error'), bodyUnread);
    }
  });

  router.get('/imports/:id', async (req, res) => {
    const tenant = res.locals.tenant as Tenant;
    const id = String(req.params.id);
    const [row] = isUuid(id)
      ? await services.db.query<Record<string, unknown>>(`SELECT * FROM event_imports WHERE id = $1 AND platform_id = $2`, [
          id,
          tenant.platformId,
        ])
      : [];
    if (!row) {
      res.status(404).json({ errors: [{ message: 'Import not found', extensions: { code: 'NOT_FOUND', field: 'id' } }] });
      return;
    }
    res.json(importJson(row));
  });
}

import { randomUUID } from 'node:crypto';
import { readFile, unlink, mkdir } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SubgraphDefinition, SubgraphServices, Tenant } from '@meterline/kit';
import { BodyTooLarge, importFormatOf, receiveBody, sendUploadRefusal, singleValue, UploadRefusal } from '@meterline/kit/file-import';
import { validateRecordMapping, type RecordImportKind } from '../domain/record-import';
import { RecordImportRepository, type RecordImportRow } from '../store/record-import.repository';

type RestRouter = Parameters<NonNullable<SubgraphDefinition['rest']>>[0];

/** A customer or subscription file is held in the database while it is applied: up to this size (about 100k rows). */
export const MAX_RECORD_IMPORT_BYTES = 20 * 1024 * 1024;

/** What a client sees of an import over REST (the rows report is in GraphQL: recordImport { rows }). */
export function recordImportJson(row: RecordImportRow) {
  const { platformId: _platform, mapping: _mapping, ...rest } = row;
  return rest;
}

const ROUTES: Array<{ path: string; kind: RecordImportKind }> = [
  { path: '/customer-imports', kind: 'CUSTOMERS' },
  { path: '/subscription-imports', kind: 'SUBSCRIPTIONS' },
];

/**
 * `POST /v1/customer-imports` and `POST /v1/subscription-imports` (`?format=csv|json|ndjson`, optional `mapping` query
 * parameter or `x-meterline-mapping` header: a JSON object field → column), the file as the body: 202 with the queued
 * import. `GET` on `/<path>/:id`: the import with its counters. Admin keys upload; admin and read keys read.
 */
export function mountRecordImportRoutes(router: RestRouter, services: SubgraphServices, queued: () => void): void {
  const imports = new RecordImportRepository(services.db, services.clock);
  for (const { path, kind } of ROUTES) {
    router.post(path, async (req, res) => {
      const tenant = res.locals.tenant as Tenant;
      let file: string | undefined;
      let bodyUnread = true;
      try {
        if (tenant.role !== 'admin')
          throw new UploadRefusal(403, 'FORBIDDEN', undefined, 'Importing customers or subscriptions needs an admin key');
        const query = req.query as Record<string, unknown>;
        const format = importFormatOf(singleValue(query.format), req.headers['content-type']);
        if ('problem' in format) throw new UploadRefusal(400, 'BAD_USER_INPUT', 'format', format.problem);
        const rawMapping = singleValue(query.mapping) ?? singleValue(req.headers['x-meterline-mapping']);
        let parsed: unknown = null;
        if (rawMapping !== undefined && rawMapping.trim() !== '') {
          try {
            parsed = JSON.parse(rawMapping);
          } catch {
            throw new UploadRefusal(400, 'BAD_USER_INPUT', 'mapping', 'mapping must be valid JSON');
          }
        }
        const mapping = validateRecordMapping(kind, parsed);
        if ('problem' in mapping) throw new UploadRefusal(400, 'BAD_USER_INPUT', mapping.problem.field, mapping.problem.message);
        const directory = join(tmpdir(), 'meterline-record-imports');
        await mkdir(directory, { recursive: true });
        file = join(directory, randomUUID());
        let received: { checksum: string; byteSize: number };
        try {
          received = await receiveBody(req as IncomingMessage, file, MAX_RECORD_IMPORT_BYTES);
          bodyUnread = false;
        } catch (error) {
          if (error instanceof BodyTooLarge)
            throw new UploadRefusal(413, 'BAD_USER_INPUT', 'body', `the file is larger than the limit of ${MAX_RECORD_IMPORT_BYTES} bytes`);
          throw error;
        }
        if (received.byteSize === 0)
          throw new UploadRefusal(400, 'BAD_USER_INPUT', 'body', 'the file is empty: send the file as the request body');
        const content = await readFile(file, 'utf8');
        const created = await imports.insert({
          platformId: tenant.platformId,
          kind,
          format: format.format,
          mapping: mapping.mapping,
          checksum: received.checksum,
          byteSize: received.byteSize,
          // Postgres text holds no NUL: a row with one is rejected as a cell that is not text (cellTextProblem).
          content: content.replaceAll('\u0000', '\uFFFD'),
        });
        queued();
        res.status(202).json(recordImportJson(created));
      } catch (error) {
        const refusal =
          error instanceof UploadRefusal ? error : new UploadRefusal(500, 'INTERNAL_SERVER_ERROR', undefined, 'Internal server error');
        if (!(error instanceof UploadRefusal)) services.log.error({ err: error }, 'record import upload failed');
        sendUploadRefusal(req, res, refusal, bodyUnread);
      } finally {
        if (file) await unlink(file).catch(() => undefined);
      }
    });

    router.get(`${path}/:id`, async (req, res) => {
      const tenant = res.locals.tenant as Tenant;
      const row = await imports.byId(tenant.platformId, String(req.params.id));
      if (!row || row.kind !== kind)
        return sendUploadRefusal(req, res, new UploadRefusal(404, 'NOT_FOUND', 'id', 'Import not found'), false);
      res.json(recordImportJson(row));
    });
  }
}

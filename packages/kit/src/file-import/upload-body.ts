import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ImportFormats, type ImportFormat } from './file-rows';

/** A query parameter or header given once (the first one when repeated); undefined when absent or not text. */
export function singleValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return singleValue(value[0]);
  return typeof value === 'string' ? value : undefined;
}

/** Body content types that say the format when no `format` parameter does. */
const CONTENT_TYPES: Record<string, ImportFormat> = {
  'text/csv': 'CSV',
  'application/json': 'JSON',
  'application/x-ndjson': 'NDJSON',
  'application/ndjson': 'NDJSON',
  'application/jsonl': 'NDJSON',
};

/** The format of an uploaded file: the `format` parameter (csv, json, ndjson), else the body's content type. */
export function importFormatOf(given: string | undefined, contentType: string | undefined): { format: ImportFormat } | { problem: string } {
  if (given !== undefined) {
    const format = given.trim().toUpperCase();
    if (!(ImportFormats as readonly string[]).includes(format))
      return { problem: `format must be one of csv, json, ndjson; got "${given}"` };
    return { format: format as ImportFormat };
  }
  const byType = CONTENT_TYPES[(contentType ?? '').split(';')[0].trim().toLowerCase()];
  if (byType) return { format: byType };
  return { problem: 'format is required: ?format=csv, json or ndjson (or a text/csv, application/json or application/x-ndjson body)' };
}

/** The request body went past the size limit (nothing more of it was read). */
export class BodyTooLarge extends Error {}

/**
 * Streams the request body to `path` while hashing it: memory holds one network chunk at a time, whatever the size.
 * Stops reading (without destroying the connection, so a 413 can still be sent) once the body exceeds `maxBytes`.
 */
export function receiveBody(req: IncomingMessage, path: string, maxBytes: number): Promise<{ checksum: string; byteSize: number }> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    const out = createWriteStream(path, { flags: 'wx' });
    let byteSize = 0;
    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.off('data', onData);
      req.unpipe();
      out.destroy();
      reject(error);
    };
    const onData = (chunk: Buffer) => {
      byteSize += chunk.length;
      if (byteSize > maxBytes) return fail(new BodyTooLarge());
      hash.update(chunk);
      if (!out.write(chunk)) {
        req.pause();
        out.once('drain', () => req.resume());
      }
    };
    req.on('data', onData);
    req.once('end', () => {
      if (settled) return;
      out.end(() => {
        if (settled) return;
        settled = true;
        resolve({ checksum: hash.digest('hex'), byteSize });
      });
    });
    req.once('error', fail);
    req.once('close', () => {
      if (!req.complete) fail(new Error('the client aborted the upload'));
    });
    out.once('error', fail);
  });
}

/** What an upload route needs of an express response. */
export interface UploadReply {
  locals: Record<string, unknown>;
  headersSent: boolean;
  status(code: number): UploadReply;
  json(body: unknown): unknown;
  set(field: string, value: string): unknown;
  on(event: 'finish', listener: () => void): unknown;
}

/** A refusal as REST clients of Meterline get it: the GraphQL error shape, naming the field. */
export class UploadRefusal extends Error {
  constructor(
    readonly httpStatus: number,
    readonly code: string,
    readonly field: string | undefined,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Answers an upload with its refusal. A body not read yet is not read when large (answer, then close the connection);
 * a small one is drained for keep-alive.
 */
export function sendUploadRefusal(req: IncomingMessage, res: UploadReply, refusal: UploadRefusal, bodyUnread: boolean): void {
  if (bodyUnread) {
    const length = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(length) && length <= 1024 * 1024) req.resume();
    else {
      res.set('Connection', 'close');
      res.on('finish', () => req.socket.destroy());
    }
  }
  res.status(refusal.httpStatus).json({
    errors: [{ message: refusal.message, extensions: { code: refusal.code, ...(refusal.field ? { field: refusal.field } : {}) } }],
  });
}

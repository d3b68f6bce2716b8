import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { ImportFormats, type ImportFormat } from './file-rows';

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

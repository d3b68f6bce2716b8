import type { FieldError } from '../errors';
import { storedApiKey } from '../session';
import type { ImportMapping } from './uploadMapping';
import { fileScanner, type FileFormat, type FilePreview } from './uploadPreview';

/** Piece of the file read at a time: the preview shows after the first one, rows are counted over all of them. */
const READ_BYTES = 4 * 1024 * 1024;

function readBytes(blob: Blob): Promise<ArrayBuffer> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as ArrayBuffer);
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}

/**
 * Reads a file piece by piece as UTF-8: `onPreview` gets the preview after the first piece (done = false) and after
 * each further one with the rows counted so far, then the final preview (done = true). Stops when `cancelled()`.
 */
export async function scanFile(
  file: Blob,
  format: FileFormat,
  onPreview: (preview: FilePreview, done: boolean) => void,
  cancelled: () => boolean,
  pieceBytes = READ_BYTES,
): Promise<void> {
  const scanner = fileScanner(format);
  const decoder = new TextDecoder('utf-8');
  for (let offset = 0; offset < file.size; offset += pieceBytes) {
    const bytes = await readBytes(file.slice(offset, offset + pieceBytes));
    if (cancelled()) return;
    scanner.push(decoder.decode(bytes, { stream: true }));
    const preview = scanner.preview();
    if (preview.problem) return onPreview(preview, true);
    if (offset + pieceBytes < file.size) onPreview(preview, false);
  }
  scanner.push(decoder.decode());
  scanner.end();
  onPreview(scanner.preview(), true);
}

export interface UploadRequest {
  file: Blob;
  format: FileFormat;
  /** An event mapping, or a customer/subscription import's field → column object. */
  mapping: ImportMapping | Record<string, string>;
  /** Bytes sent so far. */
  onProgress: (loaded: number, total: number) => void;
}

/** Sends a file to `POST /v1/imports`: resolves with the queued import, rejects with an UploadRefused. */
export type Uploader = (request: UploadRequest) => Promise<{ id: string; status: string }>;

/** The API (or the network) refused the upload: its errors, each with the field it names. */
export class UploadRefused extends Error {
  constructor(readonly errors: FieldError[]) {
    super(errors.map((e) => e.message).join('\n'));
    this.name = 'UploadRefused';
  }
}

/** The errors of a refused upload: the API answers in the GraphQL error shape; anything else is told by its status. */
export function refusalErrors(status: number, body: string): FieldError[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = null;
  }
  const errors = (parsed as { errors?: unknown } | null)?.errors;
  if (Array.isArray(errors) && errors.length > 0) {
    return errors.map((e: { message?: unknown; extensions?: { field?: unknown; code?: unknown } }) => ({
      message: typeof e?.message === 'string' ? e.message : `The upload was refused (HTTP ${status})`,
      field: typeof e?.extensions?.field === 'string' ? e.extensions.field : undefined,
      code: typeof e?.extensions?.code === 'string' ? e.extensions.code : undefined,
    }));
  }
  return [{ message: `The upload was refused (HTTP ${status})` }];
}

const CONTENT_TYPES: Record<FileFormat, string> = {
  CSV: 'text/csv',
  JSON: 'application/json',
  NDJSON: 'application/x-ndjson',
};

/** An Uploader over XMLHttpRequest (for upload progress), with the signed-in API key; the gateway serves `url`. */
export function xhrUploader(url = '/v1/imports', apiKey: () => string | null = storedApiKey): Uploader {
  return ({ file, format, mapping, onProgress }) =>
    new Promise((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const query = new URLSearchParams({ format: format.toLowerCase(), mapping: JSON.stringify(mapping) });
      xhr.open('POST', `${url}?${query}`);
      const key = apiKey();
      if (key) xhr.setRequestHeader('Authorization', `Bearer ${key}`);
      xhr.setRequestHeader('Content-Type', CONTENT_TYPES[format]);
      xhr.upload.onprogress = (event) => onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
      xhr.onload = () => {
        if (xhr.status !== 202) return reject(new UploadRefused(refusalErrors(xhr.status, xhr.responseText)));
        try {
          const { id, status } = JSON.parse(xhr.responseText) as { id: string; status: string };
          resolve({ id, status });
        } catch {
          reject(new UploadRefused([{ message: 'The upload was accepted, but its answer could not be read' }]));
        }
      };
      xhr.onerror = () =>
        reject(
          new UploadRefused([
            {
              message:
                'The upload was interrupted: the server could not be reached or closed the connection (as it does for a file over its size limit)',
            },
          ]),
        );
      xhr.send(file);
    });
}

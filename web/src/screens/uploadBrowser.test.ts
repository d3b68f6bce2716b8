import { afterEach, describe, expect, it, vi } from 'vitest';
import { refusalErrors, scanFile, UploadRefused, xhrUploader } from './uploadBrowser';
import type { FilePreview } from './uploadPreview';

describe('scanFile', () => {
  it('reads a file piece by piece as UTF-8: the preview early, the row count at the end', async () => {
    const file = new File(['customer,note\nacme,é\nglobex,ü\n'], 'usage.csv');
    const seen: Array<{ preview: FilePreview; done: boolean }> = [];
    await scanFile(
      file,
      'CSV',
      (preview, done) => seen.push({ preview, done }),
      () => false,
      5,
    );
    expect(seen.at(-1)!.done).toBe(true);
    expect(seen.at(-1)!.preview.rowCount).toBe(2);
    expect(seen.at(-1)!.preview.rows.map((r) => r.cells)).toEqual([
      ['acme', 'é'],
      ['globex', 'ü'],
    ]);
    expect(seen.slice(0, -1).every((s) => !s.done)).toBe(true);
    expect(seen.length).toBeGreaterThan(2);
  });

  it('stops at a problem that makes the file unreadable, and when cancelled', async () => {
    const onPreview = vi.fn();
    await scanFile(new File(['{"a": 1}'], 'x.json'), 'JSON', onPreview, () => false, 2);
    expect(onPreview).toHaveBeenCalledTimes(1);
    expect(onPreview.mock.calls[0][0].problem).toBe('the file is not a JSON array (it must start with "[")');
    expect(onPreview.mock.calls[0][1]).toBe(true);

    const cancelled = vi.fn();
    await scanFile(new File(['a\nb\n'], 'x.csv'), 'CSV', cancelled, () => true);
    expect(cancelled).not.toHaveBeenCalled();
  });
});

describe('refusalErrors', () => {
  it('reads the API errors with their field and code', () => {
    const body = JSON.stringify({
      errors: [{ message: 'the CSV header has no column "x"', extensions: { code: 'BAD_USER_INPUT', field: 'mapping.values[0].column' } }],
    });
    expect(refusalErrors(400, body)).toEqual([
      { message: 'the CSV header has no column "x"', field: 'mapping.values[0].column', code: 'BAD_USER_INPUT' },
    ]);
  });

  it('tells the status of an answer it cannot read', () => {
    expect(refusalErrors(502, '<html>Bad gateway</html>')).toEqual([{ message: 'The upload was refused (HTTP 502)' }]);
  });
});

/** Just what xhrUploader uses of XMLHttpRequest. */
class FakeXhr {
  static last: FakeXhr;
  method = '';
  url = '';
  headers: Record<string, string> = {};
  body: unknown;
  status = 0;
  responseText = '';
  upload: { onprogress: ((e: { loaded: number; total: number; lengthComputable: boolean }) => void) | null } = { onprogress: null };
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor() {
    FakeXhr.last = this;
  }
  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }
  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }
  send(body: unknown) {
    this.body = body;
  }
  answer(status: number, body: unknown) {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.onload?.();
  }
}

describe('xhrUploader', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });
  const file = new File(['customer,calls\nacme,1\n'], 'usage.csv');
  const mapping = { customer: 'customer', meterReference: 'api_calls', values: [{ reference: 'calls', column: 'calls' }] };

  it('posts the file with its format, mapping and API key, reports the bytes sent and resolves with the import', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const onProgress = vi.fn();
    const upload = xhrUploader('/v1/imports', () => 'mk_test')({ file, format: 'CSV', mapping, onProgress });
    const xhr = FakeXhr.last;
    expect(xhr.method).toBe('POST');
    const url = new URL(xhr.url, 'http://desk');
    expect(url.pathname).toBe('/v1/imports');
    expect(url.searchParams.get('format')).toBe('csv');
    expect(JSON.parse(url.searchParams.get('mapping')!)).toEqual(mapping);
    expect(xhr.headers).toEqual({ Authorization: 'Bearer mk_test', 'Content-Type': 'text/csv' });
    expect(xhr.body).toBe(file);
    xhr.upload.onprogress!({ loaded: 10, total: 22, lengthComputable: true });
    expect(onProgress).toHaveBeenCalledWith(10, 22);
    xhr.answer(202, { id: 'imp-1', status: 'QUEUED' });
    await expect(upload).resolves.toEqual({ id: 'imp-1', status: 'QUEUED' });
  });

  it('rejects with the errors of a refusal, and on a broken connection', async () => {
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    const uploader = xhrUploader('/v1/imports', () => null);
    const refused = uploader({ file, format: 'NDJSON', mapping, onProgress: () => undefined });
    expect(FakeXhr.last.headers).toEqual({ 'Content-Type': 'application/x-ndjson' });
    FakeXhr.last.answer(413, {
      errors: [{ message: 'the file is larger than the limit', extensions: { code: 'BAD_USER_INPUT', field: 'body' } }],
    });
    const error = await refused.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UploadRefused);
    expect((error as UploadRefused).errors).toEqual([
      { message: 'the file is larger than the limit', field: 'body', code: 'BAD_USER_INPUT' },
    ]);

    const broken = uploader({ file, format: 'CSV', mapping, onProgress: () => undefined });
    FakeXhr.last.onerror!();
    await expect(broken).rejects.toThrow(/upload was interrupted/);
  });
});

import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { DownloadPdf } from './DownloadPdf';
import { storeApiKey } from './session';

afterEach(() => {
  cleanup();
  sessionStorage.clear();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('DownloadPdf', () => {
  it('fetches the document with the session’s key in the Authorization header and saves it under the server’s file name', async () => {
    storeApiKey('ml_test_key');
    const fetchMock = vi.fn(
      async () =>
        new Response(new Blob(['%PDF-1.3']), {
          status: 200,
          headers: { 'content-type': 'application/pdf', 'content-disposition': 'attachment; filename="INV-000007.pdf"' },
        }),
    );
    vi.stubGlobal('fetch', fetchMock);
    const createObjectURL = vi.fn(() => 'blob:doc');
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() }));
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(`${this.download} ${this.href}`);
    });
    render(<DownloadPdf path="/v1/invoices/inv7/pdf" fallbackName="draft.pdf" />);
    fireEvent.click(screen.getByRole('button', { name: 'Download PDF' }));
    await waitFor(() => expect(saved).toEqual(['INV-000007.pdf blob:doc']));
    expect(fetchMock).toHaveBeenCalledWith('/v1/invoices/inv7/pdf', { headers: { authorization: 'Bearer ml_test_key' } });
  });

  it('shows the API’s coded error when the download is refused', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(JSON.stringify({ errors: [{ message: 'invoice not found', extensions: { code: 'NOT_FOUND', field: 'id' } }] }), {
            status: 404,
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    render(<DownloadPdf path="/v1/invoices/nope/pdf" fallbackName="x.pdf" />);
    fireEvent.click(screen.getByRole('button', { name: 'Download PDF' }));
    expect((await screen.findByRole('alert')).textContent).toBe('id: invoice not found (NOT_FOUND)');
  });
});

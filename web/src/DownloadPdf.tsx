import { useState } from 'react';
import { FieldErrors, type FieldError } from './errors';
import { storedApiKey } from './session';

/** The file name the server gives (Content-Disposition), else `fallback`. */
function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/** Why a download failed, from the API's coded JSON error when it sent one. */
async function failureOf(response: Response): Promise<FieldError> {
  try {
    const body = (await response.json()) as { errors?: Array<{ message: string; extensions?: { code?: string; field?: string } }> };
    const first = body.errors?.[0];
    if (first) return { message: first.message, code: first.extensions?.code, field: first.extensions?.field };
  } catch {
    // not JSON
  }
  return { message: `Download failed (HTTP ${response.status})` };
}

/**
 * "Download PDF" (and the CSV reports' links): fetches the file from the gateway's REST door (`/v1/invoices/:id/pdf`, `/v1/credit-notes/:id/pdf`)
 * with the session's API key in the Authorization header (the key never goes into a URL), then saves the blob under
 * the server's file name (the document's number).
 */
export function DownloadPdf({
  path,
  label = 'Download PDF',
  name,
  fallbackName,
  busyLabel = 'Preparing PDF…',
}: {
  path: string;
  label?: string;
  /** What the button says while the file is fetched. */
  busyLabel?: string;
  /** The button's accessible name when the label alone is ambiguous (one per row). */
  name?: string;
  fallbackName: string;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FieldError | null>(null);
  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch(path, { headers: { authorization: `Bearer ${storedApiKey() ?? ''}` } });
      if (!response.ok) {
        setError(await failureOf(response));
        return;
      }
      const url = URL.createObjectURL(await response.blob());
      const link = document.createElement('a');
      link.href = url;
      link.download = fileNameOf(response.headers.get('content-disposition'), fallbackName);
      document.body.appendChild(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setError({ message: e instanceof Error ? e.message : String(e) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <button type="button" aria-label={name} disabled={busy} onClick={() => void download()}>
        {busy ? busyLabel : label}
      </button>
      {error && <FieldErrors errors={[error]} />}
    </>
  );
}

import { useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, FieldErrors, type FieldError } from '../errors';
import { RecordImportProgressDocument } from '../generated';
import { UploadRefused, xhrUploader, type Uploader } from './uploadBrowser';
import { formatOfFileName } from './uploadPreview';

type Kind = 'customers' | 'subscriptions';
const uploaders: Record<Kind, Uploader> = {
  customers: xhrUploader('/v1/customer-imports'),
  subscriptions: xhrUploader('/v1/subscription-imports'),
};
const FINISHED = new Set(['COMPLETED', 'FAILED']);

/** The mapping typed in: empty (the file uses Meterline's field names) or a JSON object of field → column. */
function parseMapping(text: string): { mapping: Record<string, string> } | { problem: FieldError } {
  if (text.trim() === '') return { mapping: {} };
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return { mapping: parsed as Record<string, string> };
  } catch {
    // refused below
  }
  return { problem: { message: 'The mapping must be a JSON object of field → column, e.g. {"reference": "Account"}', field: 'mapping' } };
}

/** /customers/import: upload a file of customers or subscriptions (moving from another system), then its report. */
export function ImportsScreen({
  onBack,
  uploaders: given = uploaders,
  pollInterval = 500,
}: {
  onBack: () => void;
  /** Send the file (tests give their own). */
  uploaders?: Record<Kind, Uploader>;
  pollInterval?: number;
}) {
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [mappingText, setMappingText] = useState('');
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sending, setSending] = useState(false);
  const [opened, setOpened] = useState<string | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    if (!file) return setErrors([{ message: 'Choose a file', field: 'file' }]);
    const format = formatOfFileName(file.name);
    if (!format) return setErrors([{ message: 'The file must end in .csv, .json or .ndjson', field: 'file' }]);
    const mapping = parseMapping(mappingText);
    if ('problem' in mapping) return setErrors([mapping.problem]);
    setSending(true);
    try {
      const { id } = await given[kind]({ file, format, mapping: mapping.mapping, onProgress: () => undefined });
      setOpened(id);
    } catch (error) {
      setErrors(error instanceof UploadRefused ? error.errors : [{ message: String(error) }]);
    } finally {
      setSending(false);
    }
  };

  return (
    <section>
      <div className="screen-head">
        <button type="button" className="link" onClick={onBack}>
          ← Customers
        </button>
        <h2>Import customers or subscriptions</h2>
      </div>
      {opened ? (
        <ImportReport id={opened} pollInterval={pollInterval} onAnother={() => setOpened(null)} />
      ) : (
        <form className="card" onSubmit={submit} aria-label="Import a file">
          <fieldset>
            <legend>What the file holds</legend>
            {(['customers', 'subscriptions'] as const).map((k) => (
              <label key={k}>
                <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />{' '}
                {k === 'customers' ? 'Customers' : 'Subscriptions'}
              </label>
            ))}
          </fieldset>
          <label>
            File (CSV with a header row, JSON array or NDJSON)
            <input type="file" accept=".csv,.json,.ndjson,.jsonl" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
          </label>
          <label>
            Column mapping (optional; JSON field → column)
            <textarea
              value={mappingText}
              placeholder={
                kind === 'customers'
                  ? '{"reference": "Account", "name": "Company", "currency": "Cur"}'
                  : '{"reference": "Contract", "customer": "Account", "cutoverAt": "Go-live"}'
              }
              onChange={(e) => setMappingText(e.target.value)}
            />
          </label>
          <FieldErrors errors={errors} />
          <button type="submit" disabled={sending}>
            {sending ? 'Uploading…' : 'Import'}
          </button>
        </form>
      )}
    </section>
  );
}

function ImportReport({ id, pollInterval, onAnother }: { id: string; pollInterval: number; onAnother: () => void }) {
  const { data, error, stopPolling } = useQuery(RecordImportProgressDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    pollInterval,
  });
  const found = data?.recordImport;
  const finished = found ? FINISHED.has(found.status) : false;
  useEffect(() => {
    if (finished) stopPolling();
  }, [finished, stopPolling]);
  const another = (
    <button type="button" onClick={onAnother}>
      Import another file
    </button>
  );
  if (!found)
    return (
      <section className="card">
        {error ? <ErrorMessage error={error} /> : <p className="state">{data ? 'This import does not exist.' : 'Loading the import…'}</p>}
        {another}
      </section>
    );
  return (
    <section className="card" aria-label="Import report">
      <h3>{finished ? 'Result' : 'Processing'}</h3>
      <p>
        Status <strong>{found.status}</strong> · {found.rowsRead} rows read · {found.created} created · {found.unchanged} unchanged ·{' '}
        {found.conflicts} conflicts · {found.rejected} rejected
      </p>
      {found.error && <p className="error">{found.error}</p>}
      {found.reportedRows.edges.length > 0 && (
        <table aria-label="Rows not applied">
          <thead>
            <tr>
              <th>Row</th>
              <th>Outcome</th>
              <th>Reference</th>
              <th>Field (column)</th>
              <th>Why</th>
            </tr>
          </thead>
          <tbody>
            {found.reportedRows.edges.map(({ node }) => (
              <tr key={node.rowNumber}>
                <td>{node.rowNumber}</td>
                <td>{node.outcome}</td>
                <td>{node.reference ?? '—'}</td>
                <td>{node.field ? `${node.field}${node.column && node.column !== node.field ? ` (${node.column})` : ''}` : '—'}</td>
                <td>{node.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {another}
    </section>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, FieldErrors, type FieldError } from '../errors';
import { instant, period } from '../format';
import { LoadMore } from '../LoadMore';
import { ReconciliationsDocument, StartReconciliationDocument } from '../generated';
import { storedApiKey } from '../session';
import { guessMapping, MAPPING_FIELDS, mappingInput, parseAliases, type MappingChoice } from './reconciliationMapping';
import { ReconciliationDetail } from './ReconciliationDetail';

export const PAGE_SIZE = 20;

/** What POST /v1/reconciliation-files answers: the file kept, its columns and first rows. */
interface UploadedFile {
  id: string;
  name: string;
  columns: string[];
  rowCount: number;
  preview: Array<Record<string, string>>;
}

async function uploadFile(file: File): Promise<UploadedFile> {
  const response = await fetch(`/v1/reconciliation-files?name=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${storedApiKey() ?? ''}`, 'content-type': 'text/csv' },
    body: await file.text(),
  });
  const body = (await response.json()) as UploadedFile & {
    errors?: Array<{ message: string; extensions?: { field?: string; code?: string } }>;
  };
  if (!response.ok) {
    const errors: FieldError[] = (body.errors ?? [{ message: `Upload failed (HTTP ${response.status})` }]).map((e) => ({
      message: e.message,
      field: e.extensions?.field,
      code: e.extensions?.code,
    }));
    throw Object.assign(new Error(errors.map((e) => e.message).join('\n')), { fieldErrors: errors });
  }
  return body;
}

/**
 * /reconciliations: compare the old billing system's invoice lines with Meterline's invoices and drafts. Upload the
 * old system's CSV, map its columns (with a preview of the first rows), compare; past comparisons are listed, each
 * opens on its results (ReconciliationDetail).
 */
export function ReconciliationScreen({ path, navigate }: { path: string; navigate: (to: string) => void }) {
  const openId = /^\/reconciliations\/([^/]+)$/.exec(path)?.[1];
  if (openId) return <ReconciliationDetail id={decodeURIComponent(openId)} onBack={() => navigate('/reconciliations')} />;
  return (
    <>
      <div className="screen-head">
        <h2>Reconciliation</h2>
      </div>
      <p className="muted">
        Before go-live, compare what your current billing system invoiced with Meterline’s invoices and drafts of the same periods, line by
        line: by customer reference, period (the Meterline invoice whose period contains the file’s) and item name.
      </p>
      <NewReconciliation onStarted={(id) => navigate(`/reconciliations/${id}`)} />
      <PastReconciliations onOpen={(id) => navigate(`/reconciliations/${id}`)} />
    </>
  );
}

function NewReconciliation({ onStarted }: { onStarted: (id: string) => void }) {
  const [uploaded, setUploaded] = useState<UploadedFile | null>(null);
  const [uploading, setUploading] = useState(false);
  const [uploadErrors, setUploadErrors] = useState<FieldError[]>([]);
  const [choice, setChoice] = useState<MappingChoice | null>(null);
  const [aliasText, setAliasText] = useState('');
  const [aliasProblems, setAliasProblems] = useState<number[]>([]);
  const [start, starting] = useMutation(StartReconciliationDocument, { refetchQueries: ['Reconciliations'] });

  const pick = async (file: File | undefined) => {
    if (!file) return;
    setUploading(true);
    setUploadErrors([]);
    try {
      const answer = await uploadFile(file);
      setUploaded(answer);
      setChoice(guessMapping(answer.columns));
    } catch (e) {
      setUploadErrors((e as { fieldErrors?: FieldError[] }).fieldErrors ?? [{ message: String(e) }]);
    } finally {
      setUploading(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!uploaded || !choice) return;
    const { aliases, problems } = parseAliases(aliasText);
    setAliasProblems(problems);
    if (problems.length > 0) return;
    try {
      const result = await start({ variables: { input: { fileId: uploaded.id, mapping: mappingInput(choice), itemAliases: aliases } } });
      if (result.data) onStarted(result.data.startReconciliation.id);
    } catch {
      // shown from starting.error
    }
  };

  return (
    <section aria-label="New reconciliation" className="panel">
      <h3>New reconciliation</h3>
      <label>
        The old system’s invoice lines (CSV with a header row)
        <input type="file" accept=".csv,text/csv" disabled={uploading} onChange={(e) => void pick(e.target.files?.[0])} />
      </label>
      {uploading && <p className="state">Uploading…</p>}
      <FieldErrors errors={uploadErrors} />
      {uploaded && choice && (
        <form aria-label="Mapping" onSubmit={submit}>
          <p className="muted">
            {uploaded.name}: {uploaded.rowCount} rows. Say which column holds what: a period label, or a period start and end (dates: the
            end day is included).
          </p>
          <div className="form-grid">
            {MAPPING_FIELDS.map(({ key, label }) => (
              <label key={key}>
                {label}
                <select aria-label={label} value={choice[key]} onChange={(e) => setChoice({ ...choice, [key]: e.target.value })}>
                  <option value="">—</option>
                  {uploaded.columns.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </div>
          <label>
            Item names of the old system that differ from Meterline’s, one per line: <code>old name = Meterline name</code>
            <textarea rows={3} value={aliasText} onChange={(e) => setAliasText(e.target.value)} />
          </label>
          {aliasProblems.length > 0 && (
            <FieldErrors errors={[{ field: 'itemAliases', message: `lines ${aliasProblems.join(', ')} are not “old = new”` }]} />
          )}
          <table aria-label="Preview">
            <thead>
              <tr>
                {uploaded.columns.map((c) => (
                  <th key={c}>
                    {c}
                    <div className="muted">
                      {MAPPING_FIELDS.filter((f) => choice[f.key] === c)
                        .map((f) => f.label)
                        .join(', ')}
                    </div>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {uploaded.preview.map((row, i) => (
                <tr key={i}>
                  {uploaded.columns.map((c) => (
                    <td key={c}>{row[c]}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          <ErrorMessage error={starting.error} />
          <button type="submit" className="primary" disabled={starting.loading}>
            Compare
          </button>
        </form>
      )}
    </section>
  );
}

function PastReconciliations({ onOpen }: { onOpen: (id: string) => void }) {
  const { data, loading, error, fetchMore } = useQuery(ReconciliationsDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const runs = data?.reconciliations.edges.map((e) => e.node) ?? [];
  return (
    <section aria-label="Past reconciliations">
      <h3>Past reconciliations</h3>
      <ErrorMessage error={error} />
      {!data && loading && <p className="state">Loading reconciliations…</p>}
      {data && runs.length === 0 && <p className="state empty">No reconciliation yet.</p>}
      {runs.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>File</th>
              <th>Periods</th>
              <th>Status</th>
              <th className="num">Matched</th>
              <th className="num">Differs</th>
              <th className="num">Missing in Meterline</th>
              <th className="num">Missing in file</th>
              <th>Started</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {runs.map((run) => (
              <tr key={run.id}>
                <td>{run.file.name}</td>
                <td>{run.periodStart && run.periodEnd ? period(run.periodStart, run.periodEnd) : '—'}</td>
                <td>{run.status}</td>
                <td className="num">{run.counts.matched}</td>
                <td className="num">{run.counts.differs}</td>
                <td className="num">{run.counts.missingInMeterline}</td>
                <td className="num">{run.counts.missingInFile}</td>
                <td>{instant(run.createdAt)}</td>
                <td className="actions">
                  <button type="button" onClick={() => onOpen(run.id)} aria-label={`Open ${run.file.name} of ${instant(run.createdAt)}`}>
                    Open
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={data?.reconciliations.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

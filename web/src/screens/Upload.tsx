import { useApolloClient } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { ErrorMessage, FieldErrors, type FieldError } from '../errors';
import { EventsTabs } from './EventsTabs';
import { UploadEventImportsDocument } from '../generated';
import { useMeterChoices } from './meterChoices';
import { scanFile, UploadRefused, xhrUploader, type Uploader } from './uploadBrowser';
import { UploadField } from './UploadFields';
import { byteSize, UploadHistory, UploadImportView } from './UploadImport';
import { buildMapping, inferMapping, type MappingDraft, type MeterOption } from './uploadMapping';
import { UploadMappingForm } from './UploadMappingForm';
import { FILE_FORMATS, formatOfFileName, type FileFormat, type FilePreview } from './uploadPreview';

const uploadWithXhr = xhrUploader();

/** /events/upload: a CSV/JSON file, its field mapping, the upload with progress, then the result; past imports below. */
export function UploadScreen({
  path,
  navigate,
  uploader = uploadWithXhr,
  pollInterval = 500,
}: {
  path: string;
  navigate: (to: string) => void;
  /** Sends the file (tests give their own). */
  uploader?: Uploader;
  /** How often a running import's progress is read, in ms. */
  pollInterval?: number;
}) {
  const client = useApolloClient();
  const [opened, setOpened] = useState<{ id: string; rowCount: number | null } | null>(null);
  return (
    <section>
      <EventsTabs path={path} navigate={navigate} />
      <div className="screen-head">
        <h2>Upload a file</h2>
      </div>
      {opened ? (
        <UploadImportView
          key={opened.id}
          id={opened.id}
          rowCount={opened.rowCount}
          pollInterval={pollInterval}
          onSeeUnmatched={() => navigate('/events/unmatched')}
          onUploadAnother={() => setOpened(null)}
        />
      ) : (
        <UploadWizard
          uploader={uploader}
          onUploaded={(id, rowCount) => {
            setOpened({ id, rowCount });
            client.refetchQueries({ include: [UploadEventImportsDocument] }).catch(() => undefined); // the list shows its error
          }}
        />
      )}
      <UploadHistory onOpen={(id) => setOpened({ id, rowCount: null })} />
    </section>
  );
}

interface Scan {
  file: File;
  format: FileFormat;
  preview: FilePreview;
  done: boolean;
}

/** The preview of `file` read as `format`: null until its first piece is read (or when nothing is chosen). */
function useFileScan(file: File | null, format: FileFormat | ''): Scan | null {
  const [scan, setScan] = useState<Scan | null>(null);
  useEffect(() => {
    if (!file || !format) return;
    let cancelled = false;
    scanFile(
      file,
      format,
      (preview, done) => setScan({ file, format, preview, done }),
      () => cancelled,
    ).catch((error: unknown) => {
      if (cancelled) return;
      const problem = `the file cannot be read: ${error instanceof Error ? error.message : String(error)}`;
      setScan({ file, format, preview: { columns: [], rows: [], rowCount: 0, problem }, done: true });
    });
    return () => {
      cancelled = true;
    };
  }, [file, format]);
  return scan && scan.file === file && scan.format === format ? scan : null;
}

/** Steps 1 to 3: choose a file, map its fields, upload it. */
function UploadWizard({ uploader, onUploaded }: { uploader: Uploader; onUploaded: (id: string, rowCount: number) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [format, setFormat] = useState<FileFormat | ''>('');
  const [edited, setEdited] = useState<MappingDraft | null>(null);
  const [errors, setErrors] = useState<FieldError[]>([]);
  const [sent, setSent] = useState<{ loaded: number; total: number } | null>(null);
  const scan = useFileScan(file, format);
  const metersQuery = useMeterChoices();
  const meters: MeterOption[] = metersQuery.meters;

  const columns = scan?.preview.columns ?? [];
  // an unreadable file gets no mapping: the API would refuse it or fail the import
  const draft = scan && !scan.preview.problem ? (edited ?? inferMapping(columns, meters)) : null;
  const { mapping, problems } = draft ? buildMapping(draft) : { mapping: null, problems: [] };

  const restart = (nextFile: File | null, nextFormat: FileFormat | '') => {
    setFile(nextFile);
    setFormat(nextFormat);
    setEdited(null);
    setErrors([]);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file || !format || !scan?.done || !mapping) return;
    if (problems.length > 0) return setErrors(problems);
    setErrors([]);
    setSent({ loaded: 0, total: file.size });
    try {
      const created = await uploader({ file, format, mapping, onProgress: (loaded, total) => setSent({ loaded, total }) });
      onUploaded(created.id, scan.preview.rowCount);
    } catch (error) {
      setSent(null);
      setErrors(error instanceof UploadRefused ? error.errors : [{ message: error instanceof Error ? error.message : String(error) }]);
    }
  };

  return (
    <form className="upload-wizard" onSubmit={submit} aria-label="Upload a file">
      <fieldset className="card upload-step" disabled={sent !== null}>
        <legend>1. Choose a file</legend>
        <div className="row">
          <UploadField label="File">
            {(id) => (
              <input
                id={id}
                type="file"
                accept=".csv,.json,.ndjson,.jsonl"
                onChange={(e) => {
                  const chosen = e.target.files?.[0] ?? null;
                  restart(chosen, chosen ? (formatOfFileName(chosen.name) ?? '') : '');
                }}
              />
            )}
          </UploadField>
          <UploadField label="Format">
            {(id) => (
              <select id={id} value={format} onChange={(e) => restart(file, e.target.value as FileFormat | '')}>
                <option value="">— choose —</option>
                {FILE_FORMATS.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
            )}
          </UploadField>
        </div>
        {file && !format && <p className="muted">Choose the format of {file.name}.</p>}
        {file && format && !scan && <p className="state">Reading {file.name}…</p>}
        {file && scan && <FilePreviewTable name={file.name} size={file.size} scan={scan} />}
      </fieldset>

      {file && scan && draft && (
        <fieldset className="card upload-step" disabled={sent !== null}>
          <legend>2. Map the fields</legend>
          {metersQuery.error && <ErrorMessage error={metersQuery.error} />}
          {metersQuery.loading && <p className="state">Loading meters…</p>}
          {metersQuery.loaded && meters.length === 0 && <p className="state empty">No meters yet: create one on the Meters page first.</p>}
          <UploadMappingForm columns={columns} meters={meters} draft={draft} onChange={setEdited} />
          <UploadField label="Mapping JSON">
            {(id) => <textarea id={id} className="upload-json" readOnly rows={10} value={JSON.stringify(mapping, null, 2)} />}
          </UploadField>
        </fieldset>
      )}

      {file && scan && draft && (
        <section className="card upload-step" aria-label="Upload">
          <h3>3. Upload</h3>
          <FieldErrors errors={errors} />
          {sent ? (
            <div className="upload-progress">
              <progress aria-label="Upload progress" value={sent.loaded} max={sent.total || 1} />
              <p role="status">
                Uploading… {byteSize(sent.loaded)} of {byteSize(sent.total)}
              </p>
            </div>
          ) : (
            <button type="submit" className="primary" disabled={!scan.done}>
              {scan.done ? 'Upload file' : 'Counting rows…'}
            </button>
          )}
        </section>
      )}
    </form>
  );
}

function FilePreviewTable({ name, size, scan }: { name: string; size: number; scan: Scan }) {
  const { columns, rows, rowCount, problem } = scan.preview;
  if (problem) return <FieldErrors errors={[{ field: 'body', message: problem }]} />;
  return (
    <div className="upload-preview">
      <p>
        {name} · {byteSize(size)} · {scan.done ? `${rowCount} data rows` : `counting rows… ${rowCount} so far`}
      </p>
      {columns.length === 0 ? (
        <p className="state empty">No column or field found in the file.</p>
      ) : (
        <table>
          <caption>Preview: the first {rows.length} rows</caption>
          <thead>
            <tr>
              <th className="num">Row</th>
              {columns.map((column) => (
                <th key={column}>{column}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.rowNumber}>
                <td className="num">{row.rowNumber}</td>
                {row.problem ? (
                  <td colSpan={columns.length} className="field-error">
                    {row.problem}
                  </td>
                ) : (
                  row.cells.map((cell, i) => <td key={i}>{cell}</td>)
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

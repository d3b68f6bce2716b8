import { useQuery } from '@apollo/client/react';
import { useEffect } from 'react';
import { ErrorMessage } from '../errors';
import { LoadMore } from '../LoadMore';
import {
  UploadEventImportsDocument,
  UploadImportProgressDocument,
  UploadImportRejectionsDocument,
  type UploadImportFieldsFragment,
} from '../generated';

export const IMPORTS_PAGE_SIZE = 20;
export const REJECTIONS_PAGE_SIZE = 20;

const FINISHED = new Set(['COMPLETED', 'FAILED']);

/** An instant as `2026-04-01 12:00:03 UTC`. */
const instant = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}

/**
 * Steps 3 and 4 of an import: its processing progress (polled while QUEUED or PROCESSING), then its result.
 * `rowCount` is the number of data rows the browser counted in the file, when this browser uploaded it.
 */
export function UploadImportView({
  id,
  rowCount,
  pollInterval,
  onSeeUnmatched,
  onUploadAnother,
}: {
  id: string;
  rowCount: number | null;
  pollInterval: number;
  onSeeUnmatched: () => void;
  onUploadAnother: () => void;
}) {
  const { data, error, stopPolling } = useQuery(UploadImportProgressDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
    pollInterval,
  });
  const eventImport = data?.eventImport;
  const finished = eventImport ? FINISHED.has(eventImport.status) : false;
  useEffect(() => {
    if (finished) stopPolling();
  }, [finished, stopPolling]);

  const another = (
    <button type="button" onClick={onUploadAnother}>
      Upload another file
    </button>
  );
  if (!data) {
    return (
      <section className="card upload-step">
        {error ? <ErrorMessage error={error} /> : <p className="state">Loading the import…</p>}
        {another}
      </section>
    );
  }
  if (!eventImport) {
    return (
      <section className="card upload-step">
        <p className="state empty">This import does not exist.</p>
        {another}
      </section>
    );
  }
  return (
    <section className="card upload-step" aria-label="Import">
      <h3>{finished ? 'Result' : '3. Processing'}</h3>
      <p>
        Uploaded {instant(eventImport.createdAt)} · {eventImport.format} · {byteSize(eventImport.byteSize)} · Status{' '}
        <span className={`badge ${eventImport.status.toLowerCase()}`}>{eventImport.status}</span>
      </p>
      {error && <ErrorMessage error={error} />}
      {finished ? (
        <UploadImportResult eventImport={eventImport} />
      ) : (
        <ProcessingProgress rowsRead={eventImport.rowsRead} rowCount={rowCount} status={eventImport.status} />
      )}
      <div className="actions">
        {eventImport.unmatched > 0 && (
          <button type="button" onClick={onSeeUnmatched}>
            See unmatched events
          </button>
        )}
        {another}
      </div>
    </section>
  );
}

function ProcessingProgress({ rowsRead, rowCount, status }: { rowsRead: number; rowCount: number | null; status: string }) {
  const known = rowCount !== null && rowCount > 0;
  return (
    <div className="upload-progress">
      <progress
        aria-label="Processing progress"
        value={known ? Math.min(rowsRead, rowCount) : undefined}
        max={known ? rowCount : undefined}
      />
      <p role="status">
        {status === 'QUEUED' ? 'Queued: processing starts shortly.' : 'Processing:'} {rowsRead}
        {known ? ` of ${rowCount}` : ''} rows read
      </p>
    </div>
  );
}

function UploadImportResult({ eventImport }: { eventImport: UploadImportFieldsFragment }) {
  const counts: Array<[string, number]> = [
    ['Rows read', eventImport.rowsRead],
    ['Accepted', eventImport.accepted],
    ['Unmatched', eventImport.unmatched],
    ['Duplicates', eventImport.duplicates],
    ['Conflicts', eventImport.conflicts],
    ['Rejected', eventImport.rejected],
  ];
  return (
    <>
      {eventImport.status === 'FAILED' && (
        <div className="error" role="alert">
          <p>
            <strong>The import failed: </strong>
            {eventImport.error ?? 'no reason was recorded'}
          </p>
        </div>
      )}
      <dl className="facts upload-counts" aria-label="Import counts">
        {counts.map(([label, count]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{count}</dd>
          </div>
        ))}
      </dl>
      {eventImport.rejected > 0 && <RejectedRows id={eventImport.id} />}
    </>
  );
}

function RejectedRows({ id }: { id: string }) {
  const { data, loading, error, fetchMore } = useQuery(UploadImportRejectionsDocument, {
    variables: { id, first: REJECTIONS_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const rejections = data?.eventImport?.rejectedRows;
  return (
    <section aria-label="Rejected rows">
      <h4>Rejected rows{rejections ? ` (${rejections.totalCount})` : ''}</h4>
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading rejected rows…</p>}
      {rejections && rejections.edges.length === 0 && <p className="state empty">No rejected row.</p>}
      {rejections && rejections.edges.length > 0 && (
        <table>
          <thead>
            <tr>
              <th className="num">Row</th>
              <th>Field</th>
              <th>Reason</th>
            </tr>
          </thead>
          <tbody>
            {rejections.edges.map(({ node }) => (
              <tr key={node.rowNumber}>
                <td className="num">{node.rowNumber}</td>
                <td>{node.field ? <code>{node.field}</code> : <span className="muted">(the row)</span>}</td>
                <td>{node.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={rejections?.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

/** Past imports, the latest first, numbered from the oldest (1); "View import N" opens one's result. */
export function UploadHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const { data, loading, error, fetchMore } = useQuery(UploadEventImportsDocument, {
    variables: { first: IMPORTS_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const imports = data?.eventImports.edges.map((e) => e.node) ?? [];
  const total = data?.eventImports.totalCount ?? 0;
  return (
    <section className="upload-history" aria-label="Past imports">
      <h3>Past imports{data ? ` (${data.eventImports.totalCount})` : ''}</h3>
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading past imports…</p>}
      {data && imports.length === 0 && <p className="state empty">No file has been uploaded yet.</p>}
      {imports.length > 0 && (
        <table>
          <thead>
            <tr>
              <th className="num">#</th>
              <th>Uploaded</th>
              <th>Format</th>
              <th className="num">Size</th>
              <th>Status</th>
              <th className="num">Rows read</th>
              <th className="num">Accepted</th>
              <th className="num">Unmatched</th>
              <th className="num">Duplicates</th>
              <th className="num">Conflicts</th>
              <th className="num">Rejected</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {imports.map((item, i) => (
              <tr key={item.id}>
                <td className="num">{total - i}</td>
                <td>{instant(item.createdAt)}</td>
                <td>{item.format}</td>
                <td className="num">{byteSize(item.byteSize)}</td>
                <td>
                  <span className={`badge ${item.status.toLowerCase()}`}>{item.status}</span>
                </td>
                <td className="num">{item.rowsRead}</td>
                <td className="num">{item.accepted}</td>
                <td className="num">{item.unmatched}</td>
                <td className="num">{item.duplicates}</td>
                <td className="num">{item.conflicts}</td>
                <td className="num">{item.rejected}</td>
                <td>
                  <button type="button" className="link" aria-label={`View import ${total - i}`} onClick={() => onOpen(item.id)}>
                    View
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={data?.eventImports.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

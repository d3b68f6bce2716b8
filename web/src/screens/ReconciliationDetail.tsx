import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState } from 'react';
import { DownloadPdf } from '../DownloadPdf';
import { ErrorMessage } from '../errors';
import { period } from '../format';
import { MarkReconciliationLinesReviewedDocument, ReconciliationDetailDocument, type ReconciliationOutcome } from '../generated';

const LINES_PAGE = 50;
const OUTCOMES: Array<{ value: ReconciliationOutcome; label: string }> = [
  { value: 'DIFFERS' as ReconciliationOutcome, label: 'Differs' },
  { value: 'MISSING_IN_METERLINE' as ReconciliationOutcome, label: 'Missing in Meterline' },
  { value: 'MISSING_IN_FILE' as ReconciliationOutcome, label: 'Missing in file' },
  { value: 'MATCHED' as ReconciliationOutcome, label: 'Matched' },
];
const outcomeLabel = (outcome: string) => OUTCOMES.find((o) => o.value === outcome)?.label ?? outcome;
const amount = (value: string | null | undefined) => (value === null || value === undefined ? '—' : value);

/**
 * A reconciliation's results: counts, totals per customer (theirs, ours, delta, lines still open), and the compared
 * lines filtered by outcome and customer, page by page, each markable as reviewed; the whole as CSV. While the job
 * runs, the page polls.
 */
export function ReconciliationDetail({ id, onBack }: { id: string; onBack: () => void }) {
  const [outcome, setOutcome] = useState<ReconciliationOutcome | ''>('');
  const [customer, setCustomer] = useState('');
  const [pages, setPages] = useState<Array<string | null>>([null]);
  const after = pages[pages.length - 1];
  const { data, error, startPolling, stopPolling } = useQuery(ReconciliationDetailDocument, {
    variables: { id, outcome: outcome || null, customer: customer || null, first: LINES_PAGE, after },
    fetchPolicy: 'cache-and-network',
  });
  const [markReviewed, marking] = useMutation(MarkReconciliationLinesReviewedDocument, { refetchQueries: ['ReconciliationDetail'] });
  const run = data?.reconciliation;
  const done = run?.status === 'COMPLETED' || run?.status === 'FAILED';
  useEffect(() => {
    if (done) stopPolling();
    else startPolling(1_000);
    return () => stopPolling();
  }, [done, startPolling, stopPolling]);
  const filter = (next: { outcome?: ReconciliationOutcome | ''; customer?: string }) => {
    if (next.outcome !== undefined) setOutcome(next.outcome);
    if (next.customer !== undefined) setCustomer(next.customer);
    setPages([null]);
  };

  return (
    <>
      <div className="screen-head">
        <button type="button" className="link" onClick={onBack}>
          ← Reconciliations
        </button>
        <h2>Reconciliation {run ? `of ${run.file.name}` : ''}</h2>
        {run?.status === 'COMPLETED' && (
          <DownloadPdf path={run.downloadPath} label="Download CSV" busyLabel="Preparing CSV…" fallbackName={`reconciliation-${id}.csv`} />
        )}
      </div>
      <ErrorMessage error={error ?? marking.error} />
      {data && !run && <p className="state empty">No such reconciliation.</p>}
      {run && !done && (
        <p className="state" role="status">
          Comparing… ({run.status})
        </p>
      )}
      {run?.status === 'FAILED' && <p className="error">The comparison failed: {run.error}</p>}
      {run?.status === 'COMPLETED' && (
        <>
          <p className="muted" role="status">
            {run.periodStart && run.periodEnd ? `${period(run.periodStart, run.periodEnd)}: ` : ''}
            {run.counts.matched} matched, {run.counts.differs} differ, {run.counts.missingInMeterline} missing in Meterline,{' '}
            {run.counts.missingInFile} missing in the file.
            {run.rejectedRows > 0 && ` ${run.rejectedRows} rows of the file could not be read (not compared).`}
          </p>
          {run.rejections.length > 0 && (
            <details>
              <summary>Rows not read</summary>
              <ul>
                {run.rejections.map((r) => (
                  <li key={r.rowNumber}>
                    Row {r.rowNumber}: {r.message}
                  </li>
                ))}
              </ul>
            </details>
          )}
          <h3>Totals per customer</h3>
          <table aria-label="Totals per customer">
            <thead>
              <tr>
                <th>Customer</th>
                <th className="num">Old system</th>
                <th className="num">Meterline</th>
                <th className="num">Delta</th>
                <th className="num">Open lines</th>
              </tr>
            </thead>
            <tbody>
              {run.customerTotals.map((t) => (
                <tr key={t.customerReference} className={customer === t.customerReference ? 'selected' : undefined}>
                  <td>
                    <button type="button" className="link" onClick={() => filter({ customer: t.customerReference })}>
                      {t.customerReference}
                    </button>
                  </td>
                  <td className="num">{t.theirs}</td>
                  <td className="num">{t.ours}</td>
                  <td className="num">{t.delta}</td>
                  <td className="num">{t.open}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>Lines</h3>
          <div className="filters">
            <label className="inline">
              Outcome
              <select
                aria-label="Outcome"
                value={outcome}
                onChange={(e) => filter({ outcome: e.target.value as ReconciliationOutcome | '' })}
              >
                <option value="">All</option>
                {OUTCOMES.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="inline">
              Customer
              <select aria-label="Customer" value={customer} onChange={(e) => filter({ customer: e.target.value })}>
                <option value="">All</option>
                {run.customerTotals.map((t) => (
                  <option key={t.customerReference} value={t.customerReference}>
                    {t.customerReference}
                  </option>
                ))}
              </select>
            </label>
            <span className="muted">{run.lines.totalCount} lines</span>
          </div>
          <table aria-label="Compared lines">
            <thead>
              <tr>
                <th>Customer</th>
                <th>Period</th>
                <th>Item</th>
                <th className="num">Old system</th>
                <th className="num">Meterline</th>
                <th className="num">Delta</th>
                <th>Outcome</th>
                <th>Note</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {run.lines.edges.map(({ node: line }) => (
                <tr key={line.id} aria-label={`${line.customerReference} ${line.item}`}>
                  <td>{line.customerReference}</td>
                  <td>{period(line.periodStart, line.periodEnd)}</td>
                  <td>{line.item}</td>
                  <td className="num">{amount(line.theirs)}</td>
                  <td className="num">{amount(line.ours)}</td>
                  <td className="num">{line.delta}</td>
                  <td>
                    <span className={`badge ${line.outcome === 'MATCHED' ? 'active' : 'archived'}`}>{outcomeLabel(line.outcome)}</span>
                  </td>
                  <td className="muted">{line.note}</td>
                  <td className="actions">
                    {line.outcome !== 'MATCHED' && (
                      <label className="inline">
                        <input
                          type="checkbox"
                          checked={line.reviewed}
                          disabled={marking.loading}
                          onChange={(e) => {
                            const reviewed = e.target.checked;
                            void markReviewed({
                              variables: { input: { reconciliationId: run.id, lineIds: [line.id], reviewed } },
                              optimisticResponse: {
                                markReconciliationLinesReviewed: [{ id: line.id, reviewed }],
                              },
                            });
                          }}
                        />
                        Reviewed
                      </label>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="pager">
            {pages.length > 1 && (
              <button type="button" onClick={() => setPages(pages.slice(0, -1))}>
                Previous page
              </button>
            )}
            {run.lines.pageInfo.hasNextPage && (
              <button type="button" onClick={() => setPages([...pages, run.lines.pageInfo.endCursor ?? null])}>
                Next page
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { DownloadPdf } from '../DownloadPdf';
import { ErrorMessage } from '../errors';
import { instant } from '../format';
import { LoadMore } from '../LoadMore';
import { CreateReportDocument, ReportJobsDocument, type InvoiceStatus, type ReportJobFieldsFragment, type ReportName } from '../generated';

export const PAGE_SIZE = 20;
/** How often the list is read again while a report is being written (its progress). */
export const PROGRESS_POLL_MS = 1000;

/** The reports, in the order of the REST routes (`GET /v1/reports/<name>`). */
const REPORTS: Array<[ReportName, string]> = [
  ['INVOICES', 'Invoices'],
  ['INVOICE_LINES', 'Invoice lines'],
  ['TAX_SUMMARY', 'Tax summary'],
  ['CREDIT_NOTES', 'Credit notes'],
  ['PAYMENTS', 'Payments and refunds'],
  ['USAGE', 'Usage'],
];
const LABEL = new Map(REPORTS);
const STATUSES: InvoiceStatus[] = ['DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'VOID'];
const ISSUED: InvoiceStatus[] = ['ISSUED', 'OVERDUE', 'PAID', 'VOID'];

const working = (job: ReportJobFieldsFragment) => job.status === 'QUEUED' || job.status === 'RUNNING';

/** A UTC day (yyyy-mm-dd, the date input's value) as the instant it starts; empty: no bound. */
const dayStart = (value: string) => (value ? `${value}T00:00:00Z` : null);

/** rows written of rows expected, as a percentage when the total is known. */
function progressText(job: ReportJobFieldsFragment): string {
  if (job.rowsExpected === null || job.rowsExpected === undefined) return `${job.rowsWritten} rows`;
  const share = job.rowsExpected === 0 ? 100 : Math.floor((100 * job.rowsWritten) / job.rowsExpected);
  return `${job.rowsWritten} of ${job.rowsExpected} rows (${share} %)`;
}

/** What a job covers, in one line: its period, statuses, customer and plan. */
function filtersText(job: ReportJobFieldsFragment): string {
  const f = job.filters;
  const parts = [`${f.from ? f.from.slice(0, 10) : '…'} – ${f.to ? f.to.slice(0, 10) : '…'}`, f.statuses.join(', ')];
  if (f.customer) parts.push(`customer ${f.customer}`);
  if (f.plan) parts.push(`plan ${f.plan}`);
  return parts.join(' · ');
}

/**
 * /reports: create a CSV report (report, period, invoice statuses incl. drafts, customer, plan), follow its progress
 * while the server writes it, download it when done; the list of past reports (files expire after the retention).
 */
export function ReportsScreen({ pollMs = PROGRESS_POLL_MS }: { pollMs?: number }) {
  const { data, loading, error, fetchMore, startPolling, stopPolling } = useQuery(ReportJobsDocument, {
    variables: { first: PAGE_SIZE },
    fetchPolicy: 'cache-and-network',
  });
  const jobs = data?.reports.edges.map((e) => e.node) ?? [];
  const busy = jobs.some(working);
  useEffect(() => {
    if (busy) startPolling(pollMs);
    else stopPolling();
    return () => stopPolling();
  }, [busy, pollMs, startPolling, stopPolling]);
  return (
    <section>
      <div className="screen-head">
        <h2>Reports</h2>
      </div>
      <p className="muted">
        CSV reports are written on the server, however many rows they have; the same files as <code>GET /v1/reports/&lt;name&gt;</code>.
        Amounts are exact decimals, instants RFC 3339 in UTC.
      </p>
      <NewReportForm />
      <ErrorMessage error={error} />
      {!data && loading && <p className="state">Loading reports…</p>}
      {data && jobs.length === 0 && <p className="state empty">No reports yet.</p>}
      {jobs.length > 0 && (
        <table aria-label="Reports">
          <thead>
            <tr>
              <th>Report</th>
              <th>Filters</th>
              <th>Status</th>
              <th>Progress</th>
              <th>Created</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((job) => (
              <tr key={job.id}>
                <td>{LABEL.get(job.report) ?? job.report}</td>
                <td className="muted">{filtersText(job)}</td>
                <td>
                  <span
                    className={`badge ${job.status === 'SUCCEEDED' ? 'active' : job.status === 'FAILED' ? 'overdue' : job.status === 'EXPIRED' ? 'archived' : 'issued'}`}
                  >
                    {job.status}
                  </span>
                  {job.error && <div className="muted">{job.error}</div>}
                </td>
                <td>
                  {working(job) && (
                    <progress
                      value={job.rowsWritten}
                      max={job.rowsExpected ?? undefined}
                      aria-label={`Progress of ${LABEL.get(job.report)}`}
                    />
                  )}{' '}
                  {progressText(job)}
                </td>
                <td>{instant(job.createdAt)}</td>
                <td className="actions">
                  {job.downloadPath && (
                    <DownloadPdf
                      path={job.downloadPath}
                      label="Download"
                      name={`Download ${LABEL.get(job.report)} CSV`}
                      busyLabel="Downloading…"
                      fallbackName={job.fileName ?? 'report.csv'}
                    />
                  )}
                  {job.status === 'SUCCEEDED' && job.expiresAt && <div className="muted">until {instant(job.expiresAt)}</div>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <LoadMore pageInfo={data?.reports.pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

function NewReportForm() {
  const [report, setReport] = useState<ReportName>('INVOICES');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [statuses, setStatuses] = useState<InvoiceStatus[]>(ISSUED);
  const [customer, setCustomer] = useState('');
  const [plan, setPlan] = useState('');
  const [create, { loading, error, reset }] = useMutation(CreateReportDocument, {
    refetchQueries: [{ query: ReportJobsDocument, variables: { first: PAGE_SIZE } }],
    awaitRefetchQueries: true,
  });
  const toggle = (status: InvoiceStatus) =>
    setStatuses((given) =>
      given.includes(status) ? given.filter((s) => s !== status) : STATUSES.filter((s) => s === status || given.includes(s)),
    );
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    reset();
    try {
      await create({
        variables: {
          report,
          filters: { from: dayStart(from), to: dayStart(to), statuses, customer: customer.trim() || null, plan: plan.trim() || null },
        },
      });
    } catch {
      // shown by `error`
    }
  };
  return (
    <form className="card" onSubmit={submit} aria-label="New report">
      <label>
        Report
        <select value={report} onChange={(e) => setReport(e.target.value as ReportName)}>
          {REPORTS.map(([name, label]) => (
            <option key={name} value={name}>
              {label}
            </option>
          ))}
        </select>
      </label>
      <label>
        From (UTC day)
        <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
      </label>
      <label>
        Before (UTC day)
        <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
      </label>
      <fieldset>
        <legend>Invoice statuses</legend>
        {STATUSES.map((status) => (
          <label key={status} className="inline">
            <input type="checkbox" checked={statuses.includes(status)} onChange={() => toggle(status)} /> {status}
          </label>
        ))}
      </fieldset>
      <label>
        Customer (id or reference)
        <input value={customer} onChange={(e) => setCustomer(e.target.value)} />
      </label>
      <label>
        Plan (reference or id)
        <input value={plan} onChange={(e) => setPlan(e.target.value)} />
      </label>
      <ErrorMessage error={error} />
      <button type="submit" className="primary" disabled={loading}>
        {loading ? 'Creating…' : 'Create report'}
      </button>
    </form>
  );
}

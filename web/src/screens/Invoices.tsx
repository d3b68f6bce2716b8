import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
import { DownloadPdf } from '../DownloadPdf';
import { EmailDeliveries } from './EmailDeliveries';
import { ErrorMessage } from '../errors';
import { day, money, period } from '../format';
import {
  InvoiceDocument,
  InvoicesDocument,
  IssueInvoiceDocument,
  MarkInvoicePaidDocument,
  VoidInvoiceDocument,
  type InvoiceStatus,
} from '../generated';
import { CreditNoteForm, CreditNotes } from './CreditNotes';
import { PaymentForm, Payments } from './Payments';
import { PaymentCollection } from './PaymentCollection';
import { detailState } from '../DetailState';
import { InvoiceTable } from '../InvoiceTable';
import { LoadMore } from '../LoadMore';

const PAGE_SIZE = 20;
const DRAFT_POLL_MS = 3000;
const STATUSES: InvoiceStatus[] = ['DRAFT', 'ISSUED', 'OVERDUE', 'PAID', 'VOID'];
/** The CSV reports of invoicing (`GET /v1/reports/<name>`), in menu order. */
const REPORTS: Array<[name: string, label: string]> = [
  ['invoices', 'Invoices'],
  ['invoice-lines', 'Invoice lines'],
  ['tax-summary', 'Tax summary'],
  ['credit-notes', 'Credit notes'],
  ['payments', 'Payments'],
  ['usage', 'Usage'],
];

/** A report's path with the screen's filter: the status shown (none: every issued invoice, drafts left out). */
function reportPath(name: string, status: InvoiceStatus | ''): string {
  return `/v1/reports/${name}${status ? `?status=${status}` : ''}`;
}

/** "Download CSV": each report for the invoices the list shows, fetched with the session's key and saved. */
function ReportDownloads({ status }: { status: InvoiceStatus | '' }) {
  return (
    <details className="reports">
      <summary>Download CSV</summary>
      <p className="muted">{status ? `Invoices with status ${status}.` : 'Every issued invoice (drafts: choose the DRAFT status).'}</p>
      <ul>
        {REPORTS.map(([name, label]) => (
          <li key={name}>
            <DownloadPdf
              path={reportPath(name, status)}
              label={label}
              name={`Download ${label} CSV`}
              busyLabel="Preparing CSV…"
              fallbackName={`${name}.csv`}
            />
          </li>
        ))}
      </ul>
    </details>
  );
}

/** Issued and still collecting payments. */
const OPEN: InvoiceStatus[] = ['ISSUED', 'OVERDUE'];

export function InvoicesScreen({ onOpen }: { onOpen: (id: string) => void }) {
  const [status, setStatus] = useState<InvoiceStatus | ''>('');
  const { data, loading, error, fetchMore } = useQuery(InvoicesDocument, {
    variables: { first: PAGE_SIZE, status: status || null },
    fetchPolicy: 'cache-and-network',
  });
  const invoices = data?.invoices.edges.map((e) => e.node) ?? [];
  const pageInfo = data?.invoices.pageInfo;
  return (
    <section>
      <div className="screen-head">
        <h2>Invoices</h2>
        <label className="inline">
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as InvoiceStatus | '')}>
            <option value="">All</option>
            {STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <ReportDownloads status={status} />
      </div>
      {error && <ErrorMessage error={error} />}
      {!data && loading && <p className="state">Loading invoices…</p>}
      {data && invoices.length === 0 && <p className="state empty">No invoices{status ? ` with status ${status}` : ''}.</p>}
      {invoices.length > 0 && <InvoiceTable invoices={invoices} onOpen={onOpen} withCustomer />}
      <LoadMore pageInfo={pageInfo} fetchMore={fetchMore} />
    </section>
  );
}

export function InvoiceDetail({ id, onBack, pollMs = DRAFT_POLL_MS }: { id: string; onBack: () => void; pollMs?: number }) {
  const { data, loading, error, startPolling, stopPolling } = useQuery(InvoiceDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  // A draft is kept current as usage arrives: the page follows it until it is issued.
  const isDraft = data?.invoice?.status === 'DRAFT';
  useEffect(() => {
    if (!isDraft) return;
    startPolling(pollMs);
    return stopPolling;
  }, [isDraft, pollMs, startPolling, stopPolling]);
  const refetchLists = { refetchQueries: ['Invoices'] };
  const [issue, issuing] = useMutation(IssueInvoiceDocument, refetchLists);
  const [markPaid, paying] = useMutation(MarkInvoicePaidDocument, refetchLists);
  const [voidInvoice, voiding] = useMutation(VoidInvoiceDocument, refetchLists);
  const [reason, setReason] = useState('');
  const busy = issuing.loading || paying.loading || voiding.loading;
  const invoice = data?.invoice;

  const back = (
    <button type="button" className="link" onClick={onBack}>
      ← All invoices
    </button>
  );
  const state = detailState({ back, loading: !data && loading, error, found: Boolean(invoice), what: 'invoice' });
  if (state || !invoice) return state;

  const submitVoid = (event: FormEvent) => {
    event.preventDefault();
    voidInvoice({ variables: { id, reason: reason.trim() } }).catch(() => undefined);
  };
  return (
    <section>
      {back}
      <div className="screen-head">
        <h2>{invoice.number ?? 'Draft invoice'}</h2>
        <span className={`badge ${invoice.status.toLowerCase()}`} data-testid="invoice-status">
          {invoice.status}
        </span>
      </div>
      <dl className="facts">
        <dt>Customer</dt>
        <dd>
          {invoice.customer.name} (<code>{invoice.customer.reference}</code>)
        </dd>
        {invoice.subscription?.planVersion && (
          <>
            <dt>Plan</dt>
            <dd>
              {invoice.subscription.planVersion.plan.name} (<code>{invoice.subscription.planVersion.plan.reference}</code>) v
              {invoice.subscription.planVersion.version}
            </dd>
          </>
        )}
        <dt>Billed from</dt>
        <dd data-testid="invoice-seller">
          {invoice.billingEntity.legalName ?? invoice.billingEntity.billingEntity.code} (
          <code>{invoice.billingEntity.billingEntity.code}</code> v{invoice.billingEntity.version})
        </dd>
        <dt>Period</dt>
        <dd>{period(invoice.periodStart, invoice.periodEnd)}</dd>
        {invoice.status === 'DRAFT' && (
          <>
            <dt>Issued automatically</dt>
            <dd>{day(invoice.issuesAt)}</dd>
            <dt>Last recomputed</dt>
            <dd data-testid="invoice-refreshed">
              {invoice.refreshedAt ? `${invoice.refreshedAt.slice(0, 19).replace('T', ' ')} UTC` : '—'}
            </dd>
          </>
        )}
        {invoice.issuedAt && (
          <>
            <dt>Issued</dt>
            <dd>{day(invoice.issuedAt)}</dd>
            <dt>Due</dt>
            <dd data-testid="invoice-due">{day(invoice.dueAt)}</dd>
          </>
        )}
        {invoice.paidAt && (
          <>
            <dt>Paid</dt>
            <dd>{day(invoice.paidAt)}</dd>
          </>
        )}
        {invoice.voidReason && (
          <>
            <dt>Void reason</dt>
            <dd>{invoice.voidReason}</dd>
          </>
        )}
      </dl>
      <table className="lines">
        <thead>
          <tr>
            <th>Description</th>
            <th className="num">Quantity</th>
            <th className="num">Amount</th>
          </tr>
        </thead>
        <tbody>
          {invoice.lines.length === 0 && (
            <tr>
              <td colSpan={3} className="state empty">
                No lines.
              </td>
            </tr>
          )}
          {invoice.lines.map((line) => (
            <tr key={line.id}>
              <td>
                {line.description}
                {line.deduction && <span className="muted"> (deduction)</span>}
                {line.breakdown.length > 0 && (
                  <ul className="breakdown">
                    {line.breakdown.map((b, i) => (
                      <li key={i}>
                        {b.label}
                        {b.quantity !== null && <> · {b.quantity}</>}
                        {b.unitPrice !== null && <> × {b.unitPrice}</>}
                        {b.flatFee !== null && b.flatFee !== '0' && <> + {b.flatFee} flat</>} = {b.amount}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="num">{line.quantity ?? '—'}</td>
              <td className="num">{money(line.amount)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={2}>Subtotal</td>
            <td className="num">{money(invoice.subtotal)}</td>
          </tr>
          <tr>
            <td colSpan={2}>Tax{invoice.taxRate ? ` (${invoice.taxRate} %)` : ''}</td>
            <td className="num">{money(invoice.tax)}</td>
          </tr>
          <tr className="total">
            <td colSpan={2}>Total</td>
            <td className="num" data-testid="invoice-total">
              {money(invoice.total)}
            </td>
          </tr>
          {invoice.deductions.amount !== '0' && (
            <tr>
              <td colSpan={2}>Deductions</td>
              <td className="num">{money(invoice.deductions)}</td>
            </tr>
          )}
          {invoice.credited.amount !== '0' && (
            <tr>
              <td colSpan={2}>Credited</td>
              <td className="num" data-testid="invoice-credited">
                {money(invoice.credited)}
              </td>
            </tr>
          )}
          {invoice.amountPaid.amount !== '0' && (
            <tr>
              <td colSpan={2}>Paid</td>
              <td className="num" data-testid="invoice-paid">
                {money(invoice.amountPaid)}
              </td>
            </tr>
          )}
          <tr className="total">
            <td colSpan={2}>Amount due</td>
            <td className="num" data-testid="invoice-due-amount">
              {money(invoice.amountDue)}
            </td>
          </tr>
        </tfoot>
      </table>
      <div className="actions">
        {invoice.status === 'DRAFT' && (
          <button type="button" className="primary" disabled={busy} onClick={() => issue({ variables: { id } }).catch(() => undefined)}>
            Issue invoice
          </button>
        )}
        <DownloadPdf
          path={invoice.pdfUrl}
          label={invoice.status === 'DRAFT' ? 'Download PDF (draft preview)' : 'Download PDF'}
          fallbackName={`${invoice.number ?? 'draft'}.pdf`}
        />
        {OPEN.includes(invoice.status) && (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => markPaid({ variables: { id } }).catch(() => undefined)}
            >
              Mark paid
            </button>
            {invoice.amountPaid.amount === '0' && (
              <form className="inline" onSubmit={submitVoid}>
                <input
                  aria-label="Void reason"
                  placeholder="Reason for voiding"
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
                <button type="submit" className="danger" disabled={busy || !reason.trim()}>
                  Void
                </button>
              </form>
            )}
          </>
        )}
      </div>
      <ErrorMessage error={issuing.error ?? paying.error ?? voiding.error} />
      <Payments payments={invoice.payments} />
      <PaymentCollection collection={invoice.paymentCollection} />
      {invoice.status !== 'DRAFT' && <EmailDeliveries invoiceId={invoice.id} deliveries={invoice.emailDeliveries} />}
      {OPEN.includes(invoice.status) && <PaymentForm invoice={invoice} />}
      <CreditNotes creditNotes={invoice.creditNotes} />
      {(OPEN.includes(invoice.status) || invoice.status === 'PAID') && <CreditNoteForm invoice={invoice} />}
    </section>
  );
}

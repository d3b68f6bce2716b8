import { useMutation, useQuery } from '@apollo/client/react';
import { useEffect, useState, type FormEvent } from 'react';
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
import { detailState } from '../DetailState';
import { InvoiceTable } from '../InvoiceTable';
import { LoadMore } from '../LoadMore';

const PAGE_SIZE = 20;
const DRAFT_POLL_MS = 3000;
const STATUSES: InvoiceStatus[] = ['DRAFT', 'ISSUED', 'PAID', 'VOID'];

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
        <dt>Period</dt>
        <dd>{period(invoice.periodStart, invoice.periodEnd)}</dd>
        {invoice.status === 'DRAFT' && (
          <>
            <dt>Issued automatically</dt>
            <dd>{day(invoice.dueAt)}</dd>
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
          <tr className="total">
            <td colSpan={2}>Amount due</td>
            <td className="num">{money(invoice.amountDue)}</td>
          </tr>
          {invoice.credited.amount !== '0' && (
            <tr>
              <td colSpan={2}>Credited</td>
              <td className="num" data-testid="invoice-credited">
                {money(invoice.credited)}
              </td>
            </tr>
          )}
        </tfoot>
      </table>
      <div className="actions">
        {invoice.status === 'DRAFT' && (
          <button type="button" className="primary" disabled={busy} onClick={() => issue({ variables: { id } }).catch(() => undefined)}>
            Issue invoice
          </button>
        )}
        {invoice.status === 'ISSUED' && (
          <>
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => markPaid({ variables: { id } }).catch(() => undefined)}
            >
              Mark paid
            </button>
            <form className="inline" onSubmit={submitVoid}>
              <input aria-label="Void reason" placeholder="Reason for voiding" value={reason} onChange={(e) => setReason(e.target.value)} />
              <button type="submit" className="danger" disabled={busy || !reason.trim()}>
                Void
              </button>
            </form>
          </>
        )}
      </div>
      <ErrorMessage error={issuing.error ?? paying.error ?? voiding.error} />
      <CreditNotes creditNotes={invoice.creditNotes} />
      {(invoice.status === 'ISSUED' || invoice.status === 'PAID') && <CreditNoteForm invoice={invoice} />}
    </section>
  );
}

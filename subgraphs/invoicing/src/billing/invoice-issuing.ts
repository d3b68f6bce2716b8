import type { InvoiceIssuedPayload } from '@meterline/contracts';
import { returnedRows, type SubgraphServices, type Transaction } from '@meterline/kit';
import { lockCustomerInvoices, takeCustomerRequests } from '../store/draft-requests';
import { refreshCustomerDrafts } from './invoice-drafts';

export interface BillingOptions {
  /** How long after a period's end its draft stays open for late usage before it is issued. */
  graceMs: number;
  /** Invoice numbers are `<prefix><000001>`, gapless per platform. */
  invoiceNumberPrefix: string;
  creditNoteNumberPrefix: string;
  /** How often the refresher looks for drafts to recompute when idle (it is also woken at once). */
  refreshIntervalMs: number;
  /** Refresh rounds run at once in this process (each takes other customers: SKIP LOCKED). */
  refreshers: number;
  /** How often the issuing job looks for due drafts. */
  issueIntervalMs: number;
}

export const defaultBillingOptions: BillingOptions = {
  graceMs: 0,
  invoiceNumberPrefix: 'INV-',
  creditNoteNumberPrefix: 'CN-',
  refreshIntervalMs: 100,
  refreshers: 2,
  issueIntervalMs: 1000,
};

export type NumberSeries = 'invoice' | 'credit_note';

/**
 * The next number of a platform's series, formatted. The counter row is incremented in the caller's transaction: a
 * rollback gives the number back (no gap) and concurrent issuers queue on the row (no duplicate).
 */
export async function nextNumber(tx: Transaction, platformId: string, series: NumberSeries, prefix: string): Promise<string> {
  const [row] = (await tx.manager.query(
    `INSERT INTO invoice_numbers (platform_id, series, last_number) VALUES ($1, $2, 1)
     ON CONFLICT (platform_id, series) DO UPDATE SET last_number = invoice_numbers.last_number + 1
     RETURNING last_number::text AS number`,
    [platformId, series],
  )) as Array<{ number: string }>;
  return `${prefix}${row.number.padStart(6, '0')}`;
}

interface IssuedRow {
  id: string;
  number: string;
  kind: InvoiceIssuedPayload['kind'];
  customer_id: string;
  subscription_id: string | null;
  currency: string;
  period_start: Date;
  period_end: Date;
  subtotal: string;
  tax: string;
  total: string;
  deductions: string;
  amount_due: string;
  issued_at: Date;
}

/**
 * Issues a customer's drafts: the caller holds the customer's invoice lock. A pending refresh is applied first (the
 * draft's last recomputation), then each draft gets the platform's next number and becomes immutable, and
 * `invoicing.invoice.issued` leaves with the same transaction. `ids` limits it to some drafts (issuing on demand);
 * without it, every draft due by `now` is issued.
 */
export async function issueCustomerDrafts(
  tx: Transaction,
  platformId: string,
  customerId: string,
  now: Date,
  options: BillingOptions,
  ids?: string[],
): Promise<IssuedRow[]> {
  const pending = await takeCustomerRequests(tx, platformId, [customerId]);
  if (pending.has(customerId))
    await refreshCustomerDrafts(tx, platformId, customerId, pending.get(customerId) ?? null, now, options.graceMs);
  const drafts = (await tx.manager.query(
    `SELECT id FROM invoices WHERE platform_id = $1 AND customer_id = $2 AND status = 'DRAFT'
        AND ${ids ? 'id = ANY($3::uuid[])' : 'due_at <= $3'}
      ORDER BY period_start, kind DESC, id FOR UPDATE`,
    [platformId, customerId, ids ?? now],
  )) as Array<{ id: string }>;
  const issued: IssuedRow[] = [];
  for (const { id } of drafts) {
    const number = await nextNumber(tx, platformId, 'invoice', options.invoiceNumberPrefix);
    const [row] = returnedRows<IssuedRow>(
      await tx.manager.query(
        `UPDATE invoices SET status = 'ISSUED', number = $3, issued_at = $4, due_at = NULL WHERE platform_id = $1 AND id = $2
         RETURNING id, number, kind, customer_id, subscription_id, currency, period_start, period_end, subtotal::text, tax::text,
                   total::text, deductions::text, amount_due::text, issued_at`,
        [platformId, id, number, now],
      ),
    );
    await tx.emit('invoicing.invoice.issued', platformId, {
      id: row.id,
      number: row.number,
      kind: row.kind,
      customerId: row.customer_id,
      subscriptionId: row.subscription_id,
      currency: row.currency.trim(),
      periodStart: row.period_start.toISOString(),
      periodEnd: row.period_end.toISOString(),
      subtotal: row.subtotal,
      tax: row.tax,
      total: row.total,
      deductions: row.deductions,
      amountDue: row.amount_due,
      issuedAt: row.issued_at.toISOString(),
    });
    issued.push(row);
  }
  return issued;
}

/**
 * The billing run: issues every draft due by the service clock, customer by customer. Each customer is taken with a
 * try-lock, so replicas running this at once split the work and never issue one invoice twice; numbers come from
 * the per-platform counter row inside the same transaction, so they stay gapless. Returns how many were issued.
 */
export async function issueDueDrafts(services: SubgraphServices, options: BillingOptions, customersPerRound = 50): Promise<number> {
  const now = services.clock.now();
  const candidates = (await services.db.query(
    `SELECT DISTINCT platform_id, customer_id FROM (
       SELECT platform_id, customer_id FROM invoices WHERE status = 'DRAFT' AND due_at <= $1 ORDER BY due_at LIMIT $2) due
      ORDER BY platform_id, customer_id`,
    [now, customersPerRound * 4],
  )) as Array<{ platform_id: string; customer_id: string }>;
  if (candidates.length === 0) return 0;
  // A random start spreads replicas over different customers instead of all trying the same first one.
  const offset = Math.floor(Math.random() * candidates.length);
  const order = [...candidates.slice(offset), ...candidates.slice(0, offset)].slice(0, customersPerRound);
  order.sort((a, b) => (a.platform_id < b.platform_id ? -1 : a.platform_id > b.platform_id ? 1 : 0));
  return services.db.transact(async (tx) => {
    let issued = 0;
    for (const c of order) {
      if (!(await lockCustomerInvoices(tx, c.platform_id, c.customer_id, false))) continue;
      issued += (await issueCustomerDrafts(tx, c.platform_id, c.customer_id, now, options)).length;
    }
    return issued;
  });
}

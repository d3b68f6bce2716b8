import { REPORT_CHUNK_BYTES } from '../domain/report-job-status';
import type { InvoiceIssuedPayload } from '@meterline/contracts';
import {
  forEachTimeScope,
  returnedRows,
  scopeCondition,
  scopeParameters,
  type SubgraphServices,
  type TimeScope,
  type Transaction,
} from '@meterline/kit';
import { DEFAULT_RETRY_SCHEDULE_DAYS } from '../domain/collection';
import { paymentDueAt } from '../domain/payments';
import { DEV_PAYMENT_SECRETS_KEY } from './payment-secrets';
import { lockCustomerInvoices, takeCustomerRequests } from '../store/draft-requests';
import { buyerSnapshotSql } from '../store/invoice-documents';
import { ownPaymentTermsDays } from '../store/invoicing-settings.repository';
import { currentVersionForCustomer, nextNumber } from '../store/billing-entities.repository';
import { effectivePrefixes, paymentTermsOf } from '../domain/billing-entity';
import { deploymentPrefixes } from './billing-entities';
import { refreshCustomerDrafts } from './invoice-drafts';

export interface BillingOptions {
  /** How long after a period's end its draft stays open for late usage before it is issued. */
  graceMs: number;
  /** Invoice numbers are `<prefix><000001>`, gapless per billing entity: the prefix of an entity that sets none. */
  invoiceNumberPrefix: string;
  /** Credit note numbers' prefix for an entity that sets none. */
  creditNoteNumberPrefix: string;
  /** How often the refresher looks for drafts to recompute when idle (it is also woken at once). */
  refreshIntervalMs: number;
  /** Refresh rounds run at once in this process (each takes other customers: SKIP LOCKED). */
  refreshers: number;
  /**
   * How old a customer's oldest refresh request is before the background refresher applies it. Readers never wait for
   * it (a draft read through the API is recomputed first); it lets usage arriving in a burst make one refresh, not many.
   */
  refreshDelayMs: number;
  /** INVOICE_REFRESH_BUSY_PERCENT as the PollingWorker's rest after a round, in times the round's duration. */
  refreshRestRatio: number;
  /** How often the issuing job looks for due drafts (and the overdue job for invoices past their due date). */
  issueIntervalMs: number;
  /** Days from issue to the payment due date for a platform that has not set its own (0: due on issue). */
  paymentTermsDays: number;
  /** Dunning: days after each failed collection attempt before the next one (PAYMENT_RETRY_SCHEDULE_DAYS). */
  retryScheduleDays: readonly number[];
  /** How long a claimed collection attempt may stay unanswered before another round sends it again (same idempotency key). */
  collectionLeaseMs: number;
  /** Where the Stripe SDK sends its calls (STRIPE_API_URL): https://api.stripe.com, or a local fake in tests. */
  stripeApiUrl: string;
  /** Encrypts the providers' secret keys at rest (PAYMENT_SECRETS_KEY). */
  paymentSecretsKey: string;
  /** How long a report job's file stays downloadable after it is written (REPORT_RETENTION_MS). */
  reportRetentionMs: number;
  /** How long a running report job may go without its worker's heartbeat before another takes it (REPORT_JOB_LEASE_MS). */
  reportLeaseMs: number;
  /** Idle poll of the report worker (REPORT_JOB_INTERVAL_MS). */
  reportIntervalMs: number;
  /** Bytes per stored chunk of a report file (tests make it small to write many). */
  reportChunkBytes: number;
}

export const defaultBillingOptions: BillingOptions = {
  graceMs: 0,
  invoiceNumberPrefix: 'INV-',
  creditNoteNumberPrefix: 'CN-',
  refreshIntervalMs: 100,
  refreshers: 2,
  refreshDelayMs: 0,
  refreshRestRatio: 0,
  issueIntervalMs: 1000,
  paymentTermsDays: 30,
  retryScheduleDays: DEFAULT_RETRY_SCHEDULE_DAYS,
  collectionLeaseMs: 60_000,
  stripeApiUrl: 'https://api.stripe.com',
  paymentSecretsKey: DEV_PAYMENT_SECRETS_KEY,
  reportRetentionMs: 7 * 24 * 3_600_000,
  reportLeaseMs: 60_000,
  reportIntervalMs: 1000,
  reportChunkBytes: REPORT_CHUNK_BYTES,
};

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
 * draft's last recomputation), then each draft gets the next number of its customer's billing entity, that entity
 * version (kept: the seller as issued), its payment due date (the entity's payment terms, else the platform's, else
 * the deployment's, from now), the buyer block of its customer as it is now, and becomes immutable, and
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
        AND ${ids ? 'id = ANY($3::uuid[])' : 'issues_at <= $3'}
      ORDER BY period_start, kind DESC, id FOR UPDATE`,
    [platformId, customerId, ids ?? now],
  )) as Array<{ id: string }>;
  const issued: IssuedRow[] = [];
  if (drafts.length === 0) return issued;
  // The customer's billing entity as it is now, and the terms in force now: an issued invoice keeps this entity
  // version and due date whatever the entity or the terms become later.
  const seller = await currentVersionForCustomer(tx, platformId, customerId, now);
  const terms = paymentTermsOf(seller.paymentTermsDays, await ownPaymentTermsDays(tx.manager, platformId), options.paymentTermsDays);
  const due = paymentDueAt(now, terms);
  const prefix = effectivePrefixes(seller, deploymentPrefixes(options)).invoice;
  for (const { id } of drafts) {
    const number = await nextNumber(tx, platformId, seller.billingEntityId, 'invoice', prefix);
    const [row] = returnedRows<IssuedRow>(
      await tx.manager.query(
        `UPDATE invoices SET status = 'ISSUED', number = $3, issued_at = $4, due_at = $5, billing_entity_version_id = $6,
                             buyer = ${buyerSnapshotSql('$1', 'invoices.customer_id')}
          WHERE platform_id = $1 AND id = $2
         RETURNING id, number, kind, customer_id, subscription_id, currency, period_start, period_end, subtotal::text, tax::text,
                   total::text, deductions::text, amount_due::text, issued_at`,
        [platformId, id, number, now, due, seller.id],
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
 * the billing entity's counter row inside the same transaction, so they stay gapless. Returns how many were issued.
 */
export async function issueDueDrafts(services: SubgraphServices, options: BillingOptions, customersPerRound = 50): Promise<number> {
  return forEachTimeScope(services.clock, (scope) => issueDueDraftsIn(services, options, scope, customersPerRound));
}

/** The billing run over the platforms of one TimeScope (production at the service clock, or one sandbox at its time). */
async function issueDueDraftsIn(services: SubgraphServices, options: BillingOptions, scope: TimeScope, customersPerRound: number) {
  const now = scope.now;
  const candidates = (await services.db.query(
    `SELECT DISTINCT platform_id, customer_id FROM (
       SELECT platform_id, customer_id FROM invoices WHERE status = 'DRAFT' AND issues_at <= $1
          AND ${scopeCondition('platform_id', 3, 4)}
        ORDER BY issues_at LIMIT $2) due
      ORDER BY platform_id, customer_id`,
    [now, customersPerRound * 4, ...scopeParameters(scope)],
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

import type { RequestContext } from '@meterline/kit';
import { customersWithRequests, lockCustomersInvoices, takeCustomerRequests } from '../store/draft-requests';
import type { InvoiceEntity } from '../store/invoice.entity';
import { InvoiceRepository } from '../store/invoice.repository';
import { billingOptionsOf } from './billing-options';
import { refreshDrafts } from './invoice-drafts';

/**
 * Drafts are current when read: before the API answers with drafts whose customers have usage (or changes) the
 * refresher has not applied yet, those customers' drafts are recomputed here, as the refresher would (the same
 * `refreshDrafts`, under the same invoice locks, taking the same requests). A refresh round already holding a customer
 * is waited for; then its requests are gone and nothing is recomputed twice. Answers whether anything was recomputed
 * (the caller reads the rows again). Usage the usage consumer has not applied yet is not in a draft until it is.
 */
export function freshenDrafts(ctx: RequestContext, invoices: ReadonlyArray<InvoiceEntity | null>): Promise<boolean> {
  return freshenCustomers(ctx, [...new Set(invoices.flatMap((i) => (i && i.status === 'DRAFT' ? [i.customerId] : [])))]);
}

/** Customers whose drafts one transaction of `freshenCustomers` recomputes (their invoice locks held together). */
export const FRESHEN_BATCH = 50;

/**
 * `freshenDrafts` for customers whatever invoices are read: before a list of a customer's invoices, so that what a
 * refresh adds (a correction of an issued period, a period's new draft) is on it too. `FRESHEN_BATCH` customers per
 * transaction: a report, simulation or reconciliation over many pending customers never holds all their locks (nor
 * one long transaction) at once.
 */
export async function freshenCustomers(ctx: RequestContext, customers: string[]): Promise<boolean> {
  if (customers.length === 0) return false;
  const stale = await customersWithRequests(ctx.db.ds, ctx.platformId, customers);
  let recomputed = false;
  for (let i = 0; i < stale.length; i += FRESHEN_BATCH)
    recomputed = (await freshenBatch(ctx, stale.slice(i, i + FRESHEN_BATCH))) || recomputed;
  return recomputed;
}

function freshenBatch(ctx: RequestContext, stale: string[]): Promise<boolean> {
  const { graceMs } = billingOptionsOf(ctx.db);
  return ctx.db.transact(async (tx) => {
    await lockCustomersInvoices(tx, ctx.platformId, stale);
    const requests = await takeCustomerRequests(tx, ctx.platformId, stale);
    if (requests.size === 0) return false;
    await refreshDrafts(
      tx,
      ctx.platformId,
      [...requests].map(([customerId, usageSince]) => ({ customerId, usageSince })),
      ctx.clock.now(),
      graceMs,
    );
    return true;
  });
}

/** Invoices as the API answers them: drafts current when read. */
export function currentInvoices(ctx: RequestContext): InvoiceRepository {
  return new InvoiceRepository(ctx, (rows) => freshenDrafts(ctx, rows));
}

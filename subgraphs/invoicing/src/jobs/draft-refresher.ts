import type { SubgraphServices } from '@meterline/kit';
import { refreshDrafts } from '../billing/invoice-drafts';
import { oldestRequestedCustomers, takeCustomerRequests, tryLockCustomersInvoices } from '../store/draft-requests';

/** Refreshes requested drafts, many customers per transaction; returns how many customers were refreshed. */
export async function refreshRequestedDrafts(services: SubgraphServices, graceMs: number, customersPerRound = 200): Promise<number> {
  const now = services.clock.now();
  return services.db.transact(async (tx) => {
    let refreshed = 0;
    for (const [platformId, asked] of await oldestRequestedCustomers(tx, customersPerRound)) {
      // A customer being issued right now by another job is left alone: that job applies the request itself.
      const locked = await tryLockCustomersInvoices(tx, platformId, asked);
      if (locked.length === 0) continue;
      const requests = await takeCustomerRequests(tx, platformId, locked, true);
      if (requests.size === 0) continue;
      await refreshDrafts(
        tx,
        platformId,
        [...requests].map(([customerId, usageSince]) => ({ customerId, usageSince })),
        now,
        graceMs,
      );
      refreshed += requests.size;
    }
    return refreshed;
  });
}

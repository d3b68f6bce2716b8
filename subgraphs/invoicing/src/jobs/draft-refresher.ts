import type { SubgraphServices } from '@meterline/kit';
import { refreshDrafts } from '../billing/invoice-drafts';
import { takeOldestRequests } from '../store/draft-requests';

/** Refreshes requested drafts, many customers per transaction; returns how many customers were refreshed. */
export async function refreshRequestedDrafts(services: SubgraphServices, graceMs: number, customersPerRound = 200): Promise<number> {
  const now = services.clock.now();
  return services.db.transact(async (tx) => {
    let refreshed = 0;
    for (const [platformId, requests] of await takeOldestRequests(tx, customersPerRound)) {
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

import type { SubgraphServices } from '@meterline/kit';
import { refreshDrafts } from '../billing/invoice-drafts';
import { takeDueRequests } from '../store/draft-requests';

/**
 * Refreshes requested drafts, many customers per transaction, taking the requests that are due (usage asks from
 * INVOICE_REFRESH_DELAY_MS after it arrived; reads and issuing apply requests themselves before that); returns how
 * many customers were refreshed.
 */
export async function refreshRequestedDrafts(services: SubgraphServices, graceMs: number, customersPerRound = 200): Promise<number> {
  return services.db.transact(async (tx) => {
    let refreshed = 0;
    for (const [platformId, requests] of await takeDueRequests(tx, customersPerRound)) {
      await refreshDrafts(
        tx,
        platformId,
        [...requests].map(([customerId, usageSince]) => ({ customerId, usageSince })),
        services.clock.now(platformId), // a sandbox's drafts at its own time
        graceMs,
      );
      refreshed += requests.size;
    }
    return refreshed;
  });
}
